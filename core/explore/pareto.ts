/**
 * Pareto fronts of two objectives: minimise a cost (latency) and maximise a value (FLOPs ratio kept, or a
 * user's accuracy). A point is dominated when another is no worse in both and better in one; identical
 * points do not dominate each other, so both stay on the front.
 */

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
  idx.sort((a, b) => cost[a]! - cost[b]! || value[b]! - value[a]! || a - b);
  const front: number[] = [];
  let bestValue = -Infinity;
  let bestCost = NaN;
  for (const i of idx) {
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
