/** The proxy's inputs from a studio configuration (what the tuner is editing). */
import { listBlocks, type ArchitectureSpec } from '../arch';
import type { StudioConfig } from '../config/schema';
import { blockChannelRate, blockRate, resolveArchitecture } from '../config/resolve';
import type { ProxyConfig } from './proxy';

/**
 * Proxy configuration for `config`: its architecture, stage modes and granularities, and every block's
 * resolved rate (global target → stage rate → block override; 1 in a static stage) and channel rate.
 * The one place a configuration becomes a proxy configuration (the masks worker and the CLI use it).
 * @param seed seed of the proxy's layer gates and channel groups
 * @param arch the configuration's architecture, when the caller has already resolved it
 */
export function proxyConfigFromStudio(
  config: StudioConfig,
  seed = 0,
  arch: ArchitectureSpec = resolveArchitecture(config),
): ProxyConfig {
  const blockRates: Record<string, number> = {};
  const blockChannelRates: Record<string, number> = {};
  for (const block of listBlocks(arch)) {
    blockRates[block.key] = blockRate(config, block.stage, block.index);
    blockChannelRates[block.key] = blockChannelRate(config, block.stage, block.index);
  }
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
