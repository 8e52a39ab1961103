/**
 * The network's preprocessing, as torchvision's `Resize(256)` + `CenterCrop(224)` define it (the Python
 * exporter does the same): scale the shorter side to 256 (the longer one to ⌊256·long/short⌋), then cut
 * the central 224×224, offsets rounded half-to-even like Python's `round`.
 */
import { roundHalfEven } from '../arch';
import { resampleRect } from './resample';

/** Pixel-space rectangle. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreprocessGeometry {
  origWidth: number;
  origHeight: number;
  resizedWidth: number;
  resizedHeight: number;
  /** Crop in resized-image pixels (integers). */
  cropInResized: Box;
  /** The same crop in original-image pixels (fractional): draw this box on the original. */
  cropBox: Box;
  /** Side of the network input. */
  cropSize: number;
}

/** Geometry of resize-shorter-side + centre-crop for an image of `width × height`. */
export function preprocessGeometry(
  width: number,
  height: number,
  resizeShort = 256,
  cropSize = 224,
): PreprocessGeometry {
  if (!(width >= 1 && height >= 1)) throw new RangeError(`image size ${width}×${height} is empty`);
  if (cropSize > resizeShort) throw new RangeError('the crop must fit inside the resized image');
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const newLong = Math.floor((resizeShort * long) / short);
  const resizedWidth = width <= height ? resizeShort : newLong;
  const resizedHeight = width <= height ? newLong : resizeShort;
  const left = roundHalfEven((resizedWidth - cropSize) / 2);
  const top = roundHalfEven((resizedHeight - cropSize) / 2);
  const sx = resizedWidth / width;
  const sy = resizedHeight / height;
  return {
    origWidth: width,
    origHeight: height,
    resizedWidth,
    resizedHeight,
    cropInResized: { x: left, y: top, width: cropSize, height: cropSize },
    cropBox: { x: left / sx, y: top / sy, width: cropSize / sx, height: cropSize / sy },
    cropSize,
  };
}

/**
 * The network input (RGBA, `cropSize²`) from a full RGBA image, resampling the crop box directly
 * (equivalent to resizing then cropping, without the intermediate image).
 */
export function cropToNetworkInput(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  geometry: PreprocessGeometry = preprocessGeometry(width, height),
): Uint8ClampedArray {
  const size = geometry.cropSize;
  const samples = resampleRect(rgba, width, height, 4, geometry.cropBox, size, size);
  // Uint8ClampedArray rounds half to even and clamps, as an image decoder would.
  return Uint8ClampedArray.from(samples);
}

/** Largest image accepted (a 50-megapixel photo needs 200 MB as RGBA; decode would stall the page). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Largest side accepted (browser canvases refuse more). */
export const MAX_IMAGE_SIDE = 16_384;

/** Checks image dimensions before decoding; a message when refused. */
export function checkImageDimensions(
  width: number,
  height: number,
): { ok: true } | { ok: false; error: string } {
  if (!(width >= 1 && height >= 1))
    return { ok: false, error: `The image has no pixels (${width}×${height}).` };
  const megapixels = (width * height) / 1e6;
  if (width * height > MAX_IMAGE_PIXELS) {
    return {
      ok: false,
      error: `The image is ${megapixels.toFixed(1)} megapixels (${width}×${height}); images over ${MAX_IMAGE_PIXELS / 1e6} megapixels are refused. Downscale it first.`,
    };
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return {
      ok: false,
      error: `The image is ${width}×${height}; sides over ${MAX_IMAGE_SIDE} pixels are refused. Downscale it first.`,
    };
  }
  return { ok: true };
}
