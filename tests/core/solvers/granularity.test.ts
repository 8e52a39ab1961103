import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import { defaultConfig, type StudioConfig } from '../../../core/config';
import { configFlops } from '../../../core/flops';
import { createPredictor, predictNetwork, resolveHardware } from '../../../core/predictor';
import type { StageMode } from '../../../core/predictor';
import {
  autoGranularity,
  pickLowest,
  type GranularityRow,
} from '../../../core/solvers/granularity';

const row = (value: number, latencyRatio: number, reference = false): GranularityRow => ({
  stage: 0,
  mode: reference ? 'layer' : 'spatial',
  value,
  latencyS: latencyRatio,
  staticLatencyS: 1,
  latencyRatio,
  flopsRatio: 0.5,
  reference,
  trainable: true,
  chosen: false,
});

describe('pickLowest: the ranking rule', () => {
  it('the lowest latency ratio wins, wherever it is in the list', () => {
    expect(pickLowest([row(1, 0.9), row(4, 0.7), row(8, 0.8)])?.value).toBe(4);
    expect(pickLowest([row(8, 0.6), row(1, 0.9), row(4, 0.7)])?.value).toBe(8);
  });

  it('ratios within 1e-9 relative tie and go to the smaller (finer) value', () => {
    expect(pickLowest([row(8, 0.7), row(4, 0.7 * (1 + 5e-10))])?.value).toBe(4);
    expect(pickLowest([row(4, 0.7), row(8, 0.7 * (1 - 5e-10))])?.value).toBe(4);
    // A real difference (1e-6) is not a tie.
    expect(pickLowest([row(4, 0.7), row(8, 0.7 * (1 - 1e-6))])?.value).toBe(8);
  });

  it('reference rows never win, even when lower', () => {
    expect(pickLowest([row(56, 0.1, true), row(4, 0.7), row(8, 0.8)])?.value).toBe(4);
    expect(pickLowest([row(56, 0.1, true)])).toBeUndefined();
  });
});

/** Stage latency ratio straight from the predictor: stage `i` in `mode` with `g`, every other stage static. */
function predictorStageRatio(
  model: string,
  hw: string,
  i: number,
  mode: StageMode,
  g: number,
  rate: number,
) {
  const arch = findBuiltinArchitecture(model)!;
  const n = arch.stages.length;
  const pred = predictNetwork(createPredictor(resolveHardware(hw)), {
    arch,
    modes: arch.stages.map((_, k) => (k === i ? mode : 'static')),
    // A channel stage passes S = 1 to the predictor (the reference eval script does) [Q20].
    granularity: arch.stages.map((_, k) => (k === i && mode !== 'channel' ? g : 1)),
    channelGranularity: new Array<number>(n).fill(mode === 'channel' ? g : 1),
    rates: arch.stages.map((s) => new Array<number>(s.blocks).fill(rate)),
  });
  const blocks = pred.blocks.filter((b) => b.stage === i);
  return (
    blocks.reduce((a, b) => a + b.latencyS, 0) / blocks.reduce((a, b) => a + b.staticLatencyS, 0)
  );
}

describe('autoGranularity, ResNet-101 on V100 at rate 0.5 (issue 11 acceptance 1)', () => {
  const res = autoGranularity(defaultConfig('resnet101', 'v100'), { mode: 'spatial', rate: 0.5 });

  it('ranks every S that divides the map, the map side included', () => {
    const sizes = [0, 1, 2, 3].map((s) =>
      res.rows.filter((r) => r.stage === s && !r.reference).map((r) => r.value),
    );
    expect(sizes).toEqual([
      [1, 2, 4, 7, 8, 14, 28, 56],
      [1, 2, 4, 7, 14, 28],
      [1, 2, 7, 14],
      [1, 7],
    ]);
  });

  it('rows carry the predictor’s stage latency ratios (checked against the predictor directly)', () => {
    for (const [stage, s] of [
      [0, 4],
      [0, 56],
      [2, 7],
      [3, 1],
    ] as const) {
      const r = res.rows.find((x) => x.stage === stage && x.mode === 'spatial' && x.value === s)!;
      expect(r.latencyRatio).toBeCloseTo(
        predictorStageRatio('resnet101', 'v100', stage, 'spatial', s, 0.5),
        12,
      );
    }
    const layer = res.rows.find((x) => x.stage === 1 && x.mode === 'layer')!;
    expect(layer.reference).toBe(true);
    expect(layer.latencyRatio).toBeCloseTo(
      predictorStageRatio('resnet101', 'v100', 1, 'layer', 28, 0.5),
      12,
    );
  });

  it('chooses a spatial S in every stage: the lowest candidate, never a reference row', () => {
    expect(res.choices.map((c) => c.mode)).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
    for (const c of res.choices) {
      const candidates = res.rows.filter((r) => r.stage === c.stage && !r.reference);
      expect(c.latencyRatio).toBe(Math.min(...candidates.map((r) => r.latencyRatio)));
      const chosen = res.rows.filter((r) => r.stage === c.stage && r.chosen);
      expect(chosen).toHaveLength(1);
      expect(chosen[0]!.reference).toBe(false);
    }
    // At equal activation rate layer skipping is faster somewhere, and still it is not chosen.
    const layerFaster = res.choices.some(
      (c) =>
        res.rows.find((r) => r.stage === c.stage && r.mode === 'layer')!.latencyRatio <
        c.latencyRatio,
    );
    expect(layerFaster).toBe(true);
    expect(
      res.rows
        .filter((r) => r.reference)
        .map((r) => r.mode)
        .sort(),
    ).toEqual(['channel', 'channel', 'channel', 'channel', 'layer', 'layer', 'layer', 'layer']);
  });

  it('the applied configuration keeps spatial modes and rates, with the chosen S', () => {
    expect(res.config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'spatial',
      'spatial',
      'spatial',
    ]);
    expect(res.config.stages.map((s) => s.spatialGranularity)).toEqual(
      res.choices.map((c) => c.value),
    );
    expect(res.config.targetRate).toBe(0.5);
  });

  it('the matched-FLOPs table gives each paradigm the stage’s current FLOPs ratio', () => {
    const base = defaultConfig('resnet101', 'v100');
    const ratioOfStage = (c: StudioConfig, i: number) => {
      const f = configFlops(c).blocks.filter((b) => b.stage === i);
      return (
        f.reduce((a, b) => a + b.dynamicMacs.total, 0) /
        f.reduce((a, b) => a + b.staticMacs.total, 0)
      );
    };
    expect(res.matched).toHaveLength(12);
    for (const m of res.matched) {
      expect(m.targetFlopsRatio).toBeCloseTo(ratioOfStage(base, m.stage), 12);
      expect(m.achievable).toBe(true);
      const solved: StudioConfig = {
        ...base,
        stages: base.stages.map((s, i) =>
          i === m.stage
            ? {
                ...s,
                mode: m.mode,
                spatialGranularity: m.mode === 'spatial' ? m.value : s.spatialGranularity,
                channelGroupSize: m.mode === 'channel' ? m.value : s.channelGroupSize,
                rate: m.rate,
              }
            : s,
        ),
      };
      expect(Math.abs(ratioOfStage(solved, m.stage) / m.targetFlopsRatio - 1)).toBeLessThan(1e-6);
      const g = m.mode === 'layer' ? [56, 28, 14, 7][m.stage]! : m.value;
      expect(m.latencyRatio).toBeCloseTo(
        predictorStageRatio('resnet101', 'v100', m.stage, m.mode, g, m.rate),
        12,
      );
    }
    expect(res.matched.filter((m) => m.current).map((m) => m.mode)).toEqual([
      'spatial',
      'spatial',
      'spatial',
      'spatial',
    ]);
  });

  it('reproduces the paper: on a V100 at batch 128, pixel-level masks (S = 1) are slower than static', () => {
    for (const r of res.rows.filter((x) => x.value === 1 && x.stage < 3))
      expect(r.latencyRatio).toBeGreaterThan(1);
  });
});

