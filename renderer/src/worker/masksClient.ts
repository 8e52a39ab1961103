import { wrap, type Remote } from 'comlink';
import type { MasksWorkerApi } from './masks.worker';

let remote: Remote<MasksWorkerApi> | null = null;

/** The shared masks worker (created on first use, like the analysis worker). */
export function masksWorker(): Remote<MasksWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./masks.worker.ts', import.meta.url), {
      type: 'module',
      name: 'masks',
    });
    remote = wrap<MasksWorkerApi>(worker);
  }
  return remote;
}
