/**
 * Expected maximum channel density per tile (latency spec §2.8, exact-expectation variant ρ_E).
 *
 * The reference estimates E[max over T_c tiles of the active-channel fraction] with 100 unseeded Monte-Carlo
 * samples [Q4][Q5]; we compute the exact expectation instead, which is deterministic and is what the
 * reference data's `latency_expectation_s` columns hold. Same clamp from below at the density p.
 */

// ρ_E by density p, then by an integer key packing (tiles, c_t, G): no number-to-string keys (hot path).
const cache = new Map<number, Map<number, number>>();
let cacheSize = 0;
const CACHE_LIMIT = 200_000;
// Binomial CDFs by p, then by m: one per (m, p) however many tile counts use it.
const cdfCache = new Map<number, Map<number, { cdf: Float64Array; sf: Float64Array }>>();
// Bounded by the values held (each entry holds 2·(m + 1)): a channel-rate change adds dozens of entries
// that only searches at that same rate reuse, and a limit by count let over 100 MB pile up.
let cdfCacheSize = 0;
const CDF_CACHE_LIMIT = 1 << 20;
const PACK = 2 ** 17;

/** Empties the ρ_E cache (values are deterministic; only for cold-start measurements). */
export function clearDensityCache(): void {
  cache.clear();
  cacheSize = 0;
  cdfCache.clear();
  cdfCacheSize = 0;
}

function cachedBinomialCdf(m: number, p: number): { cdf: Float64Array; sf: Float64Array } {
  const hit = cdfCache.get(p)?.get(m);
  if (hit) return hit;
  const value = binomialCdf(m, p);
  if (cdfCacheSize + m + 1 > CDF_CACHE_LIMIT) {
    cdfCache.clear();
    cdfCacheSize = 0;
  }
  let byM = cdfCache.get(p);
  if (!byM) {
    byM = new Map();
    cdfCache.set(p, byM);
  }
  byM.set(m, value);
  cdfCacheSize += m + 1;
  return value;
}

const SCRATCH_LIMIT = 65_536;
let scratch = new Float64Array(1_024);

/**
 * CDF and survival function of Binomial(m, p) for k = 0 … m, from weights relative to the mode (no
 * log-gamma needed; far tails underflow harmlessly to 0). `sf[k] = P(X > k)` keeps upper-tail accuracy.
 */
