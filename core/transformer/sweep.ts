/**
 * Curves and budgets for one rate of a T2T-ViT configuration: the latency against a uniform token, head,
 * attention or MLP rate (or attention and MLP together), and the rate that best uses a latency budget.
 * Every point is a whole-model evaluation (`predictTransformer`); points the official code cannot
 * evaluate (spec §9) carry their refusal instead of numbers.
 */
import type { HardwareParams } from '../predictor/hardware';
import { PredictorInputError } from '../predictor/errors';
import { predictTransformer, t2tVariant } from './model';
import { headRateSteps, keptTokens, MODE_SWITCHES, T2T_TOKENS } from './rates';
import type { T2tVariant, TransformerConfig, TransformerPrediction } from './types';

/** Which rate a curve or a budget moves. `block` moves the attention and MLP rates together. */
export type SweptRate = 'token' | 'head' | 'attn' | 'mlp' | 'block';

/** All swept rates, in display order. */
export const SWEPT_RATES: readonly SweptRate[] = ['token', 'head', 'attn', 'mlp', 'block'];

/** The rate a mode sweeps by default: its own paradigm (combined: the token rate); null for static. */
export function defaultSweptRate(mode: TransformerConfig['mode']): SweptRate | null {
  return mode === 'static' ? null : mode === 'combined' ? 'token' : mode;
}

/** `cfg` with the swept rate set to `rate` in every block. */
export function withRate(
  cfg: TransformerConfig,
  swept: SweptRate,
  rate: number,
): TransformerConfig {
  switch (swept) {
    case 'token':
      return { ...cfg, tokenRate: [rate] };
    case 'head':
      return { ...cfg, headRate: [rate] };
    case 'attn':
      return { ...cfg, attnRate: [rate] };
    case 'mlp':
      return { ...cfg, mlpRate: [rate] };
    case 'block':
      return { ...cfg, attnRate: [rate], mlpRate: [rate] };
  }
}

/** Refuses a swept rate whose switch the configuration's mode leaves off (its rate must stay 1 [T14]). */
function checkSwitch(cfg: TransformerConfig, swept: SweptRate): void {
  const s = MODE_SWITCHES[cfg.mode];
  const needs = swept === 'token' ? 'tokenSkip' : swept === 'head' ? 'headSkip' : 'layerSkip';
  const override = cfg[needs];
  const on = override ? override.some(Boolean) : s[needs];
  if (!on) {
    const modes = swept === 'token' ? 'token' : swept === 'head' ? 'head' : 'block';
    throw new PredictorInputError(
      `the ${swept} rate moves only with ${modes} skipping on (mode ${modes} or combined), found mode ${cfg.mode}`,
    );
  }
}

/**
 * Rates a curve visits by default: for tokens one rate per 5 % from 0.05 (each keeps a distinct token
 * count), for heads every k/H [T9], for the execution rates 0 to 1 by 0.05.
 */
export function defaultSweepRates(variant: T2tVariant, swept: SweptRate): number[] {
  if (swept === 'head') return headRateSteps(variant);
  const from = swept === 'token' ? 1 : 0;
  return Array.from({ length: 21 - from }, (_, i) => Number(((i + from) * 0.05).toFixed(2)));
}

/** One point of a curve. */
export type SweepPoint =
  | { rate: number; ok: true; prediction: TransformerPrediction }
  | { rate: number; ok: false; error: string };

/**
 * Latency against one uniform rate, everything else as in `cfg`.
 * @throws PredictorInputError when the mode leaves the swept rate's switch off, or `cfg` is invalid apart
 *   from the swept rate.
 */
export function sweepTransformer(
  cfg: TransformerConfig,
  hw: HardwareParams,
  swept: SweptRate,
  rates: readonly number[],
): SweepPoint[] {
  t2tVariant(cfg.model);
  checkSwitch(cfg, swept);
  return rates.map((rate) => {
    try {
      return { rate, ok: true, prediction: predictTransformer(withRate(cfg, swept, rate), hw) };
    } catch (e) {
      if (e instanceof PredictorInputError) return { rate, ok: false, error: e.message };
      throw e;
    }
  });
}

/** The result of a budget search. */
export interface TransformerBudgetResult {
  /** True when some rate meets the budget. */
  achievable: boolean;
  /** The chosen uniform rate (the fastest one when the budget is out of reach). */
  rate: number;
  config: TransformerConfig;
  prediction: TransformerPrediction;
  /** Fastest and slowest latency (ms per image) over the rates searched. */
  rangeMsPerImage: [number, number];
}

/** Candidate rates of a discrete search: the smallest rate of each kept-token count, or each k/H. */
function discreteRates(variant: T2tVariant, swept: 'token' | 'head'): number[] {
  if (swept === 'head') return headRateSteps(variant);
  const out: number[] = [];
  for (let k = 1; k <= T2T_TOKENS; k++) {
    let t = k / T2T_TOKENS;
    // 197·(k/197) can fall an ulp short of k (k = 1: 0.9999999999999999): take the next multiple up.
    if (keptTokens(t) < k) t = (k + 0.5) / T2T_TOKENS;
    out.push(Math.min(t, 1));
  }
  return out;
}

/**
 * The uniform rate whose latency is the largest not above `budgetMsPerImage`: every kept-token count or
 * every k/H for token and head rates; bisection (to 1e-6) for the execution rates, whose latency is
 * affine in the rate [T13]. Out of reach: the fastest rate, `achievable: false`.
 */
export function tuneTransformerBudget(
  cfg: TransformerConfig,
  hw: HardwareParams,
  swept: SweptRate,
  budgetMsPerImage: number,
): TransformerBudgetResult {
  const variant = t2tVariant(cfg.model);
  checkSwitch(cfg, swept);
  const evalAt = (rate: number) => predictTransformer(withRate(cfg, swept, rate), hw);
  const result = (rate: number, pred: TransformerPrediction, range: [number, number]) => ({
    achievable: pred.latencyMsPerImage <= budgetMsPerImage,
    rate,
    config: withRate(cfg, swept, rate),
    prediction: pred,
    rangeMsPerImage: range,
  });
  if (swept === 'token' || swept === 'head') {
    const points = discreteRates(variant, swept).map((rate) => ({ rate, pred: evalAt(rate) }));
    const ms = points.map((p) => p.pred.latencyMsPerImage);
    const range: [number, number] = [Math.min(...ms), Math.max(...ms)];
    let best = points.reduce((a, b) =>
      b.pred.latencyMsPerImage < a.pred.latencyMsPerImage ? b : a,
    );
    for (const p of points) {
      const l = p.pred.latencyMsPerImage;
      if (
        l <= budgetMsPerImage &&
        (l >= best.pred.latencyMsPerImage || best.pred.latencyMsPerImage > budgetMsPerImage)
      )
        best = p;
    }
    return result(best.rate, best.pred, range);
  }
  const lo = evalAt(0);
  const hi = evalAt(1);
  const range: [number, number] = [lo.latencyMsPerImage, hi.latencyMsPerImage];
  if (hi.latencyMsPerImage <= budgetMsPerImage) return result(1, hi, range);
  if (lo.latencyMsPerImage > budgetMsPerImage) return result(0, lo, range);
  let a = 0;
  let b = 1;
  let best = lo;
  while (b - a > 1e-6) {
    const mid = (a + b) / 2;
    const p = evalAt(mid);
    if (p.latencyMsPerImage <= budgetMsPerImage) {
      a = mid;
      best = p;
    } else b = mid;
  }
  return result(a, best, range);
}
