/**
 * Scales of the hand-drawn SVG charts: a value (or a category index) to a pixel. Plain functions with
 * their domain and range attached, cheap to rebuild whenever the data or the measured size changes.
 */

/** A continuous scale: value → pixel, and back. */
export interface ContinuousScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel → value. */
  invert: (px: number) => number;
}

/** Maps `domain` linearly onto `range` (either may be reversed, e.g. a y axis growing upwards). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): ContinuousScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const map = (v: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k);
  const invert = (px: number) => (k === 0 ? d0 : d0 + (px - r0) / k);
  return Object.assign(map, { domain, range, invert });
}

/**
 * Maps `domain` (both ends > 0) logarithmically onto `range`; values at or below zero sit at the
 * range's start rather than at −∞.
 */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): ContinuousScale {
  const [d0, d1] = domain;
  if (!(d0 > 0 && d1 > 0)) {
    throw new Error(`A log scale needs a positive domain; found [${d0}, ${d1}].`);
  }
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range);
  const map = (v: number) => (v > 0 ? inner(Math.log10(v)) : range[0]);
  const invert = (px: number) => 10 ** inner.invert(px);
  return Object.assign(map, { domain, range, invert });
}

/** Equal bands for `count` categories along `range`. */
export interface BandScale {
  readonly count: number;
  /** Distance between the starts of two neighbouring bands, px. */
  readonly step: number;
  /** Width of a band, px (the step less the inner padding). */
  readonly bandwidth: number;
  /** Start of band `i`, px. */
  start: (i: number) => number;
  /** Centre of band `i`, px. */
  center: (i: number) => number;
  /** The band under pixel `px` (whole steps, padding included), or -1 outside every band. */
  indexAt: (px: number) => number;
}

/**
 * `count` bands over `range`; `paddingInner` is the gap between bands and `paddingOuter` the space
 * before the first and after the last, both as fractions of a step.
 */
export function bandScale(
  count: number,
  range: readonly [number, number],
  paddingInner = 0,
  paddingOuter = paddingInner / 2,
): BandScale {
  const [r0, r1] = range;
  const n = Math.max(0, Math.floor(count));
  const step = n === 0 ? 0 : (r1 - r0) / (n - paddingInner + 2 * paddingOuter);
  const bandwidth = step * (1 - paddingInner);
  const first = r0 + step * paddingOuter;
  const start = (i: number) => first + i * step;
  const gapHalf = (step * paddingInner) / 2;
  return {
    count: n,
    step,
    bandwidth,
    start,
    center: (i) => start(i) + bandwidth / 2,
    indexAt: (px) => {
      if (n === 0 || step === 0) return -1;
      const i = Math.floor((px - first + gapHalf) / step);
      return i >= 0 && i < n ? i : -1;
    },
  };
}
