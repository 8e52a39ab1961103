import { transfer, wrap, type Remote } from 'comlink';
import type { SetBackend } from '../views/set/setActions';
import type { SetWorkerApi } from './set.worker';

let remote: Remote<SetWorkerApi> | null = null;

/** The shared set worker (created on first use, like the masks worker). */
function setWorker(): Remote<SetWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./set.worker.ts', import.meta.url), {
      type: 'module',
      name: 'image-set',
    });
    remote = wrap<SetWorkerApi>(worker);
  }
  return remote;
}

/**
 * The set worker with file bytes handed over instead of copied (a 50,000-image summary is ~18 MiB;
 * the bytes are not used on the page afterwards).
 */
export function setBackend(): SetBackend {
  const w = setWorker();
  return {
    ping: () => w.ping(),
    openSummary: (setId, name, bytes, listed) =>
      w.openSummary(setId, name, transfer(bytes, [bytes.buffer]), listed),
    beginBuild: (setId, name) => w.beginBuild(setId, name),
    addDumps: (setId, items) =>
      w.addDumps(
        setId,
        transfer(
          items,
          items.map((i) => i.bytes.buffer),
        ),
      ),
    finishBuild: (setId) => w.finishBuild(setId),
    thumbnail: (bytes) => w.thumbnail(transfer(bytes, [bytes.buffer])),
    meanRatesConfig: (setId, config) => w.meanRatesConfig(setId, config),
    spread: (setId) => w.spread(setId),
  };
}
