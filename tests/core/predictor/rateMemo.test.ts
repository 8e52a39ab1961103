/**
 * What a new activation rate reuses must never change a result. Channel-mode searches run again at every
 * rate, seeded by their family's last winner (conv-search.ts), and ρ_E's binomial skips exactly-zero
 * weights and negligible tail terms (density.ts): each is checked against a route without the shortcut —
 * the reference vectors, a cold search with no hints, or the definition written out here.
 */
import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import {
  createPredictor,
  predictNetwork,
  resetPredictorCaches,
  resolveHardware,
  type StageMode,
} from '../../../core/predictor';
import { convSearchFamily, searchConvTile } from '../../../core/predictor/conv-search';
import { binomialCdf, maxChannelDensity } from '../../../core/predictor/density';
import {
  dynamicConvFamily,
  evaluateDynamicConv,
  searchDynamicConv,
  type DynamicConvArgs,
} from '../../../core/predictor/dynamic-ops';
import { tileSearchSpace } from '../../../core/predictor/search-space';
import { ErrorTally, loadCsv, num, referencePredictor } from './reference-data';

/** A fixed pseudo-random sequence (the order must be the same on every run). */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('channel-mode rows in a shuffled order, hardware interleaved', () => {
  it('match the reference (the exact expectation where stochastic) at 1e-9 whatever came before', () => {
    const rows = loadCsv('model_vectors.csv').filter(
      (r) => r.mode === 'channel' && r.rate_kind === 'uniform',
    );
    expect(rows.length).toBeGreaterThan(100);
    const rnd = sequence(14);
    const order = rows.map((r) => ({ r, k: rnd() })).sort((a, b) => a.k - b.k);
    const tally = new ErrorTally();
    for (const { r } of order) {
      const arch = findBuiltinArchitecture(r.model!)!;
      const n = arch.stages.length;
      const pred = predictNetwork(referencePredictor(r.hardware!), {
        arch,
        modes: new Array<StageMode>(n).fill('channel'),
        granularity: r.granularity!.split('-').map(Number),
        channelGranularity: r.channel_granularity!.split('-').map(Number),
        rates: arch.stages.map((s) => new Array<number>(s.blocks).fill(num(r, 'rate'))),
      });
      // Deterministic rows (rates 0 and 1) give latency_s; the others the exact expectation.
      const expected = num(r, r.stochastic === '1' ? 'latency_expectation_s' : 'latency_s');
      tally.check(`${r.model} ${r.hardware} rate ${r.rate}`, pred.latencyS, expected);
    }
    expect(tally.failures).toEqual([]);
    expect(tally.compared).toBe(rows.length);
  });
});

// Shapes of channel-mode convs (conv1, conv2 with stride, conv3, a grouped RegNet conv2, non-square maps).
const SHAPES: [number, number, number, number, number, number, number][] = [
  [64, 256, 56, 56, 1, 1, 1],
  [128, 128, 28, 28, 1, 2, 3],
  [1024, 256, 14, 14, 1, 1, 1],
  [512, 512, 7, 7, 1, 2, 3],
  [48, 48, 28, 28, 6, 1, 3],
  [256, 256, 16, 24, 1, 2, 3],
];
const DENSITIES = [0, 1e-6, 0.0144, 0.3, 0.5, 0.7744, 0.9999, 1];

