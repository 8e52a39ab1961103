import { describe, expect, it } from 'vitest';
import { defaultConfig, resolveBlockRates } from '../../../core/config';
import { configFlops } from '../../../core/flops';
import { rateForFlopsRatio, ratesForFlopsTarget } from '../../../core/solvers/flopsTarget';

describe('ratesForFlopsTarget (acceptance 3: within 0.5 % of t)', () => {
  for (const id of ['resnet50', 'regnety004']) {
    for (const t of [0.3, 0.5, 0.75]) {
      it(`${id} uniform, t = ${t}`, () => {
        const res = ratesForFlopsTarget(defaultConfig(id), t, 'uniform');
        expect(res.achievable).toBe(true);
        // Checked against an independent FLOPs evaluation of the returned configuration.
        const ratio = configFlops(res.config).flopsRatio;
        expect(Math.abs(ratio - t) / t).toBeLessThan(0.005);
        const rates = resolveBlockRates(res.config).flat();
        expect(new Set(rates).size).toBe(1);
        expect(res.evaluations).toBeLessThanOrEqual(52);
      });
    }
  }

  it('proportional keeps the ratios between stage rates', () => {
    const c = defaultConfig('resnet50');
    c.stages[0]!.rate = 0.8;
    c.stages[1]!.rate = 0.4;
    c.blockRates = { 'stage3/0': 0.2 };
    const res = ratesForFlopsTarget(c, 0.45, 'proportional');
    expect(Math.abs(configFlops(res.config).flopsRatio - 0.45) / 0.45).toBeLessThan(0.005);
    const r = resolveBlockRates(res.config);
    expect(r[0]![0]! / r[1]![0]!).toBeCloseTo(2, 9);
    expect(r[2]![1]! / r[2]![0]!).toBeCloseTo(0.5 / 0.2, 9); // stage 3 follows the target, block 0 overridden
  });

  it('reports an unreachable target and returns the closest end', () => {
    const res = ratesForFlopsTarget(defaultConfig('resnet50'), 0.05);
    expect(res.achievable).toBe(false);
    expect(res.parameter).toBe(0);
    expect(res.flopsRatio).toBeCloseTo(res.range[0], 12);
    expect(res.range[0]).toBeGreaterThan(0.05); // stem, head, projections and maskers always run
  });

  it('rateForFlopsRatio inverts the FLOPs ratio of a uniform rate', () => {
    const c = defaultConfig('resnet50');
    const r = rateForFlopsRatio(c, configFlops(c).flopsRatio);
    expect(r).toBeCloseTo(0.5, 9);
  });
});
