import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import { defaultConfig, resolveArchitecture, toNetworkRequest } from '../../../core/config';
import type { StudioConfig } from '../../../core/config';
import {
  buildSpace,
  explore,
  flopsTables,
  latencyTables,
  mergeTables,
  pointConfig,
  pointStages,
} from '../../../core/explore';
import type { ExploreSpec } from '../../../core/explore';
import { configFlops } from '../../../core/flops/config';
import { createPredictor, predictNetwork, resolveHardware } from '../../../core/predictor';

const arch = findBuiltinArchitecture('resnet50')!;
const devices = [
  { id: 'v100', params: resolveHardware('v100') },
  { id: 'tx2', params: resolveHardware('tx2') },
];

/** A stage setting written out by hand: [mode, S, G]. */
type Hand = ['static' | 'spatial' | 'channel' | 'layer', number, number];

/** The small space, listed by hand: 3 · 2 · 3 · 1 settings × 2 rates. */
const HAND: Hand[][] = [
  [
    ['static', 0, 0],
    ['spatial', 4, 0],
    ['spatial', 8, 0],
  ],
  [
    ['spatial', 4, 0],
    ['layer', 0, 0],
  ],
  [
    ['static', 0, 0],
    ['channel', 0, 2],
    ['channel', 0, 8],
  ],
  [['layer', 0, 0]],
];
const RATES = [0.4, 0.7];

const SPEC: ExploreSpec = {
  modes: ['static', 'spatial', 'channel', 'layer'],
  rates: RATES,
  rateScope: 'global',
  trainableOnly: true,
  stages: [
    { modes: ['static', 'spatial'], granularities: [4, 8] },
    { modes: ['spatial', 'layer'], granularities: [4] },
    { modes: ['static', 'channel'], groupSizes: [2, 8] },
    { modes: ['layer'] },
  ],
};

/** The configuration of a hand-listed point, built directly on the default document. */
function handConfig(stages: Hand[], rate: number): StudioConfig {
  const base = defaultConfig('resnet50', 'v100');
  return {
    ...base,
    targetRate: rate,
    stages: stages.map(([mode, s, g], i) => ({
      ...base.stages[i]!,
      mode,
      spatialGranularity: mode === 'spatial' ? s : base.stages[i]!.spatialGranularity,
      channelGroupSize: mode === 'channel' ? g : base.stages[i]!.channelGroupSize,
    })),
  };
}

const keyOf = (stages: { mode: string; s: number; g: number }[], rate: number) =>
  stages.map((s) => `${s.mode}/${s.s}/${s.g}`).join(' ') + ` @${rate}`;

describe('explore on a small space', () => {
  const result = explore(arch, SPEC, devices);
  if (!result.ok) throw new Error(result.error);
  const e = result.value;

  it('enumerates exactly the hand-listed space', () => {
    expect(e.space.size).toBe(3 * 2 * 3 * 1 * 2);
  });

  it('finds the front an O(n²) dominance check finds over independently predicted points', () => {
    for (const [h, device] of devices.entries()) {
      const p = createPredictor(device.params);
      const points: { key: string; lat: number; flops: number }[] = [];
      const seen = new Set<string>();
      for (const a of HAND[0]!)
        for (const b of HAND[1]!)
          for (const c of HAND[2]!)
            for (const d of HAND[3]!)
              for (const rate of RATES) {
                const stages = [a, b, c, d];
                const key = keyOf(
                  stages.map(([mode, s, g]) => ({ mode, s, g })),
                  rate,
                );
                if (seen.has(key)) continue;
                seen.add(key);
                const config = {
                  ...handConfig(stages, rate),
                  hardware: { kind: 'preset' as const, id: device.id, overrides: {} },
                };
                points.push({
                  key,
                  lat: predictNetwork(p, toNetworkRequest(config)).latencyS,
                  flops: configFlops(config).flopsRatio,
                });
              }
      const expected = points
        .filter(
          (x) =>
            !points.some(
              (y) => y.lat <= x.lat && y.flops >= x.flops && (y.lat < x.lat || y.flops > x.flops),
            ),
        )
        .map((x) => x.key)
        .sort();
      expect(expected.length).toBeGreaterThan(1);
      const rateOf = (k: number) =>
        pointStages(e.space, k).find((s) => s.option.mode !== 'static')?.rate ?? 1;
      const got = e.fronts[h]!.map((k) =>
        keyOf(
          pointStages(e.space, k).map((s) => s.option),
          rateOf(k),
        ),
      ).sort();
      expect(got).toEqual(expected);
    }
  });

  it('gives every point the latency and FLOPs ratio of predictNetwork and configFlops, exactly', () => {
    const p = createPredictor(devices[0]!.params);
    const base = defaultConfig('resnet50', 'v100');
    for (let k = 0; k < e.space.size; k++) {
      const config = pointConfig(e.space, k, base);
      expect(e.latencyS[0]![k]).toBe(predictNetwork(p, toNetworkRequest(config)).latencyS);
      expect(e.flopsRatio[k]).toBe(configFlops(config).flopsRatio);
    }
  });
});

