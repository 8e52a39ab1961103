import { useStudio } from '../../store';
import { setBackend } from '../../worker/setClient';
import { maskActions } from '../masks/appActions';
import { createSetActions } from './setActions';

/** The application's set actions: the shared set worker, the store, and the mask views' opener. */
export const setActions = createSetActions({
  backend: setBackend,
  store: useStudio,
  openDump: (name, bytes) => maskActions.openDumpBytes(name, bytes),
});
