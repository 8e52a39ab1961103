import { wrap, type Remote } from 'comlink';
import type { TransformerWorkerApi } from './transformer.worker';

let remote: Remote<TransformerWorkerApi> | null = null;

/** The transformer worker (created on first use). */
export function transformerWorker(): Remote<TransformerWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./transformer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'transformer',
    });
    remote = wrap<TransformerWorkerApi>(worker);
  }
  return remote;
}
