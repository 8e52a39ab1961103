import { wrap, type Remote } from 'comlink';
import type { SetWorkerApi } from './set.worker';

let remote: Remote<SetWorkerApi> | null = null;

/** The shared set worker (created on first use, like the masks worker). */
export function setWorker(): Remote<SetWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./set.worker.ts', import.meta.url), {
      type: 'module',
      name: 'image-set',
    });
    remote = wrap<SetWorkerApi>(worker);
  }
  return remote;
}
