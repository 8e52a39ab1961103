/**
 * A JPEG's decoded YCbCr planes (as a browser's `ImageDecoder` hands them over: the IDCT's output,
 * chroma still subsampled) turned into RGB exactly as libjpeg-turbo does it when Pillow decodes the
 * file: "fancy" (triangle) chroma upsampling — `h2v1_fancy_upsample` for 4:2:2, `h2v2_fancy_upsample`
 * for 4:2:0, with the first and last sample rows repeated at the image's top and bottom — then the
 * fixed-point YCbCr→RGB conversion of `ycc_rgb_convert` (16 fraction bits, clamped to 0…255).
 * Equal, value for value, to Pillow's `Image.open(f).convert('RGB')` (tested against its output).
 */

/** Chroma layouts handled here (the formats `VideoFrame` reports for JPEG planes). */
export type JpegYuvFormat = 'I420' | 'I422' | 'I444';

/** Three planes of one decoded JPEG: luma at full size, chroma subsampled by `format`. */
export interface JpegYuvPlanes {
  format: JpegYuvFormat;
  width: number;
  height: number;
  y: Uint8Array;
  yStride: number;
  u: Uint8Array;
  uStride: number;
  v: Uint8Array;
  vStride: number;
}

const SCALE_BITS = 16;
const ONE_HALF = 1 << (SCALE_BITS - 1);
const fix = (x: number) => Math.floor(x * (1 << SCALE_BITS) + 0.5);

/** libjpeg-turbo's conversion tables (`build_ycc_rgb_table`), indexed by the 8-bit chroma value. */
const crToR = new Int32Array(256);
const cbToB = new Int32Array(256);
const crToG = new Int32Array(256);
const cbToG = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  const x = i - 128;
  crToR[i] = (fix(1.402) * x + ONE_HALF) >> SCALE_BITS;
  cbToB[i] = (fix(1.772) * x + ONE_HALF) >> SCALE_BITS;
  crToG[i] = -fix(0.71414) * x;
  cbToG[i] = -fix(0.34414) * x + ONE_HALF;
}

/** Upsampled chroma rows, kept between calls. */
let cbRow = new Uint8Array(0);
let crRow = new Uint8Array(0);
let cbSum = new Int32Array(0);
let crSum = new Int32Array(0);

/** `h2v1_fancy_upsample` of `n` (≥ 2) samples at `at` into `out` (2n values). */
function upsampleRow(src: Uint8Array, at: number, n: number, out: Uint8Array): void {
  let v = src[at] as number;
  out[0] = v;
  out[1] = (v * 3 + (src[at + 1] as number) + 2) >> 2;
  for (let i = 1; i < n - 1; i++) {
    v = (src[at + i] as number) * 3;
    out[2 * i] = (v + (src[at + i - 1] as number) + 1) >> 2;
    out[2 * i + 1] = (v + (src[at + i + 1] as number) + 2) >> 2;
  }
  v = src[at + n - 1] as number;
  out[2 * n - 2] = (v * 3 + (src[at + n - 2] as number) + 1) >> 2;
  out[2 * n - 1] = v;
}

/** Column sums `3·near + far` of two sample rows (the vertical step of `h2v2_fancy_upsample`). */
function columnSums(src: Uint8Array, near: number, far: number, n: number, out: Int32Array): void {
  for (let i = 0; i < n; i++) out[i] = (src[near + i] as number) * 3 + (src[far + i] as number);
}

/** The horizontal step of `h2v2_fancy_upsample` over `n` (≥ 2) column sums. */
function upsampleSums(sums: Int32Array, n: number, out: Uint8Array): void {
  let self = sums[0] as number;
  out[0] = (self * 4 + 8) >> 4;
  out[1] = (self * 3 + (sums[1] as number) + 7) >> 4;
  for (let i = 1; i < n - 1; i++) {
    self = (sums[i] as number) * 3;
    out[2 * i] = (self + (sums[i - 1] as number) + 8) >> 4;
    out[2 * i + 1] = (self + (sums[i + 1] as number) + 7) >> 4;
  }
  self = sums[n - 1] as number;
  out[2 * n - 2] = (self * 3 + (sums[n - 2] as number) + 8) >> 4;
  out[2 * n - 1] = (self * 4 + 7) >> 4;
}

