/**
 * The application's batch pool: batch workers of their own (`batch.worker.ts`), falling back to the
 * live worker's batch. The pool learns of each model the live worker opens (the page keeps a reference
 * to the model file's bytes while it is open, to create the batch sessions from) and drops its sessions
 * when the model is closed.
 */
import { wrap } from 'comlink';
import { useStudio } from '../../store';
import type { LiveBackend } from '../liveActions';
import { liveWorker } from '../liveClient';
import type { BatchWorkerApi } from './batch.worker';
import { batchLayout } from './batchLayout';
import { createBatchPool } from './batchPool';

export const batchPool = createBatchPool({
  spawn() {
    const worker = new Worker(new URL('./batch.worker.ts', import.meta.url), {
      type: 'module',
      name: 'live batch',
    });
    return { member: wrap<BatchWorkerApi>(worker), terminate: () => worker.terminate() };
  },
  fallback: liveWorker,
  layout: () =>
    batchLayout({
      isolated: typeof crossOriginIsolated === 'boolean' && crossOriginIsolated,
      cores: navigator.hardwareConcurrency || 1,
      override: readOverride(),
    }),
});

/** A layout set for benchmarks and tests (`localStorage['laudnet.liveBatchPool']`), if any. */
function readOverride(): string | null {
  try {
    return localStorage.getItem('laudnet.liveBatchPool');
  } catch {
    return null;
  }
}

/** The live backend, telling the pool of every model it opens. */
export function withBatchModel(backend: () => LiveBackend): () => LiveBackend {
  return () => {
    const live = backend();
    const openModel: LiveBackend['openModel'] = async (name, bytes, extraArchitectures) => {
      const opened = await live.openModel(name, bytes, extraArchitectures);
      if (opened.ok) batchPool.setModel(name, bytes, extraArchitectures);
      return opened;
    };
    return new Proxy(live, {
      get: (target, key): unknown => (key === 'openModel' ? openModel : Reflect.get(target, key)),
    });
  };
}

useStudio.subscribe((state, previous) => {
  if (previous.liveModel && !state.liveModel) batchPool.clearModel();
});
