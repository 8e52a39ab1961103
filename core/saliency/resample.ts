/**
 * Separable resampling with a triangle (tent) filter whose support widens with the scale factor, i.e.
 * bilinear when enlarging and area-weighted antialiasing when shrinking, like PIL's `BILINEAR` resize
 * that the Python exporter (and torchvision) use. Close to, but not bit-identical with, PIL.
 */

/** A source rectangle in pixel coordinates (fractional edges allowed). */
export interface SourceRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface AxisWeights {
  start: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  /** Taps per output sample (padded). */
  taps: number;
}

/** Tap positions and weights mapping `outSize` samples onto `[offset, offset + length)` of `inSize`. */
function axisWeights(inSize: number, offset: number, length: number, outSize: number): AxisWeights {
  const scale = length / outSize;
  const support = Math.max(1, scale);
  const taps = Math.ceil(2 * support) + 3;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const centre = offset + (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support));
    const hi = Math.min(inSize - 1, Math.ceil(centre + support));
    let n = 0;
    let sum = 0;
    for (let i = lo; i <= hi && n < taps; i++) {
      const w = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / support);
      weights[o * taps + n] = w;
      sum += w;
      n++;
    }
    if (sum === 0) {
      // The centre lies outside the source: take the nearest edge pixel.
      weights[o * taps] = 1;
      sum = 1;
      n = Math.max(n, 1);
    }
    for (let k = 0; k < n; k++) weights[o * taps + k] = (weights[o * taps + k] as number) / sum;
    start[o] = lo > inSize - 1 ? inSize - 1 : lo;
    count[o] = n;
  }
  return { start, count, weights, taps };
}

/**
 * Resamples the `rect` of an interleaved `channels`-channel image to `outWidth × outHeight`.
 * Returns float samples (not clamped) in the same channel layout.
 */
export function resampleRect(
  src: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  rect: SourceRect,
  outWidth: number,
  outHeight: number,
): Float32Array {
  const wx = axisWeights(width, rect.x, rect.width, outWidth);
  const wy = axisWeights(height, rect.y, rect.height, outHeight);
  // Only the source rows some output row reads need the horizontal pass.
  let rowLo = height;
  let rowHi = -1;
  for (let o = 0; o < outHeight; o++) {
    rowLo = Math.min(rowLo, wy.start[o] as number);
    rowHi = Math.max(rowHi, (wy.start[o] as number) + (wy.count[o] as number) - 1);
  }
  const rows = Math.max(0, rowHi - rowLo + 1);
  const mid = new Float32Array(rows * outWidth * channels);
  for (let r = 0; r < rows; r++) {
    const srcRow = (rowLo + r) * width * channels;
    const midRow = r * outWidth * channels;
    for (let o = 0; o < outWidth; o++) {
      const s = wx.start[o] as number;
      const n = wx.count[o] as number;
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < n; k++) {
          acc +=
            (wx.weights[o * wx.taps + k] as number) *
            (src[srcRow + (s + k) * channels + c] as number);
        }
        mid[midRow + o * channels + c] = acc;
      }
    }
  }
  const out = new Float32Array(outWidth * outHeight * channels);
  for (let o = 0; o < outHeight; o++) {
    const s = (wy.start[o] as number) - rowLo;
    const n = wy.count[o] as number;
    const outRow = o * outWidth * channels;
    for (let k = 0; k < n; k++) {
      const w = wy.weights[o * wy.taps + k] as number;
      const midRow = (s + k) * outWidth * channels;
      for (let i = 0; i < outWidth * channels; i++) {
        out[outRow + i] = (out[outRow + i] as number) + w * (mid[midRow + i] as number);
      }
    }
  }
  return out;
}
