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
}

export type DecodePixelsResult = { ok: true; pixels: DecodedPixels } | { ok: false; error: string };

/** Decodes a PNG, JPEG or WebP file to RGBA (the header is checked first: size caps, type). */
export async function decodeImagePixels(bytes: Uint8Array): Promise<DecodePixelsResult> {
  const info = checkImageFile(bytes);
  if (!info.ok) return { ok: false, error: info.error };
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([bytes.slice()], { type: `image/${info.type}` });
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
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { ok: false, error: 'This browser offers no 2D canvas in workers.' };
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { ok: true, pixels: { rgba, width: bitmap.width, height: bitmap.height } };
  } finally {
    bitmap.close();
  }
}
