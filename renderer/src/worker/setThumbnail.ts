/**
 * Thumbnails of per-image dumps: only the dump's `image.png` member is inflated (the masks are
 * skipped), then the browser decodes and downscales it.
 */
import { unzipSync } from 'fflate';
import { looksLikeZip } from '../../../core/maskfile/zip';

/** Side of a thumbnail, px (drawn at 72 CSS px, sharp on 2× screens up to that). */
const THUMB_PX = 144;
/** Largest image.png accepted for a thumbnail. */
const MAX_PNG_BYTES = 8 * 1024 * 1024;

/** The `image.png` bytes of a dump, or null when it has none (or is not a zip). */
function imagePngOf(bytes: Uint8Array): Uint8Array | null {
  if (!looksLikeZip(bytes)) return null;
  try {
    const files = unzipSync(bytes, {
      filter: (info) =>
        info.name === 'image.png' &&
        (info.compression === 0 || info.compression === 8) &&
        info.originalSize <= MAX_PNG_BYTES,
    });
    return files['image.png'] ?? null;
  } catch {
    return null;
  }
}

/** A downscaled bitmap of the dump's input image, or null when it has no readable image. */
export async function thumbnailFromDump(bytes: Uint8Array): Promise<ImageBitmap | null> {
  const png = imagePngOf(bytes);
  if (!png) return null;
  try {
    return await createImageBitmap(new Blob([png.slice()], { type: 'image/png' }), {
      resizeWidth: THUMB_PX,
      resizeHeight: THUMB_PX,
      resizeQuality: 'medium',
    });
  } catch {
    return null;
  }
}
