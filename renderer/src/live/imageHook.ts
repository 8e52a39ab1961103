/**
 * The link from the mask views' image opening to the live model, without an import cycle: the masks
 * actions call {@link notifyImageOpened}; the live actions register the one listener.
 */
import type { MaskImage } from '../store/masksSlice';

type Listener = (image: MaskImage, bytes: Uint8Array) => void;
let listener: Listener | null = null;

/** Sets the listener (the live actions); returns a function that removes it. */
export function onImageOpened(next: Listener): () => void {
  listener = next;
  return () => {
    if (listener === next) listener = null;
  };
}

/** Tells the listener, if any, that `image` (read from `bytes`) is now shown. */
export function notifyImageOpened(image: MaskImage, bytes: Uint8Array): void {
  listener?.(image, bytes);
}