describe('autoGranularity per stage', () => {
  it('on a TX2 at batch 1 the choice of S matters much less than on a V100', () => {
    const opts = { mode: 'spatial', rate: 0.5, includeReference: false } as const;
    const v100 = autoGranularity(defaultConfig('resnet50', 'v100'), opts);
    const tx2 = autoGranularity(defaultConfig('resnet50', 'tx2'), opts);
    const spread = (res: typeof v100) => {
      const r = res.rows.filter((x) => x.stage === 0 && x.value < 56).map((x) => x.latencyRatio);
      return Math.max(...r) - Math.min(...r);
    };
    expect(spread(tx2)).toBeLessThan(spread(v100) / 5);
    expect(v100.matched).toEqual([]);
  });

  it('each stage searches its own mode; layer and static stages are left alone', () => {
    const c = defaultConfig('resnet50', 'tx2');
    c.stages[1]!.mode = 'channel';
    c.stages[2]!.mode = 'layer';
    c.stages[3]!.mode = 'static';
    const res = autoGranularity(c);
    expect(res.searches).toEqual(['spatial', 'channel', null, null]);
    expect(res.choices.map((x) => [x.stage, x.mode])).toEqual([
      [0, 'spatial'],
      [1, 'channel'],
    ]);
    // Channel stage 2 (m = 128): every G that divides m, except m itself.
    expect(res.rows.filter((r) => r.stage === 1 && !r.reference).map((r) => r.value)).toEqual([
      1, 2, 4, 8, 16, 32, 64,
    ]);
    expect(res.rows.filter((r) => r.stage >= 2)).toEqual([]);
    expect(res.config.stages.map((s) => s.mode)).toEqual(['spatial', 'channel', 'layer', 'static']);
    expect(res.config.stages[1]!.channelGroupSize).toBe(res.choices[1]!.value);
    expect(res.uniformRate).toBe(false);
  });

  it('a spatial+channel stage searches S and keeps its channel part', () => {
    const c = defaultConfig('resnet50', 'v100');
    c.stages[0] = {
      ...c.stages[0]!,
      mode: 'spatial+channel',
      channelGroupSize: 4,
      channelRate: 0.7,
    };
    const res = autoGranularity(c, { includeReference: false });
    expect(res.choices[0]!.mode).toBe('spatial');
    expect(res.config.stages[0]).toMatchObject({
      mode: 'spatial+channel',
      channelGroupSize: 4,
      channelRate: 0.7,
    });
  });

  it('honours a candidate list', () => {
    const res = autoGranularity(defaultConfig('resnet50', 'v100'), {
      mode: 'spatial',
      rate: 0.5,
      includeReference: false,
      candidates: [1, 2, 4, 7],
    });
    expect(res.rows.filter((r) => r.stage === 3).map((r) => r.value)).toEqual([1, 7]);
    expect(res.rows.filter((r) => r.stage === 0).map((r) => r.value)).toEqual([1, 2, 4, 7]);
  });

  it('--mode spatial turns layer stages into spatial ones (Apply never gives layer)', () => {
    const c = defaultConfig('resnet50', 'v100');
    c.stages.forEach((s) => (s.mode = 'layer'));
    const res = autoGranularity(c, { mode: 'spatial', includeReference: false });
    expect(res.config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'spatial',
      'spatial',
      'spatial',
    ]);
  });
});
