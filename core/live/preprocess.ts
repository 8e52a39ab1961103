/**
 * The network input of a live model, exactly as the Python exporter makes it (tools/laudmask-export,
 * `laudmask_dump.preprocess`): the image as RGB (alpha dropped, EXIF orientation ignored), the shorter
 * side resized to 256 with Pillow's bilinear resampling (`pilResize.ts`), the centre 224×224 cut with
 * offsets rounded half to even (Python's `round`), then `x/255` and `(x − mean)/std` in float32, NCHW.
 */
import { roundHalfEven } from '../arch';
import type { LivePreprocessing } from './metadata';
import { resizeCropRgbaToRgb, resizeWindowSource } from './cropResize';
import type { PixelRegion } from './jpegYuv';

/** The crop's RGB values, kept between images. */
let rgbScratch = new Uint8Array(0);

/** Per channel, the normalised float32 value of each 8-bit value (the exporter's arithmetic). */
const tableCache = new Map<string, [Float32Array, Float32Array, Float32Array]>();

function normalisationTables(p: LivePreprocessing): [Float32Array, Float32Array, Float32Array] {
  const key = JSON.stringify([p.scale, p.mean, p.std]);
  const cached = tableCache.get(key);
  if (cached) return cached;
  const scale = Math.fround(p.scale);
  const exactScale = p.scale === 1 / 255;
  const table = (c: number) => {
    const mean = Math.fround(p.mean[c] as number);
    const std = Math.fround(p.std[c] as number);
    const out = new Float32Array(256);
    for (let v = 0; v < 256; v++) {
      // numpy: float32(v) / 255.0 (one float32 division), then (x − mean) / std in float32.
      const x = exactScale ? Math.fround(v / 255) : Math.fround(v * scale);
      out[v] = Math.fround(Math.fround(x - mean) / std);
    }
    return out;
  };
  const tables: [Float32Array, Float32Array, Float32Array] = [table(0), table(1), table(2)];
  if (tableCache.size > 8) tableCache.clear();
  tableCache.set(key, tables);
  return tables;
}

/** The exporter's recipe (also the default of live metadata). */
export const EXPORTER_PREPROCESSING: LivePreprocessing = {
  resizeShorter: 256,
  crop: 224,
  resample: 'pil-bilinear',
  scale: 1 / 255,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** Geometry of resize + centre crop, in the exporter's arithmetic. */
export interface LiveCropGeometry {
  origWidth: number;
  origHeight: number;
  resizedWidth: number;
  resizedHeight: number;
  /** Crop offset in resized pixels. */
  left: number;
  top: number;
  /** [left, top, right, bottom] of the crop in original pixels (the dump manifest's `crop_box`). */
  cropBox: [number, number, number, number];
}

export interface PreprocessedImage {
  /** [1, 3, crop, crop] float32, NCHW. */
  input: Float32Array;
  /** The crop as RGBA (alpha 255), `crop²·4` bytes: the dump's `image.png` and what views draw. */
  cropRgba: Uint8ClampedArray;
  geometry: LiveCropGeometry;
}

/** Resize-shorter-side and centre-crop geometry (Python: `int(256·long/short)`, `round((w − 224)/2)`). */
export function liveCropGeometry(
  width: number,
  height: number,
  resizeShorter: number,
  crop: number,
): LiveCropGeometry {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) {
    throw new RangeError(`image size ${width}×${height} is not a positive integer size`);
  }
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const newLong = Math.floor((resizeShorter * long) / short);
  const resizedWidth = width <= height ? resizeShorter : newLong;
  const resizedHeight = width <= height ? newLong : resizeShorter;
  const left = roundHalfEven((resizedWidth - crop) / 2);
  const top = roundHalfEven((resizedHeight - crop) / 2);
  const sx = resizedWidth / width;
  const sy = resizedHeight / height;
  return {
    origWidth: width,
    origHeight: height,
    resizedWidth,
    resizedHeight,
    left,
    top,
    cropBox: [left / sx, top / sy, (left + crop) / sx, (top + crop) / sy],
  };
}

/**
 * The pixels of a `width × height` image that {@link preprocessRgba} reads (the centre crop's source
 * with its resampling taps): a decoder need convert only these.
 */
export function preprocessSourceRegion(
  width: number,
  height: number,
  preprocessing: LivePreprocessing = EXPORTER_PREPROCESSING,
): PixelRegion {
  const crop = preprocessing.crop;
  const g = liveCropGeometry(width, height, preprocessing.resizeShorter, crop);
  return resizeWindowSource(width, height, g.resizedWidth, g.resizedHeight, {
    x0: g.left,
    y0: g.top,
    width: crop,
    height: crop,
  });
}

/**
 * Preprocesses RGBA pixels (`width·height·4`, e.g. a decoded PNG or JPEG) into the network input,
 * written into `into` when it has the input's size (a buffer reused between images), else a new one.
 * Throws a RangeError on a buffer that does not match the size (a programming error, not user input).
 */
export function preprocessRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  preprocessing: LivePreprocessing = EXPORTER_PREPROCESSING,
  into?: Float32Array,
): PreprocessedImage {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `${rgba.length} bytes for a ${width}×${height} RGBA image (expected ${width * height * 4})`,
    );
  }
  const crop = preprocessing.crop;
  const geometry = liveCropGeometry(width, height, preprocessing.resizeShorter, crop);
  const plane = crop * crop;
  if (rgbScratch.length !== plane * 3) rgbScratch = new Uint8Array(plane * 3);
  // RGBA read as RGB (alpha skipped, as Pillow's convert('RGB') drops it); only the crop is computed.
  const pixels = resizeCropRgbaToRgb(
    rgba,
    width,
    height,
    geometry.resizedWidth,
    geometry.resizedHeight,
    { x0: geometry.left, y0: geometry.top, width: crop, height: crop },
    rgbScratch,
  );
  const input = into?.length === 3 * plane ? into : new Float32Array(3 * plane);
  const cropRgba = new Uint8ClampedArray(plane * 4);
  const [lut0, lut1, lut2] = normalisationTables(preprocessing);
  const plane2 = 2 * plane;
  for (let i = 0, at = 0, px = 0; i < plane; i++, at += 3, px += 4) {
    const r = pixels[at] as number;
    const g = pixels[at + 1] as number;
    const b = pixels[at + 2] as number;
    input[i] = lut0[r] as number;
    input[plane + i] = lut1[g] as number;
    input[plane2 + i] = lut2[b] as number;
    cropRgba[px] = r;
    cropRgba[px + 1] = g;
    cropRgba[px + 2] = b;
    cropRgba[px + 3] = 255;
  }
  return { input, cropRgba, geometry };
}
