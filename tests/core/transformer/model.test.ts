import { describe, expect, it } from 'vitest';
import {
  createPredictor,
  PredictorInputError,
  resolveHardware,
  simulateAdaBlock,
} from '../../../core/predictor';
import {
  BLOCK_PART_NAMES,
  blockLatency,
  DECISION_PART_NAMES,
  predictTransformer,
  T2T_VARIANTS,
  type BlockSetting,
  type TransformerConfig,
} from '../../../core/transformer';

const cfg = (over: Partial<TransformerConfig> = {}): TransformerConfig => ({
  model: 't2t_vit_19',
  mode: 'static',
  tokenRate: [1],
  headRate: [1],
  attnRate: [1],
  mlpRate: [1],
  batchConvention: 'in_shapes',
  ...over,
});

describe('static T2T-ViT-19 per image, in_shapes (acceptance 3)', () => {
  // Spec transformer-latency.md §2 and reference README "Paper check": 2.2036 / 3.4156 / 44.385 ms per
  // image against the LAUDNet paper's figure (≈2.2 / ≈3.42 / ≈44.5 ms).
  it.each([
    ['v100', 2.2036],
    ['3060', 3.4156],
    ['tx2', 44.385],
  ])('%s: %f ms', (hw, ms) => {
    const p = predictTransformer(cfg(), resolveHardware(hw));
    expect(p.latencyMsPerImage).toBeCloseTo(ms, hw === 'tx2' ? 3 : 4);
    expect(p.ratio).toBe(1);
  });

  it('in_predictor gives the other convention (2.4333 / 3.5283 / 44.385 ms)', () => {
    const ms = (hw: string) =>
      predictTransformer(cfg({ batchConvention: 'in_predictor' }), resolveHardware(hw))
        .latencyMsPerImage;
    expect(ms('v100')).toBeCloseTo(2.4333, 4);
    expect(ms('3060')).toBeCloseTo(3.5283, 4);
    expect(ms('tx2')).toBeCloseTo(44.385, 3);
  });
});

describe('presets the vectors leave out (spec §10 magnitudes)', () => {
  // Static totals of spec §10 for 3090 (in_shapes, seconds per batch of 128) and nano (ms per image).
  it.each([
    ['t2t_vit_7', 0.055377, 20.73],
    ['t2t_vit_14', 0.150031, 67.12],
    ['t2t_vit_19', 0.237761, 112.0],
    ['t2t_vit_24', 0.350712, 172.7],
  ] as const)('%s on 3090 and nano', (model, s3090, msNano) => {
    const a = predictTransformer(cfg({ model }), resolveHardware('3090'));
    expect(a.latencyS).toBeCloseTo(s3090, 6);
    const n = predictTransformer(cfg({ model }), resolveHardware('nano'));
    expect(Number(n.latencyMsPerImage.toPrecision(4))).toBe(msNano);
  });

  it('batch-1 hardware: both conventions are the same computation', () => {
    const c = cfg({
      mode: 'combined',
      tokenRate: [0.5],
      headRate: [3 / 7],
      attnRate: [0.8],
      mlpRate: [0.6],
    });
    const nano = resolveHardware('nano');
    const a = predictTransformer(c, nano);
    const b = predictTransformer({ ...c, batchConvention: 'in_predictor' }, nano);
    expect(b.latencyS).toBe(a.latencyS);
    expect(b.stemS).toBe(a.stemS);
  });
});

describe('hardware overrides and memoisation', () => {
  it('an override changes the result and leaves the preset result untouched', () => {
    const v100 = resolveHardware('v100');
    const before = predictTransformer(cfg({ mode: 'token', tokenRate: [0.5] }), v100).latencyS;
    const slow = predictTransformer(
      cfg({ mode: 'token', tokenRate: [0.5] }),
      resolveHardware('v100', { launchTimeS: 2e-5 }),
    ).latencyS;
    expect(slow).toBeGreaterThan(before);
    const fast = predictTransformer(
      cfg({ mode: 'token', tokenRate: [0.5] }),
      resolveHardware('v100', { memBandwidthBytesPerS: 1400e9 }),
    ).latencyS;
    expect(fast).toBeLessThan(before);
    expect(predictTransformer(cfg({ mode: 'token', tokenRate: [0.5] }), v100).latencyS).toBe(
      before,
    );
  });

  it('the batch of custom hardware goes into the shapes (in_shapes)', () => {
    const p = predictTransformer(cfg(), resolveHardware('v100', { batchSize: 64 }));
    expect(p.shapeBatch).toBe(64);
    expect(p.predictorBatch).toBe(1);
    expect(p.batchSize).toBe(64);
  });
});

describe('blocks agree with the AdaViT block of core/predictor (an independent composition)', () => {
  const settings: BlockSetting[] = [
    {
      tokenSkip: true,
      tokenRate: 0.37,
      headSkip: true,
      headRate: 0.6,
      layerSkip: true,
      attnRate: 0.9,
      mlpRate: 0.6,
    },
    {
      tokenSkip: false,
      tokenRate: 1,
      headSkip: true,
      headRate: 0.5,
      layerSkip: false,
      attnRate: 1,
      mlpRate: 1,
    },
    {
      tokenSkip: true,
      tokenRate: 0.75,
      headSkip: false,
      headRate: 1,
      layerSkip: true,
      attnRate: 0,
      mlpRate: 1,
    },
  ];
  it.each(['t2t_vit_7', 't2t_vit_19', 't2t_vit_14_wide'] as const)('%s', (id) => {
    const v = T2T_VARIANTS[id];
    for (const hwName of ['v100', 'tx2']) {
      const p = createPredictor(resolveHardware(hwName, { batchSize: 1 }));
      for (const s of settings) {
        const mine = blockLatency(p, v, 1, 0, s);
        const theirs = simulateAdaBlock(p, {
          batch: 1,
          tokens: 197,
          dim: v.embedDim,
          mlpRatio: v.mlpRatio,
          tokenSkip: s.tokenSkip,
          tokenDensity: s.tokenRate,
          headSkip: s.headSkip,
          heads: v.heads,
          headDensity: s.headRate,
          layerSkip: s.layerSkip,
          layerDensityAttn: s.attnRate,
          layerDensityMlp: s.mlpRate,
        });
        expect(mine.totalS).toBe(theirs);
        const sum = mine.parts.reduce((acc, x) => acc + x.seconds, 0);
        expect(Math.abs(sum - mine.totalS) / mine.totalS).toBeLessThan(1e-12);
        expect(mine.parts.map((x) => x.name)).toEqual([...BLOCK_PART_NAMES]);
      }
    }
  });
});

