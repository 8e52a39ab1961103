import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture, type ArchitectureSpec } from '../../../core/arch';
import {
  PredictorInputError,
  checkNetworkRequest,
  createPredictor,
  predictNetwork,
  predictStaticLatency,
  resolveHardware,
  uniformRates,
  type BlockPrediction,
  type NetworkRequest,
  type StageMode,
} from '../../../core/predictor';

const resnet101 = findBuiltinArchitecture('resnet101')!;
const regnet = findBuiltinArchitecture('regnety004')!;
const v100 = createPredictor(resolveHardware('v100'));
const tx2 = createPredictor(resolveHardware('tx2'));
const all = <T>(v: T): T[] => [v, v, v, v];

function request(
  arch: ArchitectureSpec,
  mode: StageMode,
  rate: number,
  g = [4, 4, 2, 1],
  gc = all(2),
): NetworkRequest {
  return {
    arch,
    modes: all(mode),
    granularity: g,
    channelGranularity: gc,
    rates: uniformRates(arch, rate),
  };
}

/** Left-to-right sum, the order the reference uses. */
const fold = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** The block formula: ops in order; layer mode applies the execution rate to the skippable group. */
function blockFromOps(b: BlockPrediction): number {
  if (b.mode !== 'layer') return fold(b.ops.map((o) => o.latencyS));
  const fixed = fold(b.ops.filter((o) => o.executionRate === 1).map((o) => o.latencyS));
  return fixed + fold(b.ops.filter((o) => o.executionRate !== 1).map((o) => o.latencyS)) * b.rate;
}

describe('network composition (acceptance 5)', () => {
  for (const mode of ['static', 'spatial', 'channel', 'layer', 'spatial+channel'] as StageMode[]) {
    it(`${mode}: the total is exactly the sum of the blocks, each block exactly the sum of its ops`, () => {
      for (const [p, arch] of [
        [v100, resnet101],
        [tx2, regnet],
      ] as const) {
        const req = request(arch, mode, 0.3);
        if (mode === 'spatial+channel') req.channelRates = uniformRates(arch, 0.6);
        const pred = predictNetwork(p, req);
        expect(pred.blocks).toHaveLength(arch.stages.reduce((n, s) => n + s.blocks, 0));
        expect(pred.latencyS).toBe(fold(pred.blocks.map((b) => b.latencyS)));
        for (const b of pred.blocks) {
          expect(b.latencyS).toBe(blockFromOps(b));
          expect(b.staticLatencyS).toBe(fold(b.staticOps.map((o) => o.latencyS)));
        }
        expect(pred.ratio).toBe(pred.latencyS / pred.staticLatencyS);
        expect(pred.latencyMsPerImage).toBeCloseTo((pred.latencyS / p.B) * 1000, 12);
        expect(pred.batchSize).toBe(p.B);
      }
    });
  }

  it('static mode equals the static total, and the static total is Σ first + (n − 1) · other', () => {
    const pred = predictNetwork(v100, request(resnet101, 'static', 0.5));
    expect(pred.latencyS).toBeCloseTo(pred.staticLatencyS, 15);
    expect(pred.staticLatencyS).toBe(predictStaticLatency(v100, resnet101));
    let expected = 0;
    let k = 0;
    for (const s of resnet101.stages) {
      const first = pred.blocks[k]!.staticLatencyS;
      const other = pred.blocks[k + 1]!.staticLatencyS;
      expected += first + (s.blocks - 1) * other;
      k += s.blocks;
    }
    expect(pred.staticLatencyS).toBe(expected);
  });

  it('reports per-op detail: masker schedule, tiles, launches, shortcut only on stride-2 blocks [Q19]', () => {
    const pred = predictNetwork(v100, request(resnet101, 'spatial', 0.5));
    const first = pred.blocks[0]!;
    expect(first.ops.map((o) => o.op)).toEqual(['masker+conv1', 'conv2', 'conv3', 'scatter_add']);
    expect(['fused', 'unfused']).toContain(first.ops[0]!.schedule);
    expect(first.ops[1]!.tile).toMatchObject({
      npp: expect.any(Number) as number,
      nTiles: expect.any(Number) as number,
    });
    expect(pred.blocks[3]!.ops.map((o) => o.op)).toContain('shortcut');
    expect(pred.blocks[3]!.key).toBe('stage2/0');
    const se = predictNetwork(tx2, request(regnet, 'spatial', 0.5)).blocks[0]!;
    expect(se.ops.find((o) => o.op === 'se')).toMatchObject({ launches: 4, computeS: null });
  });

  it('mixes modes per stage', () => {
    const req: NetworkRequest = {
      arch: resnet101,
      modes: ['spatial', 'channel', 'layer', 'static'],
      granularity: [4, 4, 2, 1],
      channelGranularity: [1, 2, 1, 1],
      rates: uniformRates(resnet101, 0.4),
    };
    const pred = predictNetwork(v100, req);
    expect(pred.blocks.map((b) => b.mode)).toEqual([
      ...new Array<StageMode>(3).fill('spatial'),
      ...new Array<StageMode>(4).fill('channel'),
      ...new Array<StageMode>(23).fill('layer'),
      ...new Array<StageMode>(3).fill('static'),
    ]);
    const stage4 = pred.blocks.filter((b) => b.stage === 3);
    for (const b of stage4) expect(b.latencyS).toBe(b.staticLatencyS);
  });

  it('per-block rates are used block by block', () => {
    const rates = uniformRates(resnet101, 0.5);
    rates[2]![7] = 0.1;
    const pred = predictNetwork(v100, { ...request(resnet101, 'spatial', 0.5), rates });
    const uniform = predictNetwork(v100, request(resnet101, 'spatial', 0.5));
    const i = pred.blocks.findIndex((b) => b.key === 'stage3/7');
    expect(pred.blocks[i]!.rate).toBe(0.1);
    expect(pred.blocks[i]!.latencyS).toBeLessThan(uniform.blocks[i]!.latencyS);
    expect(pred.blocks[i + 1]!.latencyS).toBe(uniform.blocks[i + 1]!.latencyS);
  });
});

