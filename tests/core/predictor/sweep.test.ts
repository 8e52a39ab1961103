import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import {
  PredictorInputError,
  createPredictor,
  predictNetwork,
  resolveHardware,
  sweepStage,
  uniformRates,
  type StageMode,
} from '../../../core/predictor';

const arch = findBuiltinArchitecture('resnet50')!;
const p = createPredictor(resolveHardware('v100'));
const all = <T>(v: T): T[] => [v, v, v, v];
const rates = [0, 0.25, 0.5, 0.75, 1];

describe('sweepStage', () => {
  it('whole-network curves equal predictNetwork at every rate', () => {
    const res = sweepStage(p, {
      arch,
      stage: null,
      rates,
      candidates: [
        { mode: 'spatial', granularity: [4, 4, 2, 1] },
        { mode: 'channel', channelGranularity: 2 },
        { mode: 'layer' },
      ],
    });
    expect(res.curves.map((c) => c.label)).toEqual(['S=4-4-2-1', 'G=2-2-2-2', 'layer']);
    for (const curve of res.curves) {
      curve.points.forEach((pt, k) => {
        const pred = predictNetwork(p, {
          arch,
          modes: all<StageMode>(curve.mode),
          granularity: curve.granularity,
          channelGranularity: curve.channelGranularity,
          rates: uniformRates(arch, rates[k]!),
        });
        expect(pt.latencyS).toBe(pred.latencyS);
        expect(pt.ratio).toBe(pred.ratio);
        expect(pt.staticLatencyS).toBe(pred.staticLatencyS);
      });
    }
    expect(res.batchSize).toBe(128);
  });

  it('a stage sweep sums only that stage and divides by its static latency', () => {
    const res = sweepStage(p, {
      arch,
      stage: 1,
      rates,
      candidates: [1, 2, 4, 7].map((g) => ({ mode: 'spatial' as const, granularity: g })),
    });
    expect(res.curves.map((c) => c.label)).toEqual(['S=1', 'S=2', 'S=4', 'S=7']);
    const curve = res.curves[2]!;
    curve.points.forEach((pt, k) => {
      const pred = predictNetwork(p, {
        arch,
        modes: ['static', 'spatial', 'static', 'static'],
        granularity: [1, 4, 1, 1],
        channelGranularity: all(1),
        rates: uniformRates(arch, rates[k]!),
      });
      const blocks = pred.blocks.filter((b) => b.stage === 1);
      expect(pt.latencyS).toBe(blocks.reduce((a, b) => a + b.latencyS, 0));
      const stat = blocks[0]!.staticLatencyS + (blocks.length - 1) * blocks[1]!.staticLatencyS;
      expect(pt.staticLatencyS).toBe(stat);
      expect(pt.ratio).toBe(pt.latencyS / stat);
    });
    // Higher rate, more work: every curve rises with the rate.
    for (const c of res.curves)
      for (let k = 1; k < rates.length; k++)
        expect(c.points[k]!.latencyS).toBeGreaterThan(c.points[k - 1]!.latencyS);
  });

  it('reproduces the formulation note: on V100 at batch 128, S = 1 is slower than static', () => {
    const res = sweepStage(p, {
      arch,
      stage: null,
      rates: [0.5],
      candidates: [
        { mode: 'spatial', granularity: 1 },
        { mode: 'spatial', granularity: [4, 4, 2, 1] },
      ],
    });
    expect(res.curves[0]!.points[0]!.ratio).toBeGreaterThan(1);
    expect(res.curves[1]!.points[0]!.ratio).toBeLessThan(1);
  });

  it('rejects bad stages, rates, modes and granularities', () => {
    const base = {
      arch,
      stage: 0,
      rates: [0.5],
      candidates: [{ mode: 'spatial' as const, granularity: 4 }],
    };
    expect(() => sweepStage(p, { ...base, stage: 4 })).toThrow(
      /stage 4 does not exist \(valid: 0 to 3/,
    );
    expect(() => sweepStage(p, { ...base, rates: [1.2] })).toThrow(PredictorInputError);
    expect(() => sweepStage(p, { ...base, candidates: [{ mode: 'fast' as StageMode }] })).toThrow(
      /'fast' is not one of/,
    );
    expect(() =>
      sweepStage(p, { ...base, candidates: [{ mode: 'spatial', granularity: 0 }] }),
    ).toThrow(/granularity 0 is not a positive integer/);
    expect(() =>
      sweepStage(p, { ...base, candidates: [{ mode: 'spatial', granularity: [1, 2] }] }),
    ).toThrow(/one value per stage \(4\)/);
  });
});
