import { useStudio } from '../store';
import { setActions } from '../views/set/setAppActions';
import { batchPool } from './batch/appBatchPool';
import { createLiveBatchActions } from './liveBatchActions';

/** The application's batch runs: the live worker, the store, and the set view's opener. */
export const liveBatch = createLiveBatchActions({
  backend: () => batchPool.backend,
  store: useStudio,
  showSet: (folder) => setActions.openFolder(folder),
});

/** The last batch's summary bytes, for end-to-end tests (`window.__laudnetLiveBatchSummary()`). */
Object.assign(globalThis, {
  __laudnetLiveBatchSummary: () => {
    const bytes = liveBatch.summaryBytes;
    return bytes ? Array.from(bytes) : null;
  },
});
