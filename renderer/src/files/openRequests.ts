import type { OpenedFile } from '../host/types';

/** Kinds of file that views other than the tuner open (images and mask dumps go to the masks view). */
export type ViewFileKind = 'image' | 'mask' | 'model';

type Handler = (file: OpenedFile | null) => void | Promise<void>;
const handlers = new Map<ViewFileKind, Handler>();

/**
 * Lets the masks view receive "open image / open mask dump" requests from commands, the menu and
 * drag-and-drop. `file === null` asks the handler to show its own picker. Returns an unregister function.
 */
export function registerOpenHandler(kind: ViewFileKind, handler: Handler): () => void {
  handlers.set(kind, handler);
  return () => {
    if (handlers.get(kind) === handler) handlers.delete(kind);
  };
}

/** Routes an open request; false when no view handles that kind (yet). */
export async function requestOpen(kind: ViewFileKind, file: OpenedFile | null): Promise<boolean> {
  const handler = handlers.get(kind);
  if (!handler) return false;
  await handler(file);
  return true;
}
