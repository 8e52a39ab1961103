import { describe, expect, it } from 'vitest';
import { resolveHardware } from '../../../core/predictor';
import {
  defaultSweepRates,
  predictTransformer,
  sweepTransformer,
  T2T_VARIANTS,
  tuneTransformerBudget,
  type TransformerConfig,
} from '../../../core/transformer';

const base: TransformerConfig = {
  model: 't2t_vit_19',
  mode: 'token',
  tokenRate: [1],
  headRate: [1],
  attnRate: [1],
  mlpRate: [1],
  batchConvention: 'in_shapes',
};
const v100 = resolveHardware('v100');

describe('sweepTransformer', () => {
  it('refused rates carry the refusal; the others a whole-model prediction', () => {
    const pts = sweepTransformer(base, v100, 'token', [0, 0.5, 1]);
    expect(pts[0]).toMatchObject({ ok: false });
    expect(pts[1]!.ok && pts[1]!.prediction.ratio).toBeCloseTo(0.631, 3); // spec §10
    expect(pts[2]!.ok && pts[2]!.prediction.blocks[0]!.tokensKept).toBe(197);
  });

  it('refuses a rate whose switch the mode leaves off', () => {
    expect(() => sweepTransformer(base, v100, 'head', [0.5])).toThrow(
      /head rate moves only with head skipping on/,
    );
  });

  it('default rates', () => {
    expect(defaultSweepRates(T2T_VARIANTS.t2t_vit_19, 'token')).toHaveLength(20);
    expect(defaultSweepRates(T2T_VARIANTS.t2t_vit_19, 'block')[0]).toBe(0);
    expect(defaultSweepRates(T2T_VARIANTS.t2t_vit_19, 'head')).toHaveLength(7);
  });
});

describe('tuneTransformerBudget', () => {
  it('token rate: the most tokens within the budget', () => {
    const res = tuneTransformerBudget(base, v100, 'token', 1.5);
    expect(res.achievable).toBe(true);
    expect(res.prediction.latencyMsPerImage).toBeLessThanOrEqual(1.5);
    const kept = res.prediction.blocks[0]!.tokensKept;
    expect(Math.trunc(197 * res.rate)).toBe(kept);
    // Every larger token count is over budget.
    for (let k = kept + 1; k <= 197; k += 7) {
      const p = predictTransformer({ ...base, tokenRate: [(k + 0.5) / 197] }, v100);
      expect(p.latencyMsPerImage).toBeGreaterThan(1.5);
    }
  });

  it('block rates: bisection to the budget; out of reach gives the fastest and achievable false', () => {
    const block = { ...base, mode: 'block' as const };
    const res = tuneTransformerBudget(block, v100, 'block', 1.5);
    expect(res.prediction.latencyMsPerImage).toBeLessThanOrEqual(1.5);
    expect(res.prediction.latencyMsPerImage).toBeGreaterThan(1.5 - 1e-5);
    const low = tuneTransformerBudget(block, v100, 'block', 0.01);
    expect(low).toMatchObject({ achievable: false, rate: 0 });
  });
});