describe('request validation', () => {
  it('names the expected block count and the valid range', () => {
    const req = request(resnet101, 'spatial', 0.5);
    req.rates[2] = [0.5, 0.5];
    expect(() => predictNetwork(v100, req)).toThrow(PredictorInputError);
    expect(() => predictNetwork(v100, req)).toThrow(
      /stage 3: expected 23 per-block values \(one per block\), got 2/,
    );
    expect(() => predictNetwork(v100, request(resnet101, 'spatial', 1.5))).toThrow(
      /1.5 is outside \[0, 1\]/,
    );
    expect(() => predictNetwork(v100, request(resnet101, 'spatial', Number.NaN))).toThrow(
      /outside \[0, 1\]/,
    );
    expect(() => predictNetwork(v100, request(resnet101, 'bogus' as StageMode, 0.5))).toThrow(
      /'bogus' is not one of static, spatial, channel, layer, spatial\+channel/,
    );
    expect(() =>
      predictNetwork(v100, { ...request(resnet101, 'spatial', 0.5), granularity: [4, 4, 2] }),
    ).toThrow(/granularity: expected one entry per stage \(4 stages\), got 3/);
    expect(() => predictNetwork(v100, request(resnet101, 'spatial+channel', 0.5))).toThrow(
      /channel rates of stage 1/,
    );
    expect(() => predictNetwork(v100, request(resnet101, 'channel', 0.5, all(1), all(0)))).toThrow(
      /channel granularity of stage 1: 0/,
    );
  });

  it('accepts off-grid granularities (partial patches) unless divisibility is required', () => {
    const req = request(resnet101, 'spatial', 0.5, all(4));
    expect(checkNetworkRequest(req)).toEqual([]);
    expect(checkNetworkRequest(req, { requireDivisibleGranularity: true })).toEqual([
      'granularity of stage 3: 4 does not divide the feature size 14 (valid: 1, 2, 7, 14)',
      'granularity of stage 4: 4 does not divide the feature size 7 (valid: 1, 7)',
    ]);
    expect(predictNetwork(v100, req).latencyS).toBeGreaterThan(0);
  });
});