/** Chroma samples per row and rows of a plane for `format`. */
export function chromaSize(
  format: JpegYuvFormat,
  width: number,
  height: number,
): { width: number; height: number } {
  if (format === 'I444') return { width, height };
  const w = Math.ceil(width / 2);
  return { width: w, height: format === 'I422' ? height : Math.ceil(height / 2) };
}

/**
 * RGBA pixels (alpha 255) of `planes`, written into `out` (a new array when not given). Throws a
 * RangeError on planes too small for the size, or an image narrower or shorter than 3 pixels (whose
 * upsampling would read libjpeg's block padding, which the planes do not carry).
 */
export function jpegYuvToRgba(
  planes: JpegYuvPlanes,
  out: Uint8ClampedArray = new Uint8ClampedArray(planes.width * planes.height * 4),
): Uint8ClampedArray {
  const { format, width, height, y, yStride, u, uStride, v, vStride } = planes;
  const chroma = chromaSize(format, width, height);
  if (width < 3 || height < 3) {
    throw new RangeError(`a ${width}×${height} image is too small for exact chroma upsampling`);
  }
  if (
    yStride < width ||
    y.length < yStride * (height - 1) + width ||
    uStride < chroma.width ||
    u.length < uStride * (chroma.height - 1) + chroma.width ||
    vStride < chroma.width ||
    v.length < vStride * (chroma.height - 1) + chroma.width
  ) {
    throw new RangeError(`the ${format} planes are too small for ${width}×${height} pixels`);
  }
  if (out.length < width * height * 4) {
    throw new RangeError(`an output of ${out.length} values for ${width}×${height} pixels`);
  }
  const cw = chroma.width;
  if (format !== 'I444' && cbRow.length < 2 * cw) {
    cbRow = new Uint8Array(2 * cw);
    crRow = new Uint8Array(2 * cw);
    cbSum = new Int32Array(cw);
    crSum = new Int32Array(cw);
  }
  const lastChromaRow = chroma.height - 1;
  let o = 0;
  for (let r = 0; r < height; r++) {
    let cb: Uint8Array = u;
    let cr: Uint8Array = v;
    let cbAt = r * uStride;
    let crAt = r * vStride;
    if (format === 'I422') {
      upsampleRow(u, cbAt, cw, cbRow);
      upsampleRow(v, crAt, cw, crRow);
      cb = cbRow;
      cr = crRow;
      cbAt = 0;
      crAt = 0;
    } else if (format === 'I420') {
      const near = r >> 1;
      // Even output rows blend in the sample row above, odd ones the row below (edges repeated).
      const far = r & 1 ? Math.min(near + 1, lastChromaRow) : Math.max(near - 1, 0);
      columnSums(u, near * uStride, far * uStride, cw, cbSum);
      columnSums(v, near * vStride, far * vStride, cw, crSum);
      upsampleSums(cbSum, cw, cbRow);
      upsampleSums(crSum, cw, crRow);
      cb = cbRow;
      cr = crRow;
      cbAt = 0;
      crAt = 0;
    }
    const yAt = r * yStride;
    for (let x = 0; x < width; x++, o += 4) {
      const luma = y[yAt + x] as number;
      const b = cb[cbAt + x] as number;
      const c = cr[crAt + x] as number;
      out[o] = luma + (crToR[c] as number);
      out[o + 1] = luma + (((cbToG[b] as number) + (crToG[c] as number)) >> SCALE_BITS);
      out[o + 2] = luma + (cbToB[b] as number);
      out[o + 3] = 255;
    }
  }
  return out;
}
