/**
 * Image decoding for the masks worker (browser APIs: createImageBitmap, OffscreenCanvas). Checks the
 * header first so that a non-image or a 50-megapixel photo is refused before any pixel is decoded.
 */
import { decodeImagePixels } from '../live/liveImage';
import { preprocessGeometry, type Box } from '../../../core/saliency/preprocess';

/** Longest side of the original's preview (the crop-box view never shows it larger). */
const PREVIEW_MAX_SIDE = 640;

export interface DecodedImage {
  /** The 224×224 network input. */
  input: ImageBitmap;
  /** Its pixels, for the saliency map. */
  inputRgba: Uint8ClampedArray;
  /** The original, downscaled to at most {@link PREVIEW_MAX_SIDE}. */
  original: ImageBitmap;
  origWidth: number;
  origHeight: number;
  cropBox: Box;
}

export type DecodeImageResult = { ok: true; image: DecodedImage } | { ok: false; error: string };

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser offers no 2D canvas in workers');
  return ctx;
}

/** Decodes a PNG, JPEG or WebP file and applies the network's preprocessing (resize 256, crop 224). */
export async function decodeImageFile(bytes: Uint8Array): Promise<DecodeImageResult> {
  // Pillow's pixels, as the live model sees them (no EXIF rotation, no colour management): every
  // image is shown on the network's own grid, whichever worker decoded it.
  const decoded = await decodeImagePixels(bytes);
  if (!decoded.ok) return decoded;
  const { rgba, width, height } = decoded.pixels;
  const bitmap = await createImageBitmap(
    new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height),
  );
  try {
    const geometry = preprocessGeometry(bitmap.width, bitmap.height);
    const size = geometry.cropSize;
    const canvas = new OffscreenCanvas(size, size);
    const ctx = context2d(canvas);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const box = geometry.cropBox;
    ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, size, size);
    const inputRgba = ctx.getImageData(0, 0, size, size).data;
    const input = canvas.transferToImageBitmap();
    const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const original = await createImageBitmap(bitmap, {
      resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
      resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
      resizeQuality: 'high',
    });
    const image: DecodedImage = {
      input,
      inputRgba,
      original,
      origWidth: bitmap.width,
      origHeight: bitmap.height,
      cropBox: box,
    };
    return { ok: true, image };
  } finally {
    bitmap.close();
  }
}

/** A dump's embedded network input (a PNG already at the network's size), as a bitmap and its pixels. */
export type DecodePngResult =
  { ok: true; bitmap: ImageBitmap; rgba: Uint8ClampedArray } | { ok: false; error: string };

/** Decodes a PNG with the platform's decoder, like every other image (no resizing, no cropping). */
export async function decodePngPixels(png: Uint8Array): Promise<DecodePngResult> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([png.slice()], { type: 'image/png' }));
  } catch {
    return {
      ok: false,
      error: "The dump's image.png could not be decoded: it is truncated or corrupt.",
    };
  }
  const ctx = context2d(new OffscreenCanvas(bitmap.width, bitmap.height));
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  return { ok: true, bitmap, rgba };
}
