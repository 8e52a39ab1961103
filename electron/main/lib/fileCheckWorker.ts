/**
 * Worker-thread entry (built by the main Vite build as .vite/build/fileCheckWorker.js): runs one
 * file check per message so a slow or hostile file can only stall this thread, never main's
 * event loop (menus, IPC, autosave). Main times the check and terminates the worker if needed.
 */
import { parentPort } from 'node:worker_threads';
import { runFileCheck, type FileCheckKind } from './fileChecks';

interface CheckRequest {
  id: number;
  kind: FileCheckKind;
  bytes: Uint8Array;
  /** Test hook: busy-wait this long first, to stand in for a slow check. */
  stallMs?: number;
}

parentPort?.on('message', (request: CheckRequest) => {
  if (request.stallMs) {
    const until = Date.now() + request.stallMs;
    while (Date.now() < until) {
      // Deliberately blocking: this is what a pathological file does to a thread.
    }
  }
  parentPort?.postMessage({ id: request.id, problem: runFileCheck(request.kind, request.bytes) });
});
