import { useStudio } from '../../store';
import { masksWorker } from '../../worker/masksClient';
import { notifyImageOpened, notifyImageOpening } from '../../live/imageHook';
import { createMaskActions } from './masksActions';

/** The application's mask actions: the shared masks worker and the application's store. */
export const maskActions = createMaskActions({
  backend: masksWorker,
  store: useStudio,
  onImageOpened: notifyImageOpened,
  onImageOpening: notifyImageOpening,
});
