/**
 * Pillow's `Image.resize(size, BILINEAR)` on 8-bit images, bit for bit, so that a network input made
 * here equals the one the Python exporter made (and masks agree cell for cell). The algorithm, as Pillow
 * (9.x) defines it:
 * - separable, horizontal pass first (only over the source rows the vertical pass reads), then vertical;
 *   the intermediate image is 8-bit (rounded and clipped);
 * - per output pixel, the triangle filter's support is scaled by the downscale factor (antialiasing):
 *   `scale = in/out`, `support = max(scale, 1)`, centre `(x + 0.5)·scale`, taps
 *   `trunc(centre ± support + 0.5)` clamped to the image, weights `tri((tap − centre + 0.5)/max(scale, 1))`
 *   normalised to sum 1;
 * - weights in fixed point with 22 fraction bits (rounded half away from zero), the sum started at half
 *   a unit, the result floor-shifted by 22 bits and clipped to 0…255.
 * Written from that description for this project.
 */

const PRECISION_BITS = 22;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

/** Fixed-point filter taps of one axis: per output index the first tap, the tap count and the weights. */
interface AxisCoefficients {
  first: Int32Array;
  count: Int32Array;
  ksize: number;
  /** `outSize · ksize` fixed-point weights. */
  weights: Float64Array;
}

function triangle(x: number): number {
  const a = Math.abs(x);
  return a < 1 ? 1 - a : 0;
}

/** Taps and weights mapping `inSize` samples to `outSize` (Pillow's coefficient precomputation). */
export function bilinearCoefficients(inSize: number, outSize: number): AxisCoefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // the triangle filter's support is 1
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * ksize);
  const raw = new Float64Array(ksize);
  const inv = 1 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    const n = xmax - xmin;
    let total = 0;
    for (let x = 0; x < n; x++) {
      const w = triangle((x + xmin - center + 0.5) * inv);
      raw[x] = w;
      total += w;
    }
    for (let x = 0; x < ksize; x++) {
      let w = x < n ? (raw[x] as number) : 0;
      if (x < n && total !== 0) w /= total;
      // C's (int) truncation of w·2^22 ± 0.5: rounding half away from zero.
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    first[xx] = xmin;
    count[xx] = n;
  }
  return { first, count, ksize, weights };
}

function clip8(sum: number): number {
  const v = Math.floor(sum / ONE);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** An output window: columns `[x0, x0 + width)`, rows `[y0, y0 + height)` of the resized image. */
export interface ResizeWindow {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/**
 * Resizes interleaved 8-bit pixels (`channels` per pixel) to `outWidth × outHeight` like Pillow's
 * bilinear resize, returning only `window` of the result (default: all of it). Each output pixel depends
 * only on its own taps, so a window equals the same pixels of the full resize.
 */
export function pilBilinearResize(
  src: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
  window: ResizeWindow = { x0: 0, y0: 0, width: outWidth, height: outHeight },
): Uint8Array {
  const { x0, y0, width: ww, height: wh } = window;
  if (x0 < 0 || y0 < 0 || x0 + ww > outWidth || y0 + wh > outHeight) {
    throw new RangeError(
      `window ${ww}×${wh}+${x0}+${y0} is outside the ${outWidth}×${outHeight} output`,
    );
  }
  const needH = outWidth !== width;
  const needV = outHeight !== height;
  const horiz = needH ? bilinearCoefficients(width, outWidth) : null;
  const vert = needV ? bilinearCoefficients(height, outHeight) : null;
  // Source rows the vertical pass reads for the window's rows (all of them when there is no vertical pass).
  let rowFirst = y0;
  let rowEnd = y0 + wh;
  if (vert) {
    rowFirst = vert.first[y0] as number;
    rowEnd = (vert.first[y0 + wh - 1] as number) + (vert.count[y0 + wh - 1] as number);
  }
  const rows = rowEnd - rowFirst;
  // Horizontal pass: rows [rowFirst, rowEnd) of the source, the window's columns.
  const mid = new Uint8Array(rows * ww * channels);
  for (let r = 0; r < rows; r++) {
    const srcRow = (rowFirst + r) * width * channels;
    const dstRow = r * ww * channels;
    for (let x = 0; x < ww; x++) {
      const xx = x0 + x;
      if (!horiz) {
        for (let c = 0; c < channels; c++)
          mid[dstRow + x * channels + c] = src[srcRow + xx * channels + c] as number;
        continue;
      }
      const f = horiz.first[xx] as number;
      const n = horiz.count[xx] as number;
      const k = xx * horiz.ksize;
      for (let c = 0; c < channels; c++) {
        let sum = HALF;
        for (let t = 0; t < n; t++)
          sum +=
            (src[srcRow + (f + t) * channels + c] as number) * (horiz.weights[k + t] as number);
        mid[dstRow + x * channels + c] = clip8(sum);
      }
    }
  }
  if (!vert) return mid;
  const out = new Uint8Array(wh * ww * channels);
  const stride = ww * channels;
  for (let y = 0; y < wh; y++) {
    const yy = y0 + y;
    const f = (vert.first[yy] as number) - rowFirst;
    const n = vert.count[yy] as number;
    const k = yy * vert.ksize;
    for (let i = 0; i < stride; i++) {
      let sum = HALF;
      for (let t = 0; t < n; t++)
        sum += (mid[(f + t) * stride + i] as number) * (vert.weights[k + t] as number);
      out[y * stride + i] = clip8(sum);
    }
  }
  return out;
}
