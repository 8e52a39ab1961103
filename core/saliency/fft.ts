/** In-place radix-2 FFT, 1-D and 2-D, for the spectral-residual saliency (sizes are powers of two). */

/** True when n is a power of two (≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/**
 * Transforms `n` complex samples stored at `re[offset + k·step]`, `im[…]` in place. `inverse` computes
 * the unnormalised inverse (the caller divides by n).
 */
function fft1d(
  re: Float64Array,
  im: Float64Array,
  offset: number,
  step: number,
  n: number,
  inverse: boolean,
) {
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const a = offset + i * step;
      const b = offset + j * step;
      const tr = re[a] as number;
      re[a] = re[b] as number;
      re[b] = tr;
      const ti = im[a] as number;
      im[a] = im[b] as number;
      im[b] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = offset + (i + k) * step;
        const b = offset + (i + k + len / 2) * step;
        const xr = (re[b] as number) * cr - (im[b] as number) * ci;
        const xi = (re[b] as number) * ci + (im[b] as number) * cr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

/**
 * 2-D FFT of a `size × size` complex image (row-major), in place. The inverse is normalised by size²,
 * so `fft2d(…, true)` after `fft2d(…)` restores the input.
 */
export function fft2d(re: Float64Array, im: Float64Array, size: number, inverse = false): void {
  if (!isPowerOfTwo(size)) throw new RangeError(`FFT size ${size} is not a power of two`);
  for (let r = 0; r < size; r++) fft1d(re, im, r * size, 1, size, inverse);
  for (let c = 0; c < size; c++) fft1d(re, im, c, size, size, inverse);
  if (inverse) {
    const norm = 1 / (size * size);
    for (let i = 0; i < size * size; i++) {
      re[i] = (re[i] as number) * norm;
      im[i] = (im[i] as number) * norm;
    }
  }
}
