/**
 * The fast path of the live preprocessing: Pillow's bilinear resize (`pilResize.ts` states the exact
 * arithmetic) of RGBA pixels read as RGB, computing only a window of the output (the centre crop) and
 * only the source rows that window reads. Same integer arithmetic, bit for bit, as
 * {@link pilBilinearResize}; it differs in speed only: tap tables are cached per size pair, the three
 * channels of a pixel are summed together, the vertical pass runs tap by tap over whole rows, and the
 * intermediate rows live in a scratch buffer kept between calls.
 */
import type { PixelRegion } from './jpegYuv';
import { bilinearCoefficients, type ResizeWindow } from './pilResize';

const PRECISION_BITS = 22;
const HALF = 2 ** (PRECISION_BITS - 1);

type Coefficients = ReturnType<typeof bilinearCoefficients>;

/** Tap tables of recently used (input, output) size pairs: an image set has few distinct sizes. */
const tables = new Map<string, Coefficients>();
const MAX_TABLES = 16;

function coefficientsFor(inSize: number, outSize: number): Coefficients {
  const key = `${inSize}>${outSize}`;
  let found = tables.get(key);
  if (!found) {
    if (tables.size >= MAX_TABLES) tables.clear();
    found = bilinearCoefficients(inSize, outSize);
    tables.set(key, found);
  }
  return found;
}

/** The horizontal pass's 8-bit rows, kept between calls (grown when an image needs more). */
let scratch = new Uint8Array(0);
let accumulator = new Int32Array(0);

/** True on little-endian platforms (every one the app runs on; the byte path stays for others). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The source pixels `[x0, x1) × [y0, y1)` that `window` of a bilinear resize of a `width × height` image
 * to `outWidth × outHeight` reads (every tap of its rows and columns): the only ones
 * {@link resizeCropRgbaToRgb} needs decoded.
 */
export function resizeWindowSource(
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
  window: ResizeWindow,
): PixelRegion {
  const span = (inSize: number, outSize: number, from: number, size: number) => {
    if (inSize === outSize) return [from, from + size] as const;
    const { first, count } = coefficientsFor(inSize, outSize);
    let lo = inSize;
    let hi = 0;
    for (let i = from; i < from + size; i++) {
      lo = Math.min(lo, first[i] as number);
      hi = Math.max(hi, (first[i] as number) + (count[i] as number));
    }
    return [lo, hi] as const;
  };
  const [x0, x1] = span(width, outWidth, window.x0, window.width);
  const [y0, y1] = span(height, outHeight, window.y0, window.height);
  return { x0, y0, x1, y1 };
}

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * `window` of Pillow's bilinear resize of `rgba` (`width × height`, 4 values a pixel, alpha ignored) to
 * `outWidth × outHeight`, as interleaved RGB (`window.width · window.height · 3` values) in `out` (a new
 * array when not given). Equal, value for value, to `pilBilinearResize(rgba, …, 3, …, window, 4)`.
 */
