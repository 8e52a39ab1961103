/**
 * Rates for a latency budget (ms per image on the configured hardware): bisection on the predictor, whose
 * latency never decreases with the rate. The predicted latency is a step function of the rate (patch and
 * channel counts are integers), so the uniform solution can fall short of the budget by one step; a greedy
 * pass then raises individual blocks, cheapest first, to use the rest of the budget.
 */
import { resolveArchitecture } from '../config/resolve';
import type { StudioConfig } from '../config/schema';
import { withUniformRate } from '../flops/config';
import { bisectMonotone } from './bisect';
import { scaleRates } from './flopsTarget';
import type { RateStrategy } from './flopsTarget';
import { predictConfig, predictorFor } from './predict';

/** A configuration solved for a latency budget. */
export interface LatencyBudgetResult {
  config: StudioConfig;
  /** Predicted latency of `config`, ms per image (≤ the budget when achievable). */
  latencyMsPerImage: number;
  staticMsPerImage: number;
  /** Whether the budget lies inside the reachable range. */
  achievable: boolean;
  /** Reachable latencies, ms per image, at the lowest and highest rates. */
  rangeMsPerImage: [number, number];
  /** The uniform rate (uniform) or the scale factor (proportional), before the greedy refinement. */
  parameter: number;
  /** Blocks raised by the refinement pass. */
  refinedBlocks: string[];
  evaluations: number;
}

/** Options of {@link ratesForLatencyBudget}. */
export interface LatencyBudgetOptions {
  strategy?: RateStrategy;
  /** Use the rest of the budget by raising single blocks (uniform strategy only). Default true. */
  refine?: boolean;
}

/** Smallest positive rate of a configuration (limits the useful scale factor). */
function smallestRate(config: StudioConfig): number {
  const all = [config.targetRate, ...Object.values(config.blockRates)];
  for (const s of config.stages) if (s.rate !== null) all.push(s.rate);
  return Math.min(...all.filter((r) => r > 0), 1);
}

/**
 * Solves the rates whose predicted latency is as close as possible under `budgetMsPerImage`.
 * @throws on an invalid configuration (validate it first).
 */
export function ratesForLatencyBudget(
  config: StudioConfig,
  budgetMsPerImage: number,
  { strategy = 'uniform', refine = true }: LatencyBudgetOptions = {},
): LatencyBudgetResult {
  const arch = resolveArchitecture(config);
  const predictor = predictorFor(config);
  const apply =
    strategy === 'uniform'
      ? (x: number) => withUniformRate(config, x)
      : (x: number) => scaleRates(config, x);
  const hi = strategy === 'uniform' ? 1 : 1 / smallestRate(config);
  const latency = (c: StudioConfig) => predictConfig(c, predictor, arch).latencyMsPerImage;
  const f = (x: number) => latency(apply(x));
  const lowest = f(0);
  const highest = f(hi);
  // Resolution 1e-6 in rate: below the step of any patch or channel count the predictor sees.
  const res = bisectMonotone(f, budgetMsPerImage, 0, hi, { tolX: 1e-6 * hi, maxIterations: 40 });
  let solved = apply(res.x);
  let latencyMs = res.value;
  let evaluations = res.evaluations + 2;
  const refinedBlocks: string[] = [];
  if (
    refine &&
    strategy === 'uniform' &&
    latencyMs <= budgetMsPerImage &&
    latencyMs < 0.999 * budgetMsPerImage
  ) {
    refineLoop: for (let i = 0; i < arch.stages.length; i++) {
      if (solved.stages[i]?.mode === 'static') continue;
      for (let j = 0; j < (arch.stages[i]?.blocks ?? 0); j++) {
        // Raise this block alone to the largest rate that still fits.
        const key = `stage${i + 1}/${j}`;
        const base = solved;
        const g = (r: number) => latency({ ...base, blockRates: { ...base.blockRates, [key]: r } });
        const up = bisectMonotone(g, budgetMsPerImage, res.x, 1, { tolX: 1e-4, maxIterations: 14 });
        evaluations += up.evaluations;
        if (up.value <= budgetMsPerImage && up.x > res.x && up.value > latencyMs) {
          solved = { ...base, blockRates: { ...base.blockRates, [key]: up.x } };
          latencyMs = up.value;
          refinedBlocks.push(key);
        }
        if (latencyMs >= 0.999 * budgetMsPerImage) break refineLoop;
      }
    }
  }
  const final = predictConfig(solved, predictor, arch);
  return {
    config: solved,
    latencyMsPerImage: final.latencyMsPerImage,
    staticMsPerImage: final.staticMsPerImage,
    achievable: budgetMsPerImage >= lowest && budgetMsPerImage <= highest,
    rangeMsPerImage: [lowest, highest],
    parameter: res.x,
    refinedBlocks,
    evaluations: evaluations + 1,
  };
}
