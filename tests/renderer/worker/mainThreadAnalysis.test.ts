/** When the live prediction is computed on the main thread, and when the worker gets it instead. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import {
  setStageGranularity,
  setStageMode,
  setTargetRate,
} from '../../../renderer/src/store/configEdits';
import {
  createMainThreadAnalyzer,
  shapeKey,
} from '../../../renderer/src/worker/mainThreadAnalysis';
import type { Analysis } from '../../../renderer/src/worker/types';

/** A fake analysis tagged with its configuration, and a clock that each call advances by `cost` ms. */
function harness(costs: number[] = []) {
  let now = 0;
  const calls: StudioConfig[] = [];
  const analyze = (config: StudioConfig): Analysis => {
    calls.push(config);
    now += costs.shift() ?? 0.3;
    return { workerMs: -1, tag: config } as unknown as Analysis;
  };
  const analyzer = createMainThreadAnalyzer({
    analyze,
    clock: () => now,
    limitMs: 4,
    retryAfterMs: 10_000,
  });
  return {
    analyzer,
    calls,
    costs,
    advance: (ms: number) => (now += ms),
  };
}

const resnet = defaultConfig('resnet101');
const tagOf = (a: Analysis | undefined) => (a as unknown as { tag: StudioConfig } | undefined)?.tag;

describe('main-thread analysis', () => {
  it('leaves a shape it has not computed to the worker until it is warmed up', () => {
    const { analyzer, calls } = harness();
    expect(analyzer.needsWarmUp(resnet)).toBe(true);
    expect(analyzer.now(resnet)).toBeNull();
    expect(calls).toEqual([]); // nothing computed here while cold
    analyzer.warm(resnet);
    expect(calls).toEqual([resnet]);
    expect(analyzer.needsWarmUp(resnet)).toBe(false);
    // Another rate is the same shape: computed now, in this call, for exactly that configuration.
    const next = setTargetRate(resnet, 0.37);
    const result = analyzer.now(next);
    expect(tagOf(result?.analysis)).toBe(next);
    expect(result?.ms).toBeCloseTo(0.3, 9);
    expect(calls).toHaveLength(2);
  });

  it('a new granularity, mode or model is a new shape; a rate is not', () => {
    const a = resnet;
    expect(shapeKey(setTargetRate(a, 0.81))).toBe(shapeKey(a));
    expect(shapeKey(setStageGranularity(a, 0, 2))).not.toBe(shapeKey(a));
    expect(shapeKey(setStageMode(a, 1, 'layer'))).not.toBe(shapeKey(a));
    expect(shapeKey({ ...a, model: { kind: 'builtin', id: 'resnet50' } })).not.toBe(shapeKey(a));
    expect(shapeKey({ ...a, hardware: { ...a.hardware } })).not.toBe(shapeKey(a)); // a copy: warms again
  });

  it('computes channel modes here once warm, like any shape (each new rate: a few seeded searches)', () => {
    const { analyzer, calls } = harness();
    for (const mode of ['channel', 'spatial+channel'] as const) {
      const config = setStageMode(resnet, 2, mode);
      expect(analyzer.needsWarmUp(config)).toBe(true);
      expect(analyzer.now(config)).toBeNull();
      analyzer.warm(config);
      expect(analyzer.needsWarmUp(config)).toBe(false);
      const next = setTargetRate(config, 0.4);
      expect(tagOf(analyzer.now(next)?.analysis)).toBe(next);
    }
    expect(calls).toHaveLength(4);
  });

  it('sends a shape to the worker after three slow calls, and tries again later', () => {
    const { analyzer, costs, advance } = harness();
    analyzer.warm(resnet);
    costs.push(5, 6, 5);
    expect(analyzer.now(setTargetRate(resnet, 0.2))).not.toBeNull();
    expect(analyzer.now(setTargetRate(resnet, 0.3))).not.toBeNull();
    expect(analyzer.now(setTargetRate(resnet, 0.4))).not.toBeNull(); // computed, then marked slow
    expect(analyzer.now(setTargetRate(resnet, 0.5))).toBeNull();
    advance(9_000);
    expect(analyzer.now(setTargetRate(resnet, 0.6))).toBeNull();
    advance(1_001);
    expect(analyzer.now(setTargetRate(resnet, 0.7))).not.toBeNull();
  });

  it('keeps a shape whose calls are only now and then slow (a busy machine)', () => {
    const { analyzer, costs } = harness();
    analyzer.warm(resnet);
    costs.push(30, 0.4, 12, 0.5, 40, 0.3);
    for (let i = 0; i < 7; i++) expect(analyzer.now(setTargetRate(resnet, 0.1 * i))).not.toBeNull();
  });

  it('sends a shape to the worker after one call far over the limit', () => {
    const { analyzer, costs } = harness();
    analyzer.warm(resnet);
    costs.push(150);
    expect(analyzer.now(setTargetRate(resnet, 0.2))).not.toBeNull();
    expect(analyzer.now(setTargetRate(resnet, 0.3))).toBeNull();
  });

  it('leaves a configuration the predictor rejects to the worker, which reports the error', () => {
    let fail = false;
    const analyzer = createMainThreadAnalyzer({
      analyze: () => {
        if (fail) throw new Error('batch size must be positive');
        return { workerMs: 0 } as Analysis;
      },
    });
    analyzer.warm(resnet);
    fail = true;
    expect(analyzer.now(setTargetRate(resnet, 0.2))).toBeNull();
  });

  it('computes the real analysis of a warm ResNet-101 (same numbers as a direct call)', async () => {
    const { analyze } = await import('../../../renderer/src/worker/analysis');
    const analyzer = createMainThreadAnalyzer();
    analyzer.warm(resnet);
    const config = setTargetRate(resnet, 0.4321);
    const result = analyzer.now(config);
    expect(result).not.toBeNull();
    const direct = analyze(config);
    expect(result!.analysis.prediction.latencyS).toBe(direct.prediction.latencyS);
    expect(result!.analysis.flopsRatio).toBe(direct.flopsRatio);
    expect(result!.analysis.trainingFlags).toEqual(direct.trainingFlags);
    expect(result!.analysis.prediction.latencyS).not.toBe(analyze(resnet).prediction.latencyS);
  });
});
