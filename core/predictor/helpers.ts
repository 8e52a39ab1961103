/** Small helper formulas of the latency model (latency spec §0, §2.1, §2.2, §2.7). */

/** `ceil_eff(x, p) = x / (⌈x/p⌉·p)`: useful fraction of ⌈x/p⌉ rounds of width p. */
export function ceilEff(x: number, p: number): number {
  return x / (Math.ceil(x / p) * p);
}

/**
 * `mem_eff(n, i, m)`: memory-concurrency efficiency of bursts of `n` contiguous elements separated by gaps
 * of `i` elements, with transactions of `m` elements (spec §2.2).
 */
export function memEff(n: number, interval: number, m: number): number {
  const i = Math.max(interval, 0);
  if (n > m) return ceilEff(n, m);
  if (n + i > m) return n / m;
  return n / (n + i);
}

/** Number of patch positions `⌈h/g⌉·⌈w/g⌉` of an h×w map at granularity g. */
export function patchPositions(h: number, w: number, g: number): number {
  return Math.ceil(h / g) * Math.ceil(w / g);
}

/**
 * Active patches `⌈(d·⌈h/g⌉)·⌈w/g⌉⌉`. The multiplication order is the reference's and matters for the
 * rounding (d = 0.7, 56×56, g = 1 gives 2196, not 2195).
 */
export function activePatches(d: number, h: number, w: number, g: number): number {
  return Math.ceil(d * Math.ceil(h / g) * Math.ceil(w / g));
}

/** The patch count every dynamic tile search optimises for, `(N + 1)/2`, whatever the real rate [Q3]. */
export function meanPatchCount(h: number, w: number, g: number): number {
  return (patchPositions(h, w, g) + 1) / 2;
}