describe('spec quirks visible in the block', () => {
  it('[T9] h = 0.6 on T2T-ViT-19: 4 heads, 269-wide linears, 268-wide residual', () => {
    const p = predictTransformer(cfg({ mode: 'head', headRate: [0.6] }), resolveHardware('v100'));
    expect(p.blocks[0]).toMatchObject({ headsKept: 4, reducedWidth: 269, residualWidth: 268 });
  });

  it('[T12] a mode at rate 1 costs more than static (the decision networks)', () => {
    for (const mode of ['token', 'head', 'block', 'combined'] as const) {
      const p = predictTransformer(cfg({ mode }), resolveHardware('v100'));
      expect(p.ratio, mode).toBeGreaterThan(1);
      expect(p.ratio, mode).toBeLessThan(1.01);
    }
  });

  it('[T12] combined at rate 1: the decision networks are the only extra parts', () => {
    const p = predictTransformer(cfg({ mode: 'combined' }), resolveHardware('v100'));
    const blk = p.blocks[0]!;
    const decisions = blk.parts.filter((x) => DECISION_PART_NAMES.includes(x.name));
    expect(decisions.map((x) => x.name)).toEqual(['layer policy', 'head policy', 'token selector']);
    for (const d of decisions) expect(d.seconds).toBeGreaterThan(0);
    const extra = decisions.reduce((a, x) => a + x.seconds, 0);
    expect((blk.totalS - blk.staticS) / extra).toBeCloseTo(1, 9);
  });

  it('[T13] a = m = 0 leaves only the policies', () => {
    const p = predictTransformer(
      cfg({ mode: 'block', attnRate: [0], mlpRate: [0] }),
      resolveHardware('v100'),
    );
    const blk = p.blocks[3]!;
    expect(blk.parts.filter((x) => x.seconds !== 0).map((x) => x.name)).toEqual(['layer policy']);
    expect(p.ratio).toBeCloseTo(0.082, 3);
  });

  it('per-block lists: block k gets the k-th rate; switch overrides beat the mode', () => {
    const rates = Array.from({ length: 19 }, (_, k) => 1 - k * 0.04);
    const p = predictTransformer(cfg({ mode: 'token', tokenRate: rates }), resolveHardware('v100'));
    expect(p.blocks.map((b) => b.tokensKept)).toEqual(rates.map((t) => Math.trunc(197 * t)));
    const q = predictTransformer(
      cfg({ mode: 'token', tokenRate: [1], tokenSkip: [false] }),
      resolveHardware('v100'),
    );
    expect(q.latencyS).toBe(q.staticLatencyS);
  });
});

describe('refusals (spec §9)', () => {
  const refuse = (c: TransformerConfig, pattern: RegExp) => {
    expect(() => predictTransformer(c, resolveHardware('v100'))).toThrow(PredictorInputError);
    expect(() => predictTransformer(c, resolveHardware('v100'))).toThrow(pattern);
  };
  it('no token kept: 0, 0.004 and 1/197 (197·(1/197) = 0.9999999999999999)', () => {
    for (const t of [0, 0.004, 1 / 197])
      refuse(
        cfg({ mode: 'token', tokenRate: [t] }),
        /keeps trunc\(197·t\) = 0 tokens; the valid range is 0\.00507614 \(one token\) to 1/,
      );
  });
  it('no head kept, or a projection width rounded to 0', () => {
    refuse(
      cfg({ mode: 'head', headRate: [0] }),
      /keeps 0 of 7 heads.*valid range is 0\.142857 \(one head, 1\/7\) to 1/,
    );
    refuse(cfg({ mode: 'head', headRate: [0.1] }), /keeps 0 of 7 heads/);
    expect(
      predictTransformer(
        cfg({ model: 't2t_vit_14_wide', mode: 'head', headRate: [0.1] }),
        resolveHardware('v100'),
      ).blocks[0]!.headsKept,
    ).toBe(1);
  });
  it('a rate ≠ 1 with its switch off [T14]', () => {
    refuse(
      cfg({ mode: 'token', headRate: [0.5] }),
      /head skipping is off, so its head rate must be 1 \(found 0\.5\)/,
    );
    refuse(cfg({ mode: 'static', attnRate: [0.5] }), /block skipping is off/);
  });
  it('lists of the wrong length, rates outside 0 … 1, unknown models', () => {
    refuse(cfg({ tokenRate: [1, 1] }), /expected one value or 19 values/);
    refuse(cfg({ mode: 'token', tokenRate: [1.5] }), /expected a rate between 0 and 1, found 1\.5/);
    refuse(cfg({ mode: 'token', tokenRate: [Number.NaN] }), /found NaN/);
    refuse(
      cfg({ model: 't2t_vit_t_14' as never }),
      /expected one of t2t_vit_7, .*found t2t_vit_t_14/,
    );
  });
});
