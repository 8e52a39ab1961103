/**
 * Rates for a target FLOPs ratio (the reference training code's `--target_rate`): either one rate for every
 * dynamic block, or the current rates scaled by one factor (keeping per-stage and per-block proportions).
 */
import { resolveArchitecture } from '../config/resolve';
import type { StudioConfig } from '../config/schema';
import { configFlops, flopsRatioForRate, withUniformRate } from '../flops/config';
import { bisectMonotone } from './bisect';

/** How the solver distributes the rates. */
export type RateStrategy = 'uniform' | 'proportional';

/** A solved configuration. */
export interface FlopsTargetResult {
  /** The input configuration with the solved rates. */
  config: StudioConfig;
  /** FLOPs ratio the solved configuration achieves. */
  flopsRatio: number;
  /** Whether the target lies inside the reachable range (otherwise the closest end is returned). */
  achievable: boolean;
  /** Reachable FLOPs ratios [at rate 0, at rate 1] for this configuration's modes. */
  range: [number, number];
  /** The uniform rate (uniform) or the scale factor (proportional). */
  parameter: number;
  evaluations: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The configuration with every rate (target, stage, channel, block override) multiplied by `k`, clamped to [0, 1]. */
export function scaleRates(config: StudioConfig, k: number): StudioConfig {
  const blockRates: Record<string, number> = {};
  for (const [key, r] of Object.entries(config.blockRates)) blockRates[key] = clamp01(r * k);
  return {
    ...config,
    targetRate: clamp01(config.targetRate * k),
    stages: config.stages.map((s) => ({
      ...s,
      rate: s.rate === null ? null : clamp01(s.rate * k),
      channelRate: s.channelRate === null ? null : clamp01(s.channelRate * k),
    })),
    blockRates,
  };
}

/** Smallest positive rate in a configuration (what limits the useful scale factor). */
function smallestPositiveRate(config: StudioConfig): number {
  const all = [config.targetRate, ...Object.values(config.blockRates)];
  for (const s of config.stages) {
    if (s.rate !== null) all.push(s.rate);
    if (s.channelRate !== null) all.push(s.channelRate);
  }
  return Math.min(...all.filter((r) => r > 0), 1);
}

/**
 * Solves the rates whose FLOPs ratio equals `target` (bisection on the monotone FLOPs model; the
 * result is within 1e-6 relative of the target whenever the target is reachable).
 */
export function ratesForFlopsTarget(
  config: StudioConfig,
  target: number,
  strategy: RateStrategy = 'uniform',
): FlopsTargetResult {
  const arch = resolveArchitecture(config);
  const opts = { tolValue: 1e-7 * target, maxIterations: 48 };
  if (strategy === 'uniform') {
    const f = (r: number) => flopsRatioForRate(config, r, arch);
    const range: [number, number] = [f(0), f(1)];
    const res = bisectMonotone(f, target, 0, 1, opts);
    const solved = withUniformRate(config, res.x);
    return {
      config: solved,
      flopsRatio: res.value,
      achievable: target >= range[0] && target <= range[1],
      range,
      parameter: res.x,
      evaluations: res.evaluations + 2,
    };
  }
  const kMax = 1 / smallestPositiveRate(config);
  const f = (k: number) => configFlops(scaleRates(config, k), arch).flopsRatio;
  const range: [number, number] = [f(0), f(kMax)];
  const res = bisectMonotone(f, target, 0, kMax, opts);
  return {
    config: scaleRates(config, res.x),
    flopsRatio: res.value,
    achievable: target >= range[0] && target <= range[1],
    range,
    parameter: res.x,
    evaluations: res.evaluations + 2,
  };
}

/** The uniform activation rate whose FLOPs ratio is `flopsRatio` (inverse of `flopsRatioForRate`). */
export function rateForFlopsRatio(config: StudioConfig, flopsRatio: number): number {
  return ratesForFlopsTarget(config, flopsRatio, 'uniform').parameter;
}
