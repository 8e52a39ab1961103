/**
 * Image saliency by the spectral residual (Hou & Zhang, CVPR 2007), re-derived here: the log amplitude
 * spectrum of natural images is smooth, so what sticks out of its local average ("the residual") carries
 * the unexpected, salient content. Transforming the residual back with the original phase gives a map
 * that lights up objects and edges that differ from their surroundings.
 *
 * Our choices, and why:
 * - work at 64×64 luminance (the method is meant for coarse scales, and it keeps the FFT tiny);
 * - a 3×3 average of the log amplitude as the "expected" spectrum;
 * - Gaussian smoothing (σ = 2.5 work pixels ≈ 9 input pixels) so that isolated pixels do not win;
 * - border suppression: the FFT treats the image as periodic, so the left/right and top/bottom edges
 *   meet and look like strong edges; we fade the map to zero over the outer 8 % of each side.
 * The map is normalised to [0, 1] and resampled to the input size.
 */
import { fft2d } from './fft';
import { resampleRect } from './resample';

/** A saliency map: `width × height` values in [0, 1], row-major. */
export interface SaliencyMap {
  width: number;
  height: number;
  data: Float32Array;
}

export interface SaliencyOptions {
  /** Working resolution, a power of two (default 64). */
  workSize?: number;
  /** Gaussian σ in working pixels (default 2.5). */
  blurSigma?: number;
  /** Fraction of each side faded out at the borders (default 0.08). */
  borderFraction?: number;
}

function luminance(rgba: ArrayLike<number>, pixels: number): Float32Array {
  const out = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) {
    out[p] =
      0.299 * (rgba[4 * p] as number) +
      0.587 * (rgba[4 * p + 1] as number) +
      0.114 * (rgba[4 * p + 2] as number);
  }
  return out;
}

/** 3×3 box average with wrap-around (the spectrum is periodic). */
function boxAverageWrapped(src: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let acc = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = (y + dy + size) % size;
        for (let dx = -1; dx <= 1; dx++) acc += src[yy * size + ((x + dx + size) % size)] as number;
      }
      out[y * size + x] = acc / 9;
    }
  }
  return out;
}

/** Separable Gaussian blur with clamped edges. */
function gaussianBlur(src: Float64Array, size: number, sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const w = Math.exp(-(k * k) / (2 * sigma * sigma));
    kernel[k + radius] = w;
    sum += w;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] = (kernel[k] as number) / sum;
  const clamp = (v: number) => (v < 0 ? 0 : v >= size ? size - 1 : v);
  const tmp = new Float64Array(size * size);
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++)
        acc += (kernel[k + radius] as number) * (src[y * size + clamp(x + k)] as number);
      tmp[y * size + x] = acc;
    }
  }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++)
        acc += (kernel[k + radius] as number) * (tmp[clamp(y + k) * size + x] as number);
      out[y * size + x] = acc;
    }
  }
  return out;
}

/** 0 at the border, rising smoothly to 1 at `fraction` of the side. */
function borderWeight(t: number, fraction: number): number {
  const d = Math.min(t, 1 - t) / fraction;
  if (d >= 1) return 1;
  if (d <= 0) return 0;
  return d * d * (3 - 2 * d);
}

/**
 * Saliency of an RGBA image (typically the 224×224 network input). Deterministic; a flat image gives
 * an all-zero map.
 */
export function computeSaliency(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  opts: SaliencyOptions = {},
): SaliencyMap {
  const n = opts.workSize ?? 64;
  const sigma = opts.blurSigma ?? 2.5;
  const border = opts.borderFraction ?? 0.08;
  const lum = luminance(rgba, width * height);
  const small = resampleRect(lum, width, height, 1, { x: 0, y: 0, width, height }, n, n);
  let minLum = Infinity;
  let maxLum = -Infinity;
  for (const v of small) {
    minLum = Math.min(minLum, v);
    maxLum = Math.max(maxLum, v);
  }
  // A flat image has no structure; its residual would be rounding noise, so call it "nothing salient".
  if (!(maxLum - minLum > 1e-3)) return { width, height, data: new Float32Array(width * height) };
  const re = Float64Array.from(small);
  const im = new Float64Array(n * n);
  fft2d(re, im, n);
  const logAmp = new Float64Array(n * n);
  const phaseCos = new Float64Array(n * n);
  const phaseSin = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const a = Math.hypot(re[i] as number, im[i] as number);
    logAmp[i] = Math.log(a + 1e-9);
    phaseCos[i] = a > 0 ? (re[i] as number) / a : 1;
    phaseSin[i] = a > 0 ? (im[i] as number) / a : 0;
  }
  const avg = boxAverageWrapped(logAmp, n);
  for (let i = 0; i < n * n; i++) {
    const mag = Math.exp((logAmp[i] as number) - (avg[i] as number));
    re[i] = mag * (phaseCos[i] as number);
    im[i] = mag * (phaseSin[i] as number);
  }
  fft2d(re, im, n, true);
  const energy = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) energy[i] = (re[i] as number) ** 2 + (im[i] as number) ** 2;
  const smooth = gaussianBlur(energy, n, sigma);
  for (let y = 0; y < n; y++) {
    const wy = borderWeight((y + 0.5) / n, border);
    for (let x = 0; x < n; x++)
      smooth[y * n + x] = (smooth[y * n + x] as number) * wy * borderWeight((x + 0.5) / n, border);
  }
  const full = resampleRect(smooth, n, n, 1, { x: 0, y: 0, width: n, height: n }, width, height);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < full.length; i++) {
    const v = full[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo;
  const flat = !(range > 0);
  for (let i = 0; i < full.length; i++) full[i] = flat ? 0 : ((full[i] as number) - lo) / range;
  return { width, height, data: full };
}
