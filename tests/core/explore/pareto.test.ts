import { describe, expect, it } from 'vitest';
import { bestValueWithin, cheapestWithValue, paretoFront } from '../../../core/explore/pareto';

/** O(n²) reference: i is on the front when no j is no worse in both and strictly better in one. */
function bruteFront(cost: number[], value: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < cost.length; i++) {
    let dominated = false;
    for (let j = 0; j < cost.length && !dominated; j++) {
      if (j === i) continue;
      const noWorse = cost[j]! <= cost[i]! && value[j]! >= value[i]!;
      const better = cost[j]! < cost[i]! || value[j]! > value[i]!;
      dominated = noWorse && better;
    }
    if (!dominated) out.push(i);
  }
  return out;
}

describe('paretoFront', () => {
  it('keeps the hand-checked non-dominated points of a small set', () => {
    //            0    1    2    3    4    5
    const cost = [1.0, 2.0, 2.0, 3.0, 0.5, 4.0];
    const value = [0.5, 0.7, 0.6, 0.7, 0.2, 0.9];
    // 2 loses to 1 (same cost, less value); 3 loses to 1 (more cost, same value).
    expect(paretoFront(cost, value)).toEqual([4, 0, 1, 5]);
  });

  it('keeps identical points (neither dominates the other)', () => {
    expect(paretoFront([1, 1, 2], [0.5, 0.5, 0.4])).toEqual([0, 1]);
  });

  it('ignores non-finite points', () => {
    expect(paretoFront([NaN, 1, 2], [1, 0.3, Infinity])).toEqual([1]);
  });

  it('equals the O(n²) front on random sets with many ties', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rnd() * 60);
      const cost = Array.from({ length: n }, () => Math.floor(rnd() * 10));
      const value = Array.from({ length: n }, () => Math.floor(rnd() * 10));
      expect([...paretoFront(cost, value)].sort((a, b) => a - b)).toEqual(bruteFront(cost, value));
    }
  });

  it('equals the O(n²) front on large sets (the bucket pre-filter path), with ties', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of [5000, 6000]) {
      const cost = Array.from({ length: n }, () => Math.floor(rnd() * 3000) / 7);
      const value = Array.from({ length: n }, (_, i) => Math.floor(rnd() * 40) + cost[i]! / 100);
      expect([...paretoFront(cost, value)].sort((a, b) => a - b)).toEqual(bruteFront(cost, value));
    }
  });

  it('answers the two one-click questions from the front', () => {
    const cost = [1, 2, 3, 4];
    const value = [0.3, 0.5, 0.6, 0.9];
    const front = paretoFront(cost, value);
    expect(cheapestWithValue(front, value, 0.55)).toBe(2);
    expect(cheapestWithValue(front, value, 0.95)).toBeUndefined();
    expect(bestValueWithin(front, cost, 3.5)).toBe(2);
    expect(bestValueWithin(front, cost, 0.5)).toBeUndefined();
  });
});