export function binomialCdf(m: number, p: number): { cdf: Float64Array; sf: Float64Array } {
  // Weights in a reused scratch buffer (garbage is the cost that shows for large m), zeroed as new;
  // the buffer kept is at most SCRATCH_LIMIT long (larger m get their own).
  if (scratch.length < m + 1 && m + 1 <= SCRATCH_LIMIT) {
    scratch = new Float64Array(Math.min(SCRATCH_LIMIT, Math.max(m + 1, 2 * scratch.length)));
  }
  const w = m + 1 <= scratch.length ? scratch.subarray(0, m + 1) : new Float64Array(m + 1);
  w.fill(0);
  const q = 1 - p;
  // Weights outside [lo, hi] are exactly 0: once a weight underflows to 0, every weight further from the
  // mode is 0 too (0 times a finite factor), so those steps are skipped. Adding 0 changes no sum below.
  let lo = 0;
  let hi = m;
  if (p <= 0) {
    w[0] = 1;
    hi = 0;
  } else if (q <= 0) {
    w[m] = 1;
    lo = m;
  } else {
    const r = p / q;
    const mode = Math.min(m, Math.max(0, Math.floor((m + 1) * p)));
    w[mode] = 1;
    // The upward and downward recurrences are independent chains of dependent divisions: stepped
    // together, the processor overlaps them (each weight is computed exactly as alone).
    let up = mode + 1;
    let down = mode - 1;
    let upOpen = up <= m;
    let downOpen = down >= 0;
    while (upOpen && downOpen) {
      const u = ((w[up - 1]! * (m - up + 1)) / up) * r;
      const d = (w[down + 1]! * (down + 1)) / (m - down) / r;
      w[up] = u;
      w[down] = d;
      if (u === 0) {
        hi = up;
        upOpen = false;
      } else if (++up > m) upOpen = false;
      if (d === 0) {
        lo = down;
        downOpen = false;
      } else if (--down < 0) downOpen = false;
    }
    if (upOpen) {
      for (let k = up; k <= m; k++) {
        const v = ((w[k - 1]! * (m - k + 1)) / k) * r;
        w[k] = v;
        if (v === 0) {
          hi = k;
          break;
        }
      }
    }
    if (downOpen) {
      for (let k = down; k >= 0; k--) {
        const v = (w[k + 1]! * (k + 1)) / (m - k) / r;
        w[k] = v;
        if (v === 0) {
          lo = k;
          break;
        }
      }
    }
  }
  let z = 0;
  for (let k = lo; k <= hi; k++) z += w[k]!;
  const cdf = new Float64Array(m + 1);
  const sf = new Float64Array(m + 1);
  // Not a positive finite total (p not a probability): every step, as the definition reads.
  if (!(z > 0 && z < Infinity)) {
    lo = 0;
    hi = m;
  }
  // w[k] / z is used by both sums below: divided once (the same quotient both times).
  for (let k = lo; k <= hi; k++) w[k] = w[k]! / z;
  // The CDF sums upwards, the survival function downwards: two independent chains, stepped together.
  // Below lo the CDF stays 0 (the arrays start at 0), above hi at its last value; the survival function
  // is 0 above hi and stays at its last value below lo.
  let accUp = 0;
  let accDown = 0;
  for (let k = lo, j = hi; k <= hi; k++, j--) {
    accUp += w[k]!;
    cdf[k] = Math.min(accUp, 1);
    sf[j] = accDown;
    accDown += w[j]!;
  }
  if (hi < m) cdf.fill(Math.min(accUp, 1), hi + 1);
  if (lo > 0) sf.fill(accDown, 0, lo);
  return { cdf, sf };
}

/** 1 − F^t, accurate both when F is small and when F is close to 1 (then via the survival function). */
function oneMinusPow(cdf: number, sf: number, t: number): number {
  if (cdf < 0.5) return 1 - cdf ** t;
  return -Math.expm1(t * Math.log1p(-sf));
}

/** Tiles aligned with whole groups (G divides c_t): tile counts are G·Binomial(c_t/G, p), i.i.d. */
function alignedExpectation(tiles: number, cTile: number, p: number, groupSize: number): number {
  const m = cTile / groupSize;
  const { cdf, sf } = cachedBinomialCdf(m, p);
  let sum = 0;
  let k = 0;
  // Shortcuts with bit-identical sums: for F ≤ 2⁻⁵⁵ and t ≥ 1, F^t ≤ 2⁻⁵⁵ so 1 − F^t rounds to exactly 1;
  // once F ≥ 0.5 and the survival function has underflowed to 0 (F only grows and sf only shrinks with k),
  // every remaining term is −expm1(t·log1p(−0)) = ±0.
  if (tiles >= 1) for (; k < m && cdf[k]! <= TAIL_ONE; k++) sum += 1;
  for (; k < m && !(sf[k] === 0 && cdf[k]! >= 0.5); k++) {
    const term = oneMinusPow(cdf[k]!, sf[k]!, tiles);
    // Upper tail (F ≥ 0.5): the terms only shrink from here on (sf only shrinks with k). One below
    // sum·2⁻⁵⁶ is under a quarter of half an ulp of the sum, and so is every later one even with a few
    // ulps of rounding: adding them leaves the sum unchanged, bit for bit, so they are not computed.
    if (cdf[k]! >= 0.5 && term < sum * TAIL_NEGLIGIBLE) break;
    sum += term;
  }
  return (groupSize * sum) / cTile;
}

const TAIL_NEGLIGIBLE = 2 ** -56;

const TAIL_ONE = 2 ** -55;

/**
 * Neither of c_t, G divides the other. The reference leaves this undefined; this extension (not validated
 * by reference data) computes the exact expectation with a transfer over tiles whose state is whether the
 * group straddling the tile boundary is active (adjacent tiles share at most that group).
 */