export function resizeCropRgbaToRgb(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
  window: ResizeWindow,
  out: Uint8Array = new Uint8Array(window.width * window.height * 3),
): Uint8Array {
  const { x0, y0, width: ww, height: wh } = window;
  if (x0 < 0 || y0 < 0 || x0 + ww > outWidth || y0 + wh > outHeight) {
    throw new RangeError(
      `window ${ww}×${wh}+${x0}+${y0} is outside the ${outWidth}×${outHeight} output`,
    );
  }
  if (rgba.length < width * height * 4) {
    throw new RangeError(`${rgba.length} values for a ${width}×${height} RGBA image`);
  }
  const rowValues = ww * 3;
  if (out.length < wh * rowValues) {
    throw new RangeError(`an output of ${out.length} values for a ${ww}×${wh} RGB window`);
  }
  const horiz = outWidth !== width ? coefficientsFor(width, outWidth) : null;
  const vert = outHeight !== height ? coefficientsFor(height, outHeight) : null;
  let rowFirst = y0;
  let rowEnd = y0 + wh;
  if (vert) {
    rowFirst = vert.first[y0] as number;
    rowEnd = (vert.first[y0 + wh - 1] as number) + (vert.count[y0 + wh - 1] as number);
  }
  const rows = rowEnd - rowFirst;
  // Without a vertical pass the horizontal one writes the result itself.
  let mid = out;
  if (vert) {
    if (scratch.length < rows * rowValues) scratch = new Uint8Array(rows * rowValues);
    mid = scratch;
  }
  const srcRowValues = width * 4;
  // The pixels as 32-bit words where the buffer allows it (aligned, little-endian platform).
  const words =
    horiz && LITTLE_ENDIAN && rgba.byteOffset % 4 === 0
      ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
      : null;
  for (let r = 0; r < rows; r++) {
    const srcRow = (rowFirst + r) * srcRowValues;
    let dst = r * rowValues;
    if (!horiz) {
      for (let x = 0, at = srcRow + x0 * 4; x < ww; x++, at += 4, dst += 3) {
        mid[dst] = rgba[at] as number;
        mid[dst + 1] = rgba[at + 1] as number;
        mid[dst + 2] = rgba[at + 2] as number;
      }
      continue;
    }
    const { first, count, weights, ksize } = horiz;
    if (words) {
      // One 32-bit load per source pixel (little-endian RGBA: red in the low byte).
      const rowWord = (rowFirst + r) * width;
      for (let xx = x0; xx < x0 + ww; xx++, dst += 3) {
        let at = rowWord + (first[xx] as number);
        const n = count[xx] as number;
        let k = xx * ksize;
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        // Int32 arithmetic is exact: weights are non-negative and sum to 2^22 (sums < 2^31).
        for (let t = 0; t < n; t++, at++, k++) {
          const w = weights[k] as number;
          const p = words[at] as number;
          s0 = (s0 + Math.imul(p & 255, w)) | 0;
          s1 = (s1 + Math.imul((p >>> 8) & 255, w)) | 0;
          s2 = (s2 + Math.imul((p >>> 16) & 255, w)) | 0;
        }
        mid[dst] = clip8(s0);
        mid[dst + 1] = clip8(s1);
        mid[dst + 2] = clip8(s2);
      }
      continue;
    }
    for (let xx = x0; xx < x0 + ww; xx++, dst += 3) {
      let at = srcRow + (first[xx] as number) * 4;
      const n = count[xx] as number;
      let k = xx * ksize;
      let s0 = HALF;
      let s1 = HALF;
      let s2 = HALF;
      for (let t = 0; t < n; t++, at += 4, k++) {
        const w = weights[k] as number;
        s0 = (s0 + Math.imul(rgba[at] as number, w)) | 0;
        s1 = (s1 + Math.imul(rgba[at + 1] as number, w)) | 0;
        s2 = (s2 + Math.imul(rgba[at + 2] as number, w)) | 0;
      }
      mid[dst] = clip8(s0);
      mid[dst + 1] = clip8(s1);
      mid[dst + 2] = clip8(s2);
    }
  }
  if (!vert) return out;
  if (accumulator.length < rowValues) accumulator = new Int32Array(rowValues);
  const acc = accumulator;
  const { first, count, weights, ksize } = vert;
  for (let y = 0; y < wh; y++) {
    const yy = y0 + y;
    const n = count[yy] as number;
    let base = ((first[yy] as number) - rowFirst) * rowValues;
    acc.fill(HALF, 0, rowValues);
    // Int32 sums are exact: the weights are non-negative and sum to 2^22, so every partial sum
    // stays below 255·2^22 + 2^21 < 2^31.
    for (let t = 0, k = yy * ksize; t < n; t++, k++, base += rowValues) {
      const w = weights[k] as number;
      for (let i = 0; i < rowValues; i++)
        acc[i] = ((acc[i] as number) + Math.imul(mid[base + i] as number, w)) | 0;
    }
    const dst = y * rowValues;
    for (let i = 0; i < rowValues; i++) out[dst + i] = clip8(acc[i] as number);
  }
  return out;
}
