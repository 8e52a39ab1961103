import type { OpenedFile } from '../host/types';

/** Kinds of file that views other than the tuner open (images and mask dumps go to the masks view). */
export type ViewFileKind = 'image' | 'mask' | 'model';

type Handler = (file: OpenedFile | null) => void | Promise<void>;
const handlers = new Map<ViewFileKind, Handler>();
/** Requests waiting for a handler of their kind (the view's code may still be loading). */
const waiting = new Map<ViewFileKind, Set<(handler: Handler) => void>>();

/**
 * Lets the masks view receive "open image / open mask dump" requests from commands, the menu and
 * drag-and-drop. `file === null` asks the handler to show its own picker. Returns an unregister function.
 */
export function registerOpenHandler(kind: ViewFileKind, handler: Handler): () => void {
  handlers.set(kind, handler);
  const queue = waiting.get(kind);
  if (queue) {
    waiting.delete(kind);
    for (const deliver of queue) deliver(handler);
  }
  return () => {
    if (handlers.get(kind) === handler) handlers.delete(kind);
  };
}

function handlerOf(kind: ViewFileKind, waitMs: number): Promise<Handler | null> {
  const now = handlers.get(kind);
  if (now || waitMs <= 0) return Promise.resolve(now ?? null);
  return new Promise((resolve) => {
    const queue = waiting.get(kind) ?? new Set();
    waiting.set(kind, queue);
    const deliver = (handler: Handler | null) => {
      clearTimeout(timer);
      queue.delete(deliver);
      resolve(handler);
    };
    const timer = setTimeout(() => deliver(null), waitMs);
    queue.add(deliver);
  });
}

/**
 * Routes an open request; false when no view handles that kind. With `waitMs`, a request made while the
 * view is still mounting (its chunk loading) waits that long for the view to register its handler.
 */
export async function requestOpen(
  kind: ViewFileKind,
  file: OpenedFile | null,
  waitMs = 0,
): Promise<boolean> {
  const handler = await handlerOf(kind, waitMs);
  if (!handler) return false;
  await handler(file);
  return true;
}