function straddlingExpectation(tiles: number, cTile: number, p: number, groupSize: number): number {
  const total = tiles * cTile;
  const cdfByCount = new Map<number, Float64Array>();
  const binCdf = (n: number, k: number): number => {
    if (k < 0) return 0;
    if (k >= n) return 1;
    let c = cdfByCount.get(n);
    if (!c) {
      c = binomialCdf(n, p).cdf;
      cdfByCount.set(n, c);
    }
    return c[k]!;
  };
  const prob = [1 - p, p];
  let expected = 0;
  for (let k = 0; k < cTile; k++) {
    let v0 = 1;
    let v1 = 0;
    let prevRight = -1;
    for (let t = 0; t < tiles; t++) {
      const start = t * cTile;
      const end = Math.min(start + cTile, total);
      const gL = Math.floor(start / groupSize);
      const gR = Math.floor((end - 1) / groupSize);
      const shared = gL === prevRight;
      const inMass = [shared ? v0 : (v0 + v1) * prob[0]!, shared ? v1 : (v0 + v1) * prob[1]!];
      let n0 = 0;
      let n1 = 0;
      if (gL === gR) {
        const span = end - start;
        n0 += inMass[0]!;
        if (span <= k) n1 += inMass[1]!;
      } else {
        const ovL = Math.min((gL + 1) * groupSize, end) - start;
        const ovR = end - gR * groupSize;
        const inner = gR - gL - 1;
        for (let aL = 0; aL < 2; aL++) {
          for (let aR = 0; aR < 2; aR++) {
            const rest = k - ovL * aL - ovR * aR;
            const pOk = rest < 0 ? 0 : binCdf(inner, Math.floor(rest / groupSize));
            const mass = inMass[aL]! * prob[aR]! * pOk;
            if (aR === 0) n0 += mass;
            else n1 += mass;
          }
        }
      }
      v0 = n0;
      v1 = n1;
      prevRight = gR;
    }
    expected += 1 - (v0 + v1);
  }
  return expected / cTile;
}

/**
 * ρ_E(T_c, c_t, p, G): exact expected maximum, over `tiles` channel tiles of `cTile` channels, of the
 * fraction of active channels when channels come in groups of `groupSize` (a group *size* [Q16]) that are
 * each active with probability p; clamped from below at p. p = 1 gives 1 and p = 0 gives 0 exactly.
 */
export function maxChannelDensity(
  tiles: number,
  cTile: number,
  p: number,
  groupSize: number,
): number {
  if (p === 1) return 1;
  if (p === 0) return 0;
  const packable =
    Number.isInteger(tiles) &&
    Number.isInteger(cTile) &&
    Number.isInteger(groupSize) &&
    tiles >= 0 &&
    cTile >= 0 &&
    groupSize >= 0 &&
    tiles < PACK &&
    cTile < PACK &&
    groupSize < PACK / 2;
  const key = (tiles * PACK + cTile) * (PACK / 2) + groupSize; // < 2⁵¹: exact
  let byKey = cache.get(p);
  const hit = packable ? byKey?.get(key) : undefined;
  if (hit !== undefined) return hit;
  let value: number;
  if (cTile % groupSize === 0) value = alignedExpectation(tiles, cTile, p, groupSize);
  else if (groupSize % cTile === 0) {
    const groups = Math.ceil((tiles * cTile) / groupSize);
    value = 1 - (1 - p) ** groups;
  } else value = straddlingExpectation(tiles, cTile, p, groupSize);
  if (value < p) value = p;
  if (!packable) return value;
  if (cacheSize >= CACHE_LIMIT) {
    cache.clear();
    cacheSize = 0;
    byKey = undefined;
  }
  if (!byKey) {
    byKey = new Map();
    cache.set(p, byKey);
  }
  byKey.set(key, value);
  cacheSize++;
  return value;
}

/** True when ρ_E for these arguments is one the reference defines (p ∈ {0, 1} or G, c_t nested). */
export function isReferenceDensityCase(cTile: number, p: number, groupSize: number): boolean {
  return p === 0 || p === 1 || cTile % groupSize === 0 || groupSize % cTile === 0;
}