describe('memoisation', () => {
  it('sweeping rates runs no new tile search (spatial and layer)', () => {
    const p = createPredictor(resolveHardware({ preset: 'v100', launchTimeS: 7e-6 }));
    for (const mode of ['spatial', 'layer'] as StageMode[]) {
      predictNetwork(p, request(resnet101, mode, 0.5));
      const searches = p.memo.stats.searches;
      for (let k = 0; k <= 20; k++) predictNetwork(p, request(resnet101, mode, k / 20));
      expect(p.memo.stats.searches).toBe(searches);
    }
  });

  it('a repeated evaluation gives identical numbers from the memo', () => {
    const a = predictNetwork(v100, request(resnet101, 'channel', 0.35));
    const b = predictNetwork(v100, request(resnet101, 'channel', 0.35));
    expect(b).toEqual(a);
  });
});

describe("'spatial+channel' extension (not validated by reference data)", () => {
  const both = (p: typeof v100, arch: ArchitectureSpec, d: number, c: number, gc = 2) =>
    predictNetwork(p, {
      ...request(arch, 'spatial+channel', d, [4, 4, 2, 1], all(gc)),
      channelRates: uniformRates(arch, c),
    });

  it('at channel rate 1 is exactly the spatial block plus the channel masker', () => {
    for (const [p, arch] of [
      [v100, resnet101],
      [tx2, regnet],
    ] as const) {
      const spatial = predictNetwork(p, request(arch, 'spatial', 0.4));
      const mixed = both(p, arch, 0.4, 1);
      mixed.blocks.forEach((b, i) => {
        const masker = b.ops.at(-1)!;
        expect(masker.op).toBe('channel_masker');
        expect(b.latencyS).toBe(spatial.blocks[i]!.latencyS + masker.latencyS);
      });
    }
  });

  it('with one channel group per block input channel (Gc = 1, no masker cost) equals spatial mode', () => {
    const arch = resnet101;
    const gc = all(0).map((_, i) => arch.stages[i]!.inChannels);
    const spatial = predictNetwork(v100, request(arch, 'spatial', 0.7));
    const mixed = predictNetwork(v100, {
      ...request(arch, 'spatial+channel', 0.7, [4, 4, 2, 1], gc),
      channelRates: uniformRates(arch, 1),
    });
    // Only first blocks have c_in = inChannels; compare those.
    for (const b of mixed.blocks.filter((x) => x.index === 0)) {
      const s = spatial.blocks.find((x) => x.key === b.key)!;
      expect(b.latencyS).toBe(s.latencyS);
    }
  });

  it('is monotone in both rates and cheaper than static at low rates', () => {
    const rates = [0, 0.25, 0.5, 0.75, 1];
    for (const [p, arch] of [
      [v100, resnet101],
      [tx2, regnet],
    ] as const) {
      const grid = rates.map((d) => rates.map((c) => both(p, arch, d, c).latencyS));
      for (let i = 0; i < rates.length; i++) {
        for (let j = 0; j < rates.length; j++) {
          if (i > 0) expect(grid[i]![j]!).toBeGreaterThanOrEqual(grid[i - 1]![j]! * (1 - 1e-12));
          if (j > 0) expect(grid[i]![j]!).toBeGreaterThanOrEqual(grid[i]![j - 1]! * (1 - 1e-12));
        }
      }
      expect(both(p, arch, 0.2, 0.2).ratio).toBeLessThan(1);
      expect(both(p, arch, 0.5, 0.5).latencyS).toBeLessThan(
        predictNetwork(p, request(arch, 'spatial', 0.5)).latencyS,
      );
    }
  });
});
