/**
 * Exact pruning for the patch-op tile searches (dynamic conv, scatter-add, dynamic pooling).
 *
 * Those searches loop npp (outer) × tile (inner) and keep the first strict minimum (spec §2.6). A candidate
 * whose latency cannot be strictly below the best so far can be skipped without changing the result, and
 * since the best only decreases, a tile whose npp-independent lower bound is not below the best can be
 * dropped for every later npp too. The order of the surviving candidates is untouched.
 */

/**
 * Relative slack applied to a compute lower bound derived in real arithmetic: it covers the rounding of the
 * bound and of the latency it bounds (each a few dozen operations, relative error < 2⁻⁴⁷), so that the
 * computed latency is never below the computed bound.
 */
const SLACK = 1 - 2 ** -30;

/**
 * Per-tile latency lower bounds valid for every npp: `combine(compFloor·(1 − 2⁻³⁰), mem)`, where `compFloor`
 * is a real-arithmetic lower bound of the compute time (non-negative) and `mem` the exact memory time the
 * search uses (npp-independent). combine is monotone in both arguments, so the bound holds bit for bit.
 * Overwrites and returns `compFloor`.
 */
export function latencyLowerBounds(
  addMode: boolean,
  compFloor: Float64Array,
  mems: Float64Array,
): Float64Array {
  for (let i = 0; i < compFloor.length; i++) {
    const c = compFloor[i]! * SLACK;
    const m = mems[i]!;
    compFloor[i] = addMode ? c + m : Math.max(c, m);
  }
  return compFloor;
}

/**
 * `combine(comp, mem)·(1 − 2⁻³⁰)` for real-arithmetic lower bounds `comp`, `mem` of a compute and a memory
 * time: never above the computed latency of any candidate they bound.
 */
export function slackened(addMode: boolean, comp: number, mem: number): number {
  return (addMode ? comp + mem : Math.max(comp, mem)) * SLACK;
}

/**
 * A seed's cut: a search seeded with a candidate of latency L may skip what is provably above L, never
 * a tie with L (an earlier tie is the first strict minimum). L·(1 + 2⁻²⁹) is strictly above L and above
 * it even if L were computed a few ulps differently from the scan; 0 and subnormal L get the next double.
 */
export function strictCut(lat: number): number {
  const cut = lat * (1 + 2 ** -29);
  return cut > lat ? cut : lat + Number.MIN_VALUE;
}

// Work arrays reused by every search (searches never nest and keep no reference to them): a cold sweep
// runs hundreds of searches, and fresh typed arrays for each made garbage collection a visible cost.
const workF64: Float64Array[] = [];
let workI32 = new Int32Array(0);

/** Work array number `slot` (0–7) of length `n`, with stale contents: the caller writes before reading. */
export function workArray(slot: number, n: number): Float64Array {
  let a = workF64[slot];
  if (!a || a.length < n) {
    a = new Float64Array(Math.max(n, 1_024));
    workF64[slot] = a;
  }
  return a.subarray(0, n);
}

/** Candidate indices 0 … n − 1, in search order (a shared work array, see {@link workArray}). */
export function allIndices(n: number): Int32Array {
  if (workI32.length < n) workI32 = new Int32Array(Math.max(n, 1_024));
  const out = workI32.subarray(0, n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Keeps (in place, in order) the first `n` indices whose bound is strictly below `bestLat`; returns the new
 * count. The others can never be strictly better than a best that only decreases.
 */
export function keepBelow(
  active: Int32Array,
  n: number,
  lows: Float64Array,
  bestLat: number,
): number {
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = active[j]!;
    if (lows[i]! < bestLat) active[k++] = i;
  }
  return k;
}
