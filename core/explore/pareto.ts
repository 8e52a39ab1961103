/**
 * Pareto fronts of two objectives: minimise a cost (latency) and maximise a value (FLOPs ratio kept, or a
 * user's accuracy). A point is dominated when another is no worse in both and better in one; identical
 * points do not dominate each other, so both stay on the front.
 */

/** Above this many points, a linear bucket pass drops most dominated points before the sort. */
const PREFILTER_MIN = 4096;
const BUCKETS = 4096;

/**
 * Drops points that are surely dominated, in O(n): points are bucketed by cost; every point of an
 * earlier bucket costs strictly less, so a point whose value does not exceed the best value of all
 * earlier buckets is dominated. What remains is exact input for the sort.
 */
function prefilter(idx: number[], cost: ArrayLike<number>, value: ArrayLike<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of idx) {
    const c = cost[i]!;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (!(hi > lo)) return idx;
  const scale = (BUCKETS - 1) / (hi - lo);
  const bucketOf = (c: number) => Math.floor((c - lo) * scale);
  const best = new Float64Array(BUCKETS).fill(-Infinity);
  for (const i of idx) {
    const b = bucketOf(cost[i]!);
    if (value[i]! > best[b]!) best[b] = value[i]!;
  }
  // before[b]: best value over buckets 0 … b − 1.
  const before = new Float64Array(BUCKETS);
  let run = -Infinity;
  for (let b = 0; b < BUCKETS; b++) {
    before[b] = run;
    if (best[b]! > run) run = best[b]!;
  }
  return idx.filter((i) => value[i]! > before[bucketOf(cost[i]!)]!);
}

/**
 * Indices of the non-dominated points among `candidates` (default: all), ordered by cost ascending (so
 * value ascends too). Points with a non-finite cost or value are ignored. O(n log n).
 */
export function paretoFront(
  cost: ArrayLike<number>,
  value: ArrayLike<number>,
  candidates?: Iterable<number>,
): number[] {
  const idx: number[] = [];
  if (candidates) {
    for (const i of candidates)
      if (Number.isFinite(cost[i]!) && Number.isFinite(value[i]!)) idx.push(i);
  } else {
    for (let i = 0; i < cost.length; i++)
      if (Number.isFinite(cost[i]!) && Number.isFinite(value[i]!)) idx.push(i);
  }
  const survivors = idx.length > PREFILTER_MIN ? prefilter(idx, cost, value) : idx;
  survivors.sort((a, b) => cost[a]! - cost[b]! || value[b]! - value[a]! || a - b);
  const front: number[] = [];
  let bestValue = -Infinity;
  let bestCost = NaN;
  for (const i of survivors) {
    const v = value[i]!;
    if (v > bestValue) {
      bestValue = v;
      bestCost = cost[i]!;
      front.push(i);
    } else if (v === bestValue && cost[i] === bestCost) {
      front.push(i);
    }
  }
  return front;
}

/**
 * The front point with the lowest cost whose value is at least `minValue` ("fastest design that keeps
 * ≥ X % FLOPs"); undefined when none reaches it. `front` as returned by {@link paretoFront}.
 */
export function cheapestWithValue(
  front: readonly number[],
  value: ArrayLike<number>,
  minValue: number,
): number | undefined {
  return front.find((i) => value[i]! >= minValue);
}

/**
 * The front point with the highest value whose cost is at most `maxCost` ("most FLOPs kept under Y ms");
 * undefined when every point costs more.
 */
export function bestValueWithin(
  front: readonly number[],
  cost: ArrayLike<number>,
  maxCost: number,
): number | undefined {
  let best: number | undefined;
  for (const i of front) if (cost[i]! <= maxCost) best = i;
  return best;
}
