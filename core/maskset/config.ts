/**
 * "Use the set's rates": the set's mean per-block rates as a studio configuration and as the latency
 * predictor's request. The predictor rate of a block is its mean spatial rate (spatial, spatial+channel),
 * its mean gate, i.e. keep probability (layer), or its mean channel rate (channel); spatial+channel blocks
 * also carry their mean channel rate.
 */
import { adoptedStage } from '../maskfile/config';
import type { StudioConfig } from '../config/schema';
import type { NetworkRequest } from '../predictor/types';
import { maskSetMeanRates } from './stats';
import type { MaskSetMeanRates } from './stats';
import type { MaskSetBlock, MaskSetSummary } from './types';

/** The predictor rate of one block from a rate source (means, or one image's row). */
function predictorRate(block: MaskSetBlock, spatial: number, channel: number): number {
  return block.mode === 'channel' ? channel : spatial;
}

function clampRate(v: number, what: string): number {
  if (Number.isNaN(v)) throw new RangeError(`${what}: no image has this rate`);
  return Math.min(1, Math.max(0, v));
}

/**
 * The network request whose per-block rates are `rateOf(block)` (predictor conventions of
 * `toNetworkRequest`: layer stages pass their resolution as S, channel stages S = 1).
 */
export function maskSetRequest(
  summary: MaskSetSummary,
  rateOf: (block: MaskSetBlock) => { rate: number; channelRate: number },
): NetworkRequest {
  const arch = summary.arch;
  const modes = summary.modes;
  const granularity = arch.stages.map((s, i) => {
    if (modes[i] === 'layer') return s.outResolution;
    if (modes[i] === 'channel') return 1;
    return summary.model.spatialGranularity[i] ?? 1;
  });
  const rates = arch.stages.map((s) => new Array<number>(s.blocks).fill(1));
  const channelRates = arch.stages.map((s) => new Array<number>(s.blocks).fill(1));
  for (const b of summary.blocks) {
    const r = rateOf(b);
    rates[b.stage]![b.index] = r.rate;
    if (b.mode === 'spatial+channel') channelRates[b.stage]![b.index] = r.channelRate;
  }
  const request: NetworkRequest = {
    arch,
    modes: [...modes],
    granularity,
    channelGranularity: [...summary.model.channelGroupSize],
    rates,
  };
  if (modes.includes('spatial+channel')) request.channelRates = channelRates;
  return request;
}

/**
 * The predictor request at the set's mean rates (per block: mean spatial rate, gate or channel rate;
 * per-block mean channel rates for spatial+channel blocks).
 * @throws RangeError when the set holds no image with a rate a block needs.
 */
export function meanRatesRequest(
  summary: MaskSetSummary,
  means: MaskSetMeanRates = maskSetMeanRates(summary),
): NetworkRequest {
  return maskSetRequest(summary, (b) => ({
    rate: clampRate(
      predictorRate(b, means.spatial[b.globalIndex]!, means.channel[b.globalIndex]!),
      b.key,
    ),
    channelRate:
      b.mode === 'spatial+channel'
        ? clampRate(means.channel[b.globalIndex]!, `${b.key} channel`)
        : 1,
  }));
}

/**
 * A copy of `config` set to the set's model, stage modes, granularities and mean rates: every dynamic
 * block's rate override is its mean (spatial rate, layer keep probability, or channel rate). The
 * configuration has one channel rate per stage, so a spatial+channel stage gets the mean of its blocks'
 * mean channel rates; conv1 densities are not configuration values (the FLOPs counter and the predictor
 * derive them from the rate and S), so the measured conv1 means are reported by the stats only.
 * @throws RangeError when the set holds no image with a rate a block needs.
 */
export function applyMeanRatesToConfig(
  config: StudioConfig,
  summary: MaskSetSummary,
  means: MaskSetMeanRates = maskSetMeanRates(summary),
): StudioConfig {
  const arch = summary.arch;
  const blockRates: Record<string, number> = {};
  for (const b of summary.blocks)
    blockRates[b.key] = clampRate(
      predictorRate(b, means.spatial[b.globalIndex]!, means.channel[b.globalIndex]!),
      b.key,
    );
  const stages = arch.stages.map((spec, s) => {
    const previous = config.stages[s];
    const mode = summary.modes[s] ?? 'static';
    const S = mode === 'layer' ? spec.outResolution : (summary.model.spatialGranularity[s] ?? 1);
    const G = summary.model.channelGroupSize[s] ?? 1;
    const channelRates = summary.blocks
      .filter((b) => b.stage === s && b.mode === 'spatial+channel')
      .map((b) => clampRate(means.channel[b.globalIndex]!, `${b.key} channel`));
    return adoptedStage(spec, arch.bottleneckRatio, { mode, S, G, channelRates }, previous);
  });
  return {
    ...config,
    model: { kind: 'builtin', id: arch.id },
    inputSize: arch.inputSize,
    stages,
    blockRates,
  };
}
