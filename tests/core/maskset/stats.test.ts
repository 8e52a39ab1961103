import { describe, expect, it } from 'vitest';
import {
  blockColumn,
  maskSetBlockStats,
  maskSetMeanRates,
  meanByClass,
  quantiles,
} from '../../../core/maskset';
import { smallSet } from './helpers';

describe('quantiles', () => {
  it('interpolates percentiles linearly between order statistics, as numpy does', () => {
    // numpy: np.percentile([1..10], [10, 50, 90]) = [1.9, 5.5, 9.1]
    const q = quantiles([10, 3, 1, 2, 4, 5, 6, 7, 8, 9])!;
    expect(q.mean).toBe(5.5);
    expect(q.p10).toBeCloseTo(1.9, 12);
    expect(q.p50).toBeCloseTo(5.5, 12);
    expect(q.p90).toBeCloseTo(9.1, 12);
    expect(q.count).toBe(10);
  });

  it('skips NaN (not applicable) and says null when nothing is left', () => {
    expect(quantiles([Number.NaN, 0.25, Number.NaN, 0.75])).toEqual({
      mean: 0.5,
      p10: 0.3,
      p50: 0.5,
      p90: 0.7,
      count: 2,
    });
    expect(quantiles([0.4])).toEqual({ mean: 0.4, p10: 0.4, p50: 0.4, p90: 0.4, count: 1 });
    expect(quantiles([Number.NaN])).toBeNull();
    expect(quantiles([])).toBeNull();
  });
});

describe('per-block statistics of a set', () => {
  // Spatial stages 1-2, channel stage 3, layer stage 4; 4 images.
  const set = smallSet({
    modes: ['spatial', 'spatial', 'channel', 'layer'],
    S: [4, 4, 2, 1],
    images: 4,
    rate: (kind, i, b) =>
      kind === 'channel' ? 0.5 : kind === 'conv1' ? 0.9 : b === 0 ? i / 4 : 0.25,
  });
  for (let i = 0; i < 4; i++) {
    const k = i * 16 + 13; // stage4/0, a layer block: gates 1, 0, 1, 1
    for (const kind of ['spatial', 'conv1', 'conv2', 'gate'] as const)
      set.rates[kind][k] = i === 1 ? 0 : 1;
  }

  it('gives each rate of each block its distribution over the images, null where the block has no such mask', () => {
    const stats = maskSetBlockStats(set);
    expect(stats.length).toBe(16);
    expect(stats[0]!.key).toBe('stage1/0');
    // Block 0 spatial rates 0, 0.25, 0.5, 0.75: mean 0.375, p10 0.075, p50 0.375, p90 0.675.
    expect(stats[0]!.spatialRate!.mean).toBeCloseTo(0.375, 12);
    expect(stats[0]!.spatialRate!.p10).toBeCloseTo(0.075, 12);
    expect(stats[0]!.spatialRate!.p90).toBeCloseTo(0.675, 12);
    expect(stats[0]!.conv1Rate!.mean).toBeCloseTo(0.9, 6);
    expect(stats[0]!.channelRate).toBeNull();
    expect(stats[0]!.gate).toBeNull();
    expect(stats[7]!.key).toBe('stage3/0');
    expect(stats[7]!.spatialRate).toBeNull();
    expect(stats[7]!.channelRate!.mean).toBe(0.5);
    expect(stats[13]!.gate).toMatchObject({ mean: 0.75, count: 4 });
  });

  it("computes the set's mean rates per block and reads block columns", () => {
    const means = maskSetMeanRates(set);
    expect(means.spatial[0]).toBe(0.375);
    expect(means.spatial[5]).toBe(0.25);
    expect(Number.isNaN(means.spatial[7]!)).toBe(true);
    expect(means.channel[7]).toBe(0.5);
    expect(means.gate[13]).toBe(0.75);
    expect([...blockColumn(set, 'spatial', 0)]).toEqual([0, 0.25, 0.5, 0.75]);
  });
});

describe('meanByClass', () => {
  it('averages a per-image value per class, unlabelled images last, NaN skipped', () => {
    const set = smallSet({
      modes: ['spatial', 'spatial', 'spatial', 'spatial'],
      S: [4, 4, 2, 1],
      images: 5,
      rate: () => 0.5,
    });
    set.label = Int32Array.from([0, 1, 0, -1, 1]);
    expect(meanByClass(set, [0.2, 0.9, 0.4, 0.7, Number.NaN])).toEqual([
      { label: 0, name: 'cat', count: 2, mean: (0.2 + 0.4) / 2 },
      { label: 1, name: 'dog', count: 1, mean: 0.9 },
      { label: -1, name: '', count: 1, mean: 0.7 },
    ]);
  });
});
