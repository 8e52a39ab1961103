/** The proxy's inputs from a studio configuration (what the tuner is editing). */
import type { StudioConfig } from '../config/schema';
import { resolveArchitecture, resolveBlockRates, resolveChannelRates } from '../config/resolve';
import type { ProxyConfig } from './proxy';

/**
 * Proxy configuration for `config`: its architecture, stage modes and granularities, and every block's
 * resolved rate (global target → stage rate → block override) and channel rate.
 */
export function proxyConfigFromStudio(config: StudioConfig, seed = 0): ProxyConfig {
  const arch = resolveArchitecture(config);
  const rates = resolveBlockRates(config, arch);
  const channelRates = resolveChannelRates(config, arch);
  const blockRates: Record<string, number> = {};
  const blockChannelRates: Record<string, number> = {};
  arch.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.blocks; b++) {
      const key = `stage${s + 1}/${b}`;
      blockRates[key] = rates[s]?.[b] ?? config.targetRate;
      blockChannelRates[key] = channelRates[s]?.[b] ?? 1;
    }
  });
  return {
    arch,
    modes: config.stages.map((s) => s.mode),
    spatialGranularity: config.stages.map((s) => s.spatialGranularity),
    channelGroupSize: config.stages.map((s) => s.channelGroupSize),
    blockRates,
    blockChannelRates,
    seed,
  };
}
