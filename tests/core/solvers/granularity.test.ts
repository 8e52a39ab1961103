import { describe, expect, it } from 'vitest';
import { defaultConfig, validGranularities } from '../../../core/config';
import { autoGranularity } from '../../../core/solvers/granularity';

describe('autoGranularity', () => {
  const v100 = autoGranularity(defaultConfig('resnet50', 'v100'), {
    mode: 'spatial',
    rate: 0.5,
    includeLayer: false,
  });

  it('tables every valid S of every stage', () => {
    for (let s = 0; s < 4; s++) {
      const values = v100.rows.filter((r) => r.stage === s).map((r) => r.value);
      expect(values).toEqual(validGranularities([56, 28, 14, 7][s]!));
    }
  });

  it('chooses, per stage, the row with the lowest latency ratio, and marks it', () => {
    for (const choice of v100.choices) {
      const rows = v100.rows.filter((r) => r.stage === choice.stage);
      const min = Math.min(...rows.map((r) => r.latencyRatio));
      expect(choice.latencyRatio).toBe(min);
      expect(rows.filter((r) => r.chosen)).toHaveLength(1);
      expect(rows.find((r) => r.chosen)?.value).toBe(choice.value);
    }
    expect(v100.config.stages.map((s) => s.spatialGranularity)).toEqual(
      v100.choices.map((c) => c.value),
    );
  });

  it('reproduces the paper: on a V100 at batch 128, pixel-level masks (S = 1) are slower than static', () => {
    const s1 = v100.rows.filter((r) => r.value === 1 && r.stage < 3);
    for (const r of s1) expect(r.latencyRatio).toBeGreaterThan(1);
    expect(v100.choices.every((c) => c.value > 1 || c.stage === 3)).toBe(true);
  });

  it('on a TX2 at batch 1 the choice of S matters much less than on a V100', () => {
    const tx2 = autoGranularity(defaultConfig('resnet50', 'tx2'), {
      mode: 'spatial',
      rate: 0.5,
      includeLayer: false,
    });
    const spread = (rows: typeof v100.rows) =>
      Math.max(...rows.map((r) => r.latencyRatio)) - Math.min(...rows.map((r) => r.latencyRatio));
    const stage1 = (res: typeof v100) => res.rows.filter((r) => r.stage === 0 && r.value < 56);
    expect(spread(stage1(tx2))).toBeLessThan(spread(stage1(v100)) / 5);
  });

  it('layer skipping is one more row per stage', () => {
    const res = autoGranularity(defaultConfig('resnet50', 'v100'), { mode: 'spatial', rate: 0.5 });
    expect(res.rows.filter((r) => r.mode === 'layer')).toHaveLength(4);
    for (const c of res.choices)
      if (c.mode === 'layer') expect(res.config.stages[c.stage]!.mode).toBe('layer');
  });

  it('channel mode tables the group sizes G that divide m, except G = m', () => {
    const res = autoGranularity(defaultConfig('resnet50', 'tx2'), {
      mode: 'channel',
      rate: 0.5,
      includeLayer: false,
    });
    expect(res.rows.filter((r) => r.stage === 0).map((r) => r.value)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(res.choices.every((c) => c.mode === 'channel')).toBe(true);
  });

  it('honours a candidate list', () => {
    const res = autoGranularity(defaultConfig('resnet50', 'v100'), {
      mode: 'spatial',
      rate: 0.5,
      includeLayer: false,
      candidates: [1, 2, 4, 7],
    });
    expect(res.rows.filter((r) => r.stage === 3).map((r) => r.value)).toEqual([1, 7]);
    expect(res.rows.filter((r) => r.stage === 0).map((r) => r.value)).toEqual([1, 2, 4, 7]);
  });
});