describe('seeded conv searches', () => {
  for (const [hwName, overrides] of [
    ['v100', undefined],
    ['tx2', undefined], // batch 1: densities scale the weights, and density 0 gives latency 0 memory
    ['v100', { latencyMode: 'max' as const }],
  ] as const) {
    it(`give the cold search's result for any seed in the space (${hwName} ${overrides ? 'max' : 'add'})`, () => {
      const p = createPredictor(resolveHardware(hwName, overrides));
      for (const [cout, cin, outh, outw, groups, stride, ks] of SHAPES) {
        const family = convSearchFamily(cout, cin, outh, outw, groups, stride, ks, 1);
        const seeds = [
          {
            c: tileSearchSpace(cout)[0]!,
            h: tileSearchSpace(outh)[0]!,
            w: tileSearchSpace(outw)[0]!,
            nTiles: 0,
          },
          {
            c: tileSearchSpace(cout).at(-1)!,
            h: tileSearchSpace(outh).at(-1)!,
            w: tileSearchSpace(outw).at(-1)!,
            nTiles: 0,
          },
          { c: 3 * cout + 1, h: 1, w: 1, nTiles: 0 }, // outside the space: ignored
        ];
        for (const ic of DENSITIES) {
          for (const oc of [ic, 1]) {
            const args = [cout, cin, outh, outw, groups, stride, ks, ic, oc, 1] as const;
            resetPredictorCaches();
            const cold = searchConvTile(p, ...args);
            // The cold winner itself, the first and last tiles of the space, a tile outside it.
            for (const seed of [cold.tile, ...seeds]) {
              p.memo.searches.clear();
              p.memo.rateSearches.clear();
              p.rememberHint(family, seed);
              const runs = p.memo.stats.searches;
              const seeded = searchConvTile(p, ...args);
              expect(p.memo.stats.searches).toBe(runs + 1); // searched again, not remembered
              const what = `${family} ic=${ic} oc=${oc} seed ${JSON.stringify(seed)}`;
              expect(seeded.latencyS, what).toBe(cold.latencyS);
              expect(seeded.computeS, what).toBe(cold.computeS);
              expect(seeded.memoryS, what).toBe(cold.memoryS);
              expect(seeded.tile, what).toEqual(cold.tile);
            }
          }
        }
      }
    });
  }

  it("dynamic-conv searches ('spatial+channel') give the cold result for any seed in the grid", () => {
    for (const hwName of ['v100', 'tx2'] as const) {
      const p = createPredictor(resolveHardware(hwName));
      const shapes: DynamicConvArgs[] = [
        dconv(128, 128, 56, 56, 3, 2, 4, true),
        dconv(256, 1024, 14, 14, 1, 1, 2, false),
        dconv(512, 512, 14, 14, 3, 2, 1, true),
        dconv(64, 64, 32, 48, 3, 1, 4, true),
      ];
      for (const base of shapes) {
        const spaceN = tileSearchSpace(256);
        const spaceC = tileSearchSpace(base.cout);
        const spaceG = tileSearchSpace(base.granularity);
        const seeds = [
          { c: spaceC[0]!, h: spaceG[0]!, w: spaceG[0]!, npp: spaceN[0]!, nTiles: 0 },
          {
            c: spaceC.at(-1)!,
            h: spaceG.at(-1)!,
            w: spaceG.at(-1)!,
            npp: spaceN.at(-1)!,
            nTiles: 0,
          },
          { c: spaceC[1]!, h: spaceG[0]!, w: spaceG[0]!, npp: 3 * 256 + 1, nTiles: 0 }, // npp outside
        ];
        for (const c of DENSITIES) {
          const a = { ...base, ic: c, oc: base.ks === 3 ? c : 1 };
          resetPredictorCaches();
          const cold = searchDynamicConv(p, a);
          for (const seed of [cold.tile, ...seeds]) {
            p.memo.searches.clear();
            p.memo.rateSearches.clear();
            p.rememberHint(dynamicConvFamily(a), seed);
            const runs = p.memo.stats.searches;
            const seeded = searchDynamicConv(p, a);
            expect(p.memo.stats.searches).toBeGreaterThan(runs); // searched again, not remembered
            const what = `${hwName} ${dynamicConvFamily(a)} c=${c} seed ${JSON.stringify(seed)}`;
            expect(seeded.tile, what).toEqual(cold.tile);
            expect(seeded.rho, what).toBe(cold.rho);
            expect(evaluateDynamicConv(p, seeded, 0.37), what).toEqual(
              evaluateDynamicConv(p, cold, 0.37),
            );
          }
        }
      }
    }
  });

  it('new channel rates keep their searches apart from the rate-free ones (never clearing them)', () => {
    const arch = findBuiltinArchitecture('resnet50')!;
    const p = createPredictor(resolveHardware('a100'));
    const at = (rate: number) =>
      predictNetwork(p, {
        arch,
        modes: new Array<StageMode>(4).fill('channel'),
        granularity: [1, 1, 1, 1],
        channelGranularity: [1, 1, 1, 1],
        rates: arch.stages.map((s) => new Array<number>(s.blocks).fill(rate)),
      });
    at(0.5);
    const rateFree = p.memo.searches.size;
    const perRate = p.memo.rateSearches.size;
    expect(perRate).toBeGreaterThan(0);
    for (let i = 1; i <= 20; i++) at(0.5 + i / 1000);
    expect(p.memo.searches.size).toBe(rateFree);
    expect(p.memo.rateSearches.size).toBe(21 * perRate);
  });

  it('a rate sweep with hints gives, rate by rate, what a cold predictor gives', () => {
    const arch = findBuiltinArchitecture('resnet50')!;
    const req = (rate: number) => ({
      arch,
      modes: ['channel', 'spatial+channel', 'channel', 'spatial+channel'] as StageMode[],
      granularity: [1, 4, 1, 7],
      channelGranularity: [1, 2, 1, 4],
      rates: arch.stages.map((s) => new Array<number>(s.blocks).fill(rate)),
      channelRates: arch.stages.map((s) => new Array<number>(s.blocks).fill(1 - rate / 2)),
    });
    const p = createPredictor(resolveHardware('tx2'));
    const rnd = sequence(3);
    const rates = [0, 1, 0.5, ...Array.from({ length: 12 }, () => Number(rnd().toFixed(4)))];
    const warm = rates.map((r) => predictNetwork(p, req(r)));
    rates.forEach((r, i) => {
      resetPredictorCaches();
      const cold = predictNetwork(p, req(r));
      expect(warm[i]!.latencyS, `rate ${r}`).toBe(cold.latencyS);
      expect(warm[i]!.blocks.map((b) => b.ops.map((o) => o.tile))).toEqual(
        cold.blocks.map((b) => b.ops.map((o) => o.tile)),
      );
    });
  });
});

