/** Bisection on a monotone non-decreasing function, the workhorse of the solvers. */

/** Outcome of {@link bisectMonotone}. */
export interface BisectResult {
  /** The argument found. */
  x: number;
  /** f(x). */
  value: number;
  /** Function evaluations spent. */
  evaluations: number;
}

/**
 * Largest x in [lo, hi] with f(x) ≤ target, for a non-decreasing f, to within `tolX` in x (or stops when
 * |f(x) − target| ≤ `tolValue`). When even f(lo) exceeds the target, returns lo; when f(hi) ≤ target, hi.
 * At most `maxIterations` halvings (40 halvings resolve [0, 1] to 1e-12).
 */
export function bisectMonotone(
  f: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  { tolX = 1e-12, tolValue = 0, maxIterations = 40 } = {},
): BisectResult {
  let evaluations = 0;
  const at = (x: number) => {
    evaluations++;
    return f(x);
  };
  const fHi = at(hi);
  if (fHi <= target) return { x: hi, value: fHi, evaluations };
  let fLo = at(lo);
  if (fLo > target) return { x: lo, value: fLo, evaluations };
  for (let i = 0; i < maxIterations && hi - lo > tolX; i++) {
    const mid = lo + (hi - lo) / 2;
    const fm = at(mid);
    if (fm <= target) {
      lo = mid;
      fLo = fm;
      if (target - fm <= tolValue) break;
    } else {
      hi = mid;
    }
  }
  return { x: lo, value: fLo, evaluations };
}
