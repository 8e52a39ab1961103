import { wrap, type Remote } from 'comlink';
import type { LiveWorkerApi } from './live.worker';

let remote: Remote<LiveWorkerApi> | null = null;

/** The live worker (created when a model is first opened; it keeps the model's session). */
export function liveWorker(): Remote<LiveWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./live.worker.ts', import.meta.url), {
      type: 'module',
      name: 'live',
    });
    remote = wrap<LiveWorkerApi>(worker);
  }
  return remote;
}
