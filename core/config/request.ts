/** From a configuration to the latency predictor's network request. */
import type { NetworkRequest } from '../predictor/types';
import { resolveArchitecture, resolveBlockRates, resolveChannelRates } from './resolve';
import type { StudioConfig } from './schema';

/**
 * The predictor's request for a configuration. Layer stages pass their stage resolution as S (the
 * predictor ignores it); channel stages pass S = 1, as the reference `eval_example.py` does for the
 * dense scatter-add it models with the sparse operator [Q20]; `channelRates` is set only when a
 * spatial+channel stage exists.
 * @throws RangeError when the model or input size cannot be resolved (run `validateConfig` first).
 */
export function toNetworkRequest(
  config: StudioConfig,
  arch = resolveArchitecture(config),
): NetworkRequest {
  const modes = arch.stages.map((_, i) => config.stages[i]?.mode ?? 'static');
  const granularity = arch.stages.map((s, i) => {
    const stage = config.stages[i];
    if (!stage) return 1;
    if (stage.mode === 'layer') return s.outResolution;
    if (stage.mode === 'channel') return 1;
    return stage.spatialGranularity;
  });
  const channelGranularity = arch.stages.map((_, i) => config.stages[i]?.channelGroupSize ?? 1);
  const request: NetworkRequest = {
    arch,
    modes,
    granularity,
    channelGranularity,
    rates: resolveBlockRates(config, arch),
  };
  if (modes.includes('spatial+channel')) request.channelRates = resolveChannelRates(config, arch);
  return request;
}
