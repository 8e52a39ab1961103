/** FLOPs of a studio configuration, and the uniform-rate view used for rate ↔ FLOPs-ratio conversions. */
import { blockDynamicsOf, resolveArchitecture } from '../config/resolve';
import type { StudioConfig } from '../config/schema';
import { networkFlops } from './network';
import type { NetworkFlops } from './network';

/** Static and dynamic MACs of every block and of the network for a configuration. */
export function configFlops(
  config: StudioConfig,
  arch = resolveArchitecture(config),
): NetworkFlops {
  return networkFlops(arch, blockDynamicsOf(config, arch));
}

/** The configuration with one activation rate everywhere (stage rates, channel rates and overrides cleared). */
export function withUniformRate(config: StudioConfig, rate: number): StudioConfig {
  return {
    ...config,
    targetRate: rate,
    stages: config.stages.map((s) => ({ ...s, rate: null, channelRate: null })),
    blockRates: {},
  };
}

/** FLOPs ratio (dynamic/static, the training code's `--target_rate`) of a configuration at uniform rate `rate`. */
export function flopsRatioForRate(
  config: StudioConfig,
  rate: number,
  arch = resolveArchitecture(config),
): number {
  return configFlops(withUniformRate(config, rate), arch).flopsRatio;
}