function dconv(
  cin: number,
  cout: number,
  inh: number,
  inw: number,
  ks: number,
  stride: number,
  granularity: number,
  withIndexing: boolean,
): DynamicConvArgs {
  const args = { cin, cout, inh, inw, ks, groups: 1, stride, granularity, withIndexing };
  return { ...args, ic: 1, oc: 1, groupSize: 1, spatialMasker: true };
}

/** Binomial(m, p) CDF and survival function exactly as density.ts documents them: every step, no shortcut. */
function definitionCdf(m: number, p: number) {
  const w = new Float64Array(m + 1);
  const q = 1 - p;
  if (p <= 0) w[0] = 1;
  else if (q <= 0) w[m] = 1;
  else {
    const r = p / q;
    const mode = Math.min(m, Math.max(0, Math.floor((m + 1) * p)));
    w[mode] = 1;
    for (let k = mode + 1; k <= m; k++) w[k] = ((w[k - 1]! * (m - k + 1)) / k) * r;
    for (let k = mode - 1; k >= 0; k--) w[k] = (w[k + 1]! * (k + 1)) / (m - k) / r;
  }
  let z = 0;
  for (let k = 0; k <= m; k++) z += w[k]!;
  const cdf = new Float64Array(m + 1);
  const sf = new Float64Array(m + 1);
  let acc = 0;
  for (let k = 0; k <= m; k++) {
    acc += w[k]! / z;
    cdf[k] = Math.min(acc, 1);
  }
  acc = 0;
  for (let k = m; k >= 0; k--) {
    sf[k] = acc;
    acc += w[k]! / z;
  }
  return { cdf, sf };
}

/** ρ_E of aligned tiles summed over every k (density.ts stops where the terms cannot change the sum). */
function definitionRho(tiles: number, cTile: number, p: number, groupSize: number): number {
  const m = cTile / groupSize;
  const { cdf, sf } = definitionCdf(m, p);
  let sum = 0;
  let k = 0;
  if (tiles >= 1) for (; k < m && cdf[k]! <= 2 ** -55; k++) sum += 1;
  for (; k < m && !(sf[k] === 0 && cdf[k]! >= 0.5); k++) {
    const F = cdf[k]!;
    sum += F < 0.5 ? 1 - F ** tiles : -Math.expm1(tiles * Math.log1p(-sf[k]!));
  }
  const value = (groupSize * sum) / cTile;
  return value < p ? p : value;
}

describe('ρ_E shortcuts', () => {
  it('binomialCdf equals the step-by-step definition bit for bit (tails, p near 0 and 1)', () => {
    const rnd = sequence(5);
    const ps = [1e-300, 1e-9, 0.0144, 0.5, 0.99, 1 - 2 ** -52, 0, 1];
    for (let i = 0; i < 60; i++) ps.push(Number(rnd().toFixed(1 + (i % 6))));
    for (const p of ps) {
      for (const m of [0, 1, 2, 7, 64, 683, 2048]) {
        const a = binomialCdf(m, p);
        const b = definitionCdf(m, p);
        expect(Array.from(a.cdf), `cdf m=${m} p=${p}`).toEqual(Array.from(b.cdf));
        expect(Array.from(a.sf), `sf m=${m} p=${p}`).toEqual(Array.from(b.sf));
      }
    }
  });

  it('maxChannelDensity (aligned tiles) equals the full sum bit for bit', () => {
    const rnd = sequence(9);
    for (let i = 0; i < 400; i++) {
      const p = i % 3 === 0 ? Number(rnd().toFixed(4)) ** 2 : Number(rnd().toFixed(1 + (i % 6)));
      if (p === 0 || p === 1) continue;
      const groupSize = [1, 2, 4, 8][i % 4]!;
      const cTile = groupSize * (1 + Math.floor(rnd() * (i % 10 === 0 ? 1024 : 128)));
      const tiles = [1, 2, 7, 64, 4096, 100_000][i % 6]!;
      expect(
        maxChannelDensity(tiles, cTile, p, groupSize),
        `${tiles} ${cTile} ${p} ${groupSize}`,
      ).toBe(definitionRho(tiles, cTile, p, groupSize));
    }
  });
});
