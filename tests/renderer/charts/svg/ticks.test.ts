import { describe, expect, it } from 'vitest';
import {
  decadeTicks,
  niceStep,
  niceTicks,
  ticksWithin,
} from '../../../../renderer/src/charts/svg/ticks';

describe('niceStep', () => {
  it('picks 1, 2 or 5 × a power of ten nearest to span / count', () => {
    expect(niceStep(10, 5)).toBe(2); // raw 2
    expect(niceStep(1, 5)).toBe(0.2); // raw 0.2
    expect(niceStep(7, 5)).toBe(1); // raw 1.4 < √2
    expect(niceStep(8, 5)).toBe(2); // raw 1.6 ≥ √2
    expect(niceStep(100, 4)).toBe(20); // raw 25: 2.5 < √10
    expect(niceStep(16, 4)).toBe(5); // raw 4 ≥ √10
    expect(niceStep(30, 4)).toBe(10); // raw 7.5 ≥ √50
  });

  it('gives 0 for an empty or meaningless span', () => {
    expect(niceStep(0, 5)).toBe(0);
    expect(niceStep(-1, 5)).toBe(0);
    expect(niceStep(Infinity, 5)).toBe(0);
    expect(niceStep(10, 0)).toBe(0);
  });
});

describe('niceTicks', () => {
  it('widens the domain to whole steps', () => {
    expect(niceTicks(0, 0.93, 4)).toEqual({
      domain: [0, 1],
      ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
      step: 0.2,
    });
  });

  it('returns clean decimals, not floating-point noise', () => {
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('spans negative values', () => {
    const t = niceTicks(-37, 12, 5);
    expect(t.domain).toEqual([-40, 20]);
    expect(t.ticks).toEqual([-40, -30, -20, -10, 0, 10, 20]);
  });

  it('takes a coarser step when widening makes the span grow', () => {
    // Step 2 for [0.5, 9.5] widens to [0, 10]; still 2.
    expect(niceTicks(0.5, 9.5, 5).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('opens a flat range around its value', () => {
    expect(niceTicks(0, 0).domain).toEqual([0, 1]);
    expect(niceTicks(4, 4, 4).domain).toEqual([2, 6]);
  });

  it('falls back to [0, 1] for non-finite input', () => {
    expect(niceTicks(NaN, 3).ticks).toEqual([0, 1]);
  });
});

describe('ticksWithin', () => {
  it('keeps the domain and lists the round values inside it', () => {
    expect(ticksWithin(0, 1.2, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    expect(ticksWithin(0, 1.3, 4)).toEqual([0, 0.5, 1]);
    expect(ticksWithin(-5, 25, 3)).toEqual([0, 10, 20]);
  });

  it('gives the start of an empty domain', () => {
    expect(ticksWithin(2, 2)).toEqual([2]);
  });
});

describe('decadeTicks', () => {
  it('spans the values with powers of ten', () => {
    expect(decadeTicks([0.35, 1.4, 54])).toEqual({ domain: [0.1, 100], ticks: [0.1, 1, 10, 100] });
  });

  it('gives at least two ticks and ignores non-positive values', () => {
    expect(decadeTicks([2, 0, -1])).toEqual({ domain: [1, 10], ticks: [1, 10] });
    expect(decadeTicks([])).toEqual({ domain: [0.1, 1], ticks: [0.1, 1] });
  });
});
