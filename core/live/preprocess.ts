/**
 * The network input of a live model, exactly as the Python exporter makes it (tools/laudmask-export,
 * `laudmask_dump.preprocess`): the image as RGB (alpha dropped, EXIF orientation ignored), the shorter
 * side resized to 256 with Pillow's bilinear resampling (`pilResize.ts`), the centre 224×224 cut with
 * offsets rounded half to even (Python's `round`), then `x/255` and `(x − mean)/std` in float32, NCHW.
 */
import { roundHalfEven } from '../arch';
import type { LivePreprocessing } from './metadata';
import { pilBilinearResize } from './pilResize';

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
 * Preprocesses RGBA pixels (`width·height·4`, e.g. a decoded PNG or JPEG) into the network input.
 * Throws a RangeError on a buffer that does not match the size (a programming error, not user input).
 */
export function preprocessRgba(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  preprocessing: LivePreprocessing = EXPORTER_PREPROCESSING,
): PreprocessedImage {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `${rgba.length} bytes for a ${width}×${height} RGBA image (expected ${width * height * 4})`,
    );
  }
  const crop = preprocessing.crop;
  const geometry = liveCropGeometry(width, height, preprocessing.resizeShorter, crop);
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    rgb[p] = rgba[q] as number;
    rgb[p + 1] = rgba[q + 1] as number;
    rgb[p + 2] = rgba[q + 2] as number;
  }
  const pixels = pilBilinearResize(
    rgb,
    width,
    height,
    3,
    geometry.resizedWidth,
    geometry.resizedHeight,
    {
      x0: geometry.left,
      y0: geometry.top,
      width: crop,
      height: crop,
    },
  );
  const plane = crop * crop;
  const input = new Float32Array(3 * plane);
  const cropRgba = new Uint8ClampedArray(plane * 4);
  const scale = Math.fround(preprocessing.scale);
  const exactScale = preprocessing.scale === 1 / 255;
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(preprocessing.mean[c] as number);
    const std = Math.fround(preprocessing.std[c] as number);
    for (let i = 0; i < plane; i++) {
      const v = pixels[i * 3 + c] as number;
      // numpy: float32(v) / 255.0 (one float32 division), then (x − mean) / std in float32.
      const x = exactScale ? Math.fround(v / 255) : Math.fround(v * scale);
      input[c * plane + i] = Math.fround(Math.fround(x - mean) / std);
      cropRgba[i * 4 + c] = v;
    }
  }
  for (let i = 0; i < plane; i++) cropRgba[i * 4 + 3] = 255;
  return { input, cropRgba, geometry };
}
