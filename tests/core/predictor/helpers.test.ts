import { describe, expect, it } from 'vitest';
import {
  activePatches,
  ceilEff,
  cpythonSetOrder,
  isReferenceDensityCase,
  maxChannelDensity,
  meanPatchCount,
  memEff,
  tileSearchSpace,
} from '../../../core/predictor';
import { loadCsv, num, relErr } from './reference-data';

const helpers = loadCsv('helper_vectors.csv');
const rowsOf = (name: string) => helpers.filter((r) => r.helper === name);

describe('tile search space (spec §2.3, Appendix A)', () => {
  it('iterates in CPython set order for every n of helper_vectors.csv', () => {
    const rows = rowsOf('search_space_order');
    expect(rows.length).toBeGreaterThan(500);
    for (const r of rows)
      expect(tileSearchSpace(num(r, 'arg1')).join(' '), `n=${r.arg1}`).toBe(r.value);
    console.log(`search_space_order: ${rows.length} sizes compared`);
  });

  it('holds the same sets as the sorted rows', () => {
    for (const r of rowsOf('search_space_sorted')) {
      const sorted = [...tileSearchSpace(num(r, 'arg1'))].sort((a, b) => a - b);
      expect(sorted.join(' '), `n=${r.arg1}`).toBe(r.value);
    }
  });

  it('matches the spec examples', () => {
    expect(tileSearchSpace(1)).toEqual([1, 2]);
    expect(tileSearchSpace(16)).toEqual([32, 1, 2, 3, 4, 5, 6, 7, 8, 16]);
    expect(tileSearchSpace(256)).toEqual([
      32, 1, 2, 64, 4, 128, 256, 37, 8, 3, 5, 43, 6, 7, 16, 52, 86,
    ]);
    expect(tileSearchSpace(3136)).toEqual([
      128, 1, 2, 3, 4, 5, 6, 7, 8, 523, 16, 784, 1046, 32, 1568, 64, 3136, 448, 628,
    ]);
  });

  it('drops duplicates and rejects n < 1 (the reference crashes on S(0))', () => {
    expect(cpythonSetOrder([3, 3, 1])).toEqual([1, 3]);
    expect(() => tileSearchSpace(0)).toThrow(RangeError);
  });
});

describe('efficiencies (spec §2.1, §2.2)', () => {
  it('ceil_efficiency matches every reference row exactly', () => {
    const rows = rowsOf('ceil_efficiency');
    for (const r of rows) expect(ceilEff(num(r, 'arg1'), num(r, 'arg2'))).toBe(num(r, 'value'));
    expect(rows.length).toBe(60);
  });

  it('mem_concurrent_efficiency matches every reference row exactly', () => {
    const rows = rowsOf('mem_concurrent_efficiency');
    for (const r of rows)
      expect(memEff(num(r, 'arg1'), num(r, 'arg2'), num(r, 'arg3'))).toBe(num(r, 'value'));
    expect(rows.length).toBe(198);
  });
});

describe('patch counts (spec §2.7)', () => {
  it('keeps the reference multiplication order for the rounding', () => {
    expect(activePatches(0.7, 56, 56, 1)).toBe(2196);
    expect(activePatches(0, 56, 56, 4)).toBe(0);
    expect(activePatches(1, 7, 7, 4)).toBe(4);
    expect(meanPatchCount(56, 56, 4)).toBe(98.5);
  });
});

describe('max channel density, exact expectation (spec §2.8)', () => {
  it('matches calc_max_c_density_expectation rows within 1e-12 (nan rows are the undefined case)', () => {
    const rows = rowsOf('calc_max_c_density_expectation');
    let compared = 0;
    for (const r of rows) {
      const [tc, ct, p, g] = [num(r, 'arg1'), num(r, 'arg2'), num(r, 'arg3'), num(r, 'arg4')];
      if (r.value === 'nan') {
        expect(isReferenceDensityCase(ct, p, g)).toBe(false);
        continue;
      }
      expect(
        relErr(maxChannelDensity(tc, ct, p, g), num(r, 'value')),
        r.arg1 + ',' + r.arg2,
      ).toBeLessThan(1e-12);
      compared++;
    }
    expect(compared).toBe(13);
  });

  it('is 1 at p = 1, 0 at p = 0, and at least p', () => {
    expect(maxChannelDensity(4, 16, 1, 1)).toBe(1);
    expect(maxChannelDensity(4, 16, 0, 1)).toBe(0);
    for (const p of [0.01, 0.3, 0.9])
      expect(maxChannelDensity(1, 64, p, 1)).toBeGreaterThanOrEqual(p);
  });

  it('of one single-channel tile is p (closed form 1 − (1 − p)^1)', () => {
    expect(maxChannelDensity(1, 1, 0.3, 1)).toBeCloseTo(0.3, 15);
    // Two tiles of one channel: P(at least one active) = 1 − 0.7².
    expect(maxChannelDensity(2, 1, 0.3, 1)).toBeCloseTo(0.51, 15);
  });

  it('straddling-group extension agrees with a brute-force enumeration', () => {
    // T_c = 3 tiles of 5 channels, groups of 2 (8 groups, the last truncated): enumerate all 2^8 outcomes.
    const [tc, ct, p, g] = [3, 5, 0.3, 2];
    const groups = Math.ceil((tc * ct) / g);
    let expected = 0;
    for (let mask = 0; mask < 1 << groups; mask++) {
      let prob = 1;
      for (let k = 0; k < groups; k++) prob *= mask & (1 << k) ? p : 1 - p;
      let best = 0;
      for (let t = 0; t < tc; t++) {
        let count = 0;
        for (let ch = t * ct; ch < (t + 1) * ct; ch++)
          if (mask & (1 << Math.floor(ch / g))) count++;
        best = Math.max(best, count);
      }
      expected += prob * best;
    }
    expect(maxChannelDensity(tc, ct, p, g)).toBeCloseTo(Math.max(expected / ct, p), 12);
  });
});
