/**
 * The link from the mask views' image opening to the live model, without an import cycle: the masks
 * actions call {@link notifyImageOpened}; the live actions register the one listener.
 */
import type { MaskImage } from '../store/masksSlice';

type Listener = (image: MaskImage, bytes: Uint8Array) => void;
type StartListener = (name: string, bytes: Uint8Array) => void;
let listener: Listener | null = null;
let startListener: StartListener | null = null;

/**
 * Sets the listeners (the live actions): `starting` as soon as an image file's bytes arrive (so the
 * live run overlaps the view's own decoding), `opened` once it is shown. Returns a remover.
 */
export function onImageOpened(next: Listener, starting?: StartListener): () => void {
  listener = next;
  startListener = starting ?? null;
  return () => {
    if (listener === next) listener = null;
    if (startListener === starting) startListener = null;
  };
}

/** Tells the listener that an image file is being opened (before it is decoded). */
export function notifyImageOpening(name: string, bytes: Uint8Array): void {
  startListener?.(name, bytes);
}

/** Tells the listener, if any, that `image` (read from `bytes`) is now shown. */
export function notifyImageOpened(image: MaskImage, bytes: Uint8Array): void {
  listener?.(image, bytes);
}
