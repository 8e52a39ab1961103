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