describe('explore on a large space', () => {
  it('matches predictNetwork and configFlops exactly on sampled points of ResNet-101, per-stage rates', () => {
    const r101 = findBuiltinArchitecture('resnet101')!;
    const result = explore(
      r101,
      {
        modes: ['static', 'spatial', 'channel', 'layer'],
        rates: [0.3, 0.6, 0.9],
        rateScope: 'per-stage',
        trainableOnly: false,
        stages: [
          { modes: ['static', 'spatial'], granularities: [4, 7] },
          { modes: ['channel', 'layer'], groupSizes: [4, 16] },
          { modes: ['spatial', 'layer'], granularities: [2] },
          { modes: ['static', 'channel'], groupSizes: [8] },
        ],
      },
      [devices[1]!],
    );
    if (!result.ok) throw new Error(result.error);
    const e = result.value;
    const p = createPredictor(devices[1]!.params);
    const base = { ...defaultConfig('resnet101', 'tx2') };
    expect(e.space.size).toBe(7 * 9 * 6 * 4);
    for (let k = 0; k < e.space.size; k += 7) {
      const config = pointConfig(e.space, k, base);
      expect(e.latencyS[0]![k]).toBe(predictNetwork(p, toNetworkRequest(config)).latencyS);
      expect(e.flopsRatio[k]).toBe(configFlops(config).flopsRatio);
    }
  });

  it('skips the global-rate duplicates of the all-static network', () => {
    const result = explore(
      arch,
      { modes: ['static'], rates: [0.5, 0.6, 0.7], rateScope: 'global', trainableOnly: true },
      [devices[0]!],
    );
    if (!result.ok) throw new Error(result.error);
    const finite = [...result.value.flopsRatio].filter(Number.isFinite);
    expect(finite).toEqual([1]);
    expect(result.value.fronts[0]).toEqual([0]);
  });
});

describe('explore at another input size', () => {
  it('offers only S that tile both sides of a non-square map', () => {
    const base = {
      ...defaultConfig('resnet50', 'v100'),
      inputSize: [512, 768] as [number, number],
    };
    const archHW = resolveArchitecture(base);
    // Stage 1 is 128×192: gcd 64, so S ∈ {1, 2, 4, 8, 16, 32, 64}.
    const r = explore(
      archHW,
      {
        modes: ['spatial'],
        rates: [0.5],
        rateScope: 'global',
        trainableOnly: true,
        stages: [{ granularities: [3] }],
      },
      [devices[0]!],
    );
    expect(r).toEqual({
      ok: false,
      error: 'stage 1 granularities: 3 not valid (valid: 1, 2, 4, 8, 16, 32, 64)',
    });
  });
});

describe('tables built in shares', () => {
  it('merge into exactly the tables built at once', () => {
    const built = buildSpace(arch, { ...SPEC, stages: undefined, rates: [0.3, 0.6] });
    if (!built.ok) throw new Error(built.error);
    const space = built.value;
    const p = createPredictor(devices[0]!.params);
    const whole = latencyTables(p, space);
    const merged = mergeTables(space, [
      latencyTables(p, space, { index: 0, count: 2 }),
      latencyTables(p, space, { index: 1, count: 2 }),
    ]);
    expect(merged).toEqual(whole);
    // Each share alone holds only its entries.
    expect(latencyTables(p, space, { index: 1, count: 2 })).not.toEqual(whole);
    const flopsWhole = flopsTables(space);
    const flopsMerged = mergeTables(space, [
      flopsTables(space, { index: 0, count: 3 }).stages,
      flopsTables(space, { index: 1, count: 3 }).stages,
      flopsTables(space, { index: 2, count: 3 }).stages,
    ]);
    expect(flopsMerged).toEqual(flopsWhole.stages);
  });
});

describe('explore refuses what it cannot do', () => {
  it('caps the space with the size and what to narrow', () => {
    const r = explore(
      arch,
      {
        modes: ['static', 'spatial', 'channel', 'layer'],
        rates: [0.3, 0.5, 0.7],
        rateScope: 'per-stage',
        trainableOnly: false,
      },
      [devices[0]!],
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/configurations, above the limit of 2,000,000/);
      expect(r.error).toMatch(/allow fewer modes, granularities or rates/);
    }
  });

  it('names a granularity that does not divide the stage', () => {
    const r = explore(arch, { ...SPEC, stages: [{ granularities: [3] }] }, [devices[0]!]);
    expect(r).toEqual({
      ok: false,
      error: 'stage 1 granularities: 3 not valid (valid: 1, 2, 4, 7, 8, 14, 28, 56)',
    });
  });

  it('rejects rates outside (0, 1]', () => {
    const r = explore(arch, { ...SPEC, rates: [0, 1.2] }, [devices[0]!]);
    expect(r).toEqual({ ok: false, error: 'rates: expected values in (0, 1], found 0, 1.2' });
  });

  it('drops RegNet layer mode when only trainable settings are wanted', () => {
    const regnet = findBuiltinArchitecture('regnety004')!;
    const r = explore(
      regnet,
      { modes: ['layer'], rates: [0.5], rateScope: 'global', trainableOnly: true },
      [devices[0]!],
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/stage 1: no setting left/);
    const loose = explore(
      regnet,
      { modes: ['layer'], rates: [0.5], rateScope: 'global', trainableOnly: false },
      [devices[0]!],
    );
    expect(loose.ok && loose.value.space.size).toBe(1);
  });
});
