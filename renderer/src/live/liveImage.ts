/**
 * Decoding an image for the live model (worker APIs: createImageBitmap, OffscreenCanvas): the file's
 * own pixels, as the exporter's Pillow sees them — no colour management, no EXIF rotation, alpha not
 * premultiplied — so that a PNG gives the same network input as in Python, byte for byte.
 */
import { checkImageFile } from '../../../core/saliency/imageHeader';

export interface DecodedPixels {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** The image downscaled to at most `previewSide` pixels a side, when asked for. */
  preview: ImageBitmap | null;
}

export type DecodePixelsResult = { ok: true; pixels: DecodedPixels } | { ok: false; error: string };

/**
 * Decodes a PNG, JPEG or WebP file to RGBA (the header is checked first: size caps, type); with
 * `previewSide`, also a copy downscaled to at most that many pixels a side (what the mask views show).
 */
export async function decodeImagePixels(
  bytes: Uint8Array,
  previewSide?: number,
): Promise<DecodePixelsResult> {
  const info = checkImageFile(bytes);
  if (!info.ok) return { ok: false, error: info.error };
  let bitmap: ImageBitmap;
  try {
    // The Blob copies the bytes itself (they stay the caller's).
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${info.type}` });
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'none',
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch {
    return {
      ok: false,
      error: `The ${info.type.toUpperCase()} image could not be decoded: the file is truncated or corrupt.`,
    };
  }
  try {
    const ctx = contextOfSize(bitmap.width, bitmap.height);
    if (!ctx) return { ok: false, error: 'This browser offers no 2D canvas in workers.' };
    ctx.clearRect(0, 0, bitmap.width, bitmap.height);
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let preview: ImageBitmap | null = null;
    if (previewSide !== undefined) {
      const scale = Math.min(1, previewSide / Math.max(bitmap.width, bitmap.height));
      preview = await createImageBitmap(bitmap, {
        resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
        resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
        resizeQuality: 'high',
      });
    }
    return { ok: true, pixels: { rgba, width: bitmap.width, height: bitmap.height, preview } };
  } finally {
    bitmap.close();
  }
}

/** One canvas for every decode (its context is kept; resized when an image needs another size). */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function contextOfSize(width: number, height: number): OffscreenCanvasRenderingContext2D | null {
  if (!canvas) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  } else if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return context;
}
