import { describe, expect, it } from 'vitest';
import { defaultConfig, toNetworkRequest, validateConfig } from '../../../core/config';
import type { ReferenceDynMode } from '../../../core/maskfile';
import {
  applyMeanRatesToConfig,
  maskSetLatency,
  maskSetRequest,
  meanRatesRequest,
  perImageLatencies,
} from '../../../core/maskset';
import { createPredictor, predictNetwork, resolveHardware } from '../../../core/predictor';
import { smallSet } from './helpers';

const rateOf = (i: number, b: number) => ((i * 5 + b * 3) % 64) / 64;
const channelOf = (i: number, b: number) => ((i * 7 + b) % 32) / 32 + 1 / 64;

function set(modes: ReferenceDynMode[], S: number[], images = 5) {
  const s = smallSet({
    modes,
    S,
    images,
    rate: (kind, i, b) => (kind === 'channel' ? channelOf(i, b) : rateOf(i, b)),
  });
  for (const b of s.blocks.filter((x) => x.mode === 'layer'))
    for (let i = 0; i < images; i++)
      for (const kind of ['spatial', 'conv1', 'conv2', 'gate'] as const)
        s.rates[kind][i * 16 + b.globalIndex] = (i + b.globalIndex) % 3 === 0 ? 0 : 1;
  return s;
}

describe('latency of a set', () => {
  const p = createPredictor(resolveHardware('v100'));

  it('predicts each image at its own rates, exactly as predictNetwork does', () => {
    const s = set(['spatial', 'both', 'channel', 'layer'], [4, 4, 2, 1]);
    const per = perImageLatencies(s, p);
    for (let i = 0; i < s.images; i++) {
      const request = maskSetRequest(s, (b) => {
        const k = i * 16 + b.globalIndex;
        return {
          rate: b.mode === 'channel' ? s.rates.channel[k]! : s.rates.spatial[k]!,
          channelRate: s.rates.channel[k]!,
        };
      });
      expect(per[i]).toBe(predictNetwork(p, request).latencyS);
    }
    expect(new Set(per).size).toBe(s.images);
  });

  it('gives the latency at the mean rates, the static latency and the spread', () => {
    const s = set(['spatial', 'both', 'channel', 'layer'], [4, 4, 2, 1]);
    const result = maskSetLatency(s, resolveHardware('v100'));
    const request = meanRatesRequest(s);
    // Hand-checked means: block 0 over images 0..4 has rates 0, 5, 10, 15, 20 (/64): mean 10/64.
    expect(request.rates[0]![0]).toBe(10 / 64);
    expect(request.granularity).toEqual([4, 4, 1, 7]);
    expect(request.channelRates![1]![0]).toBeCloseTo(
      [0, 1, 2, 3, 4].reduce((a, i) => a + Math.fround(channelOf(i, 3)), 0) / 5,
      12,
    );
    expect(result.latencyS).toBe(predictNetwork(p, request).latencyS);
    expect(result.staticLatencyS).toBe(predictNetwork(p, request).staticLatencyS);
    const spread = result.perImageLatencyS!;
    expect(spread.count).toBe(5);
    expect(spread.p10).toBeLessThanOrEqual(spread.p50);
    expect(spread.p50).toBeLessThanOrEqual(spread.p90);
  });
});

describe("'Use the set's rates' as a configuration", () => {
  it('sets every block to its mean rate; the configuration predicts what the mean request predicts', () => {
    const s = set(['spatial', 'spatial', 'channel', 'layer'], [4, 4, 2, 1]);
    const config = applyMeanRatesToConfig(defaultConfig('resnet101', 'a100'), s);
    expect(validateConfig(config)).toEqual([]);
    expect(config.model).toEqual({ kind: 'builtin', id: 'resnet50' });
    expect(config.hardware).toMatchObject({ kind: 'preset', id: 'a100' });
    expect(config.stages.map((st) => st.mode)).toEqual(['spatial', 'spatial', 'channel', 'layer']);
    expect(config.stages.map((st) => st.spatialGranularity)).toEqual([4, 4, 2, 7]);
    expect(config.blockRates['stage1/0']).toBe(10 / 64);
    // Layer block stage4/0 (global 13): gates of images 0..4 are 1,1,0,1,1 → keep probability 0.8.
    expect(config.blockRates['stage4/0']).toBeCloseTo(0.8, 12);
    expect(Object.keys(config.blockRates).length).toBe(16);
    const p = createPredictor(resolveHardware('v100'));
    expect(predictNetwork(p, toNetworkRequest(config)).latencyS).toBe(
      predictNetwork(p, meanRatesRequest(s)).latencyS,
    );
  });

  it('gives a spatial+channel stage the mean of its blocks’ mean channel rates', () => {
    const s = set(['spatial', 'both', 'channel', 'layer'], [4, 4, 2, 1]);
    const config = applyMeanRatesToConfig(defaultConfig(), s);
    const request = meanRatesRequest(s);
    const blockMeans = request.channelRates![1]!;
    expect(config.stages[1]!.channelRate).toBeCloseTo(
      blockMeans.reduce((a, b) => a + b, 0) / blockMeans.length,
      12,
    );
    expect(config.stages[1]!.mode).toBe('spatial+channel');
    expect(validateConfig(config)).toEqual([]);
  });

  it('refuses a set without images instead of inventing rates', () => {
    const s = set(['spatial', 'spatial', 'spatial', 'spatial'], [4, 4, 2, 1], 0);
    expect(() => meanRatesRequest(s)).toThrow('stage1/0: no image has this rate');
  });
});
