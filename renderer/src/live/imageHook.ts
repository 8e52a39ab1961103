/**
 * The link from the mask views' image opening to the live model, without an import cycle: the masks
 * actions call {@link notifyImageOpened}; the live actions register the one listener.
 */
import type { MaskImage } from '../store/masksSlice';

/**
 * An image decoded by the live worker, for the mask views (so they need not decode it again): the
 * network's own input (the Pillow-exact centre crop) as a bitmap and as RGBA pixels, and a preview.
 */
export interface LiveImageView {
  input: ImageBitmap;
  /** `size × size × 4` RGBA values of `input`. */
  rgba: Uint8ClampedArray;
  size: number;
  /** A preview of the whole image. */
  original: ImageBitmap | null;
  /**
   * Set when `original` is the whole image at full size, not yet scaled (see `runImage`'s
   * `previewLater`): the page scales it to at most this many pixels a side.
   */
  originalSide?: number;
  origWidth: number;
  origHeight: number;
  /** The crop in original pixels. */
  cropBox: { x: number; y: number; width: number; height: number };
}

/** Size of a preview of at most `side` pixels a side (the image's own size when smaller). */
export function previewSize(width: number, height: number, side: number): [number, number] {
  const scale = Math.min(1, side / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

type Listener = (image: MaskImage, bytes: Uint8Array) => boolean;
type StartListener = (name: string, bytes: Uint8Array) => Promise<LiveImageView | null> | undefined;
let listener: Listener | null = null;
let startListener: StartListener | null = null;

/**
 * Sets the listeners (the live actions): `starting` as soon as an image file's bytes arrive (so the
 * live run overlaps the view's own decoding; for a quick model it returns a promise of the image as
 * the live worker decoded it, which the view shows instead of decoding it again, with its masks),
 * `opened` when it is to be shown (true: shown with its live masks). Returns a remover.
 */
export function onImageOpened(next: Listener, starting?: StartListener): () => void {
  listener = next;
  startListener = starting ?? null;
  return () => {
    if (listener === next) listener = null;
    if (startListener === starting) startListener = null;
  };
}

/** Tells the listener that an image file is being opened (before it is decoded); never rejects. */
export function notifyImageOpening(
  name: string,
  bytes: Uint8Array,
): Promise<LiveImageView | null> | undefined {
  return startListener?.(name, bytes);
}

/** Tells the listener, if any, that `image` (read from `bytes`) is to be shown; true: it showed it. */
export function notifyImageOpened(image: MaskImage, bytes: Uint8Array): boolean {
  return listener?.(image, bytes) ?? false;
}
