/**
 * File checks on a worker thread with a time limit. One worker is kept warm and reused; a check
 * that runs past the limit terminates it (the next check starts a fresh one) and is reported as a
 * problem, so a crafted file costs the user a message, not a frozen app.
 */
import { Worker } from 'node:worker_threads';
import type { FileCheckKind, FileCheckPort } from './fileChecks';

export interface WorkerCheckOptions {
  /** The built worker script (`.vite/build/fileCheckWorker.js`), or the .ts source in tests. */
  workerPath: string;
  /** Extra Node flags for the worker (tests load TypeScript with `--import tsx`). */
  execArgv?: string[];
  /** Longest a check may run (default 10 s: a real dump takes well under one). */
  timeoutMs?: number;
  /** Test hook: make each check stall this long inside the worker. */
  stallMs?: number;
}

interface Pending {
  resolve(problem: string | null): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWorkerFileChecks(options: WorkerCheckOptions): FileCheckPort {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const settleAll = (problem: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(problem);
    }
  };

  const stop = async () => {
    const w = worker;
    worker = null;
    if (w) await w.terminate();
  };

  const start = (): Worker => {
    const w = new Worker(options.workerPath, { execArgv: options.execArgv ?? [] });
    w.unref();
    w.on('message', (msg: { id: number; problem: string | null }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(msg.id);
      p.resolve(msg.problem);
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      settleAll(`the file could not be checked (${err.message})`);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      settleAll('the file could not be checked (the checker stopped)');
    });
    return w;
  };

  return {
    check(kind: FileCheckKind, bytes: Uint8Array): Promise<string | null> {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(
            `checking the file took longer than ${timeoutMs / 1000} s, so it was not opened ` +
              '(a damaged or crafted file can take that long)',
          );
          if (worker === w) void stop();
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        w.postMessage({ id, kind, bytes, stallMs: options.stallMs });
      });
    },
    dispose: stop,
  };
}
