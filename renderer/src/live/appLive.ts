/**
 * The application's live actions: the live worker and the application's store. Importing this module
 * connects image opening to the live model and keeps the shown masks in step with the offsets.
 */
import { useStudio } from '../store';
import { onImageOpened } from './imageHook';
import { createLiveActions } from './liveActions';
import { liveWorker } from './liveClient';
import { installLiveTestHook } from './testHook';
import { withBatchModel } from './batch/appBatchPool';

export const liveActions = createLiveActions({
  backend: withBatchModel(liveWorker),
  store: useStudio,
});

onImageOpened(liveActions.imageOpened, liveActions.imageOpening);
liveActions.startOffsetSync();
installLiveTestHook(useStudio);

/** ONNX files are protobuf: field 1 (ir_version, a varint) comes first, i.e. byte 0x08. */
export function looksLikeOnnx(name: string, bytes: Uint8Array): boolean {
  return name.toLowerCase().endsWith('.onnx') || (bytes.length > 16 && bytes[0] === 0x08);
}
