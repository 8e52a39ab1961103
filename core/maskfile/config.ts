/** Turning a dump into the configuration the tuner should adopt (issue 6: "the panel adopts the dump"). */
import type { StageSpec } from '../arch';
import type { StageConfig, StudioConfig } from '../config/schema';
import { validChannelGroupSizes, validGranularities } from '../config/resolve';
import type { MaskDump, StageMode } from './types';

export interface DumpConfigPatch {
  /** Architecture id (`resnet50`). */
  modelId: string;
  /** Per stage, app naming (`spatial+channel` for the reference's `both`). */
  modes: StageMode[];
  /** Per stage S (the stage resolution for layer mode, as the training flags write it). */
  spatialGranularity: number[];
  /** Per stage G. */
  channelGroupSize: number[];
  /**
   * Per block activation rate, computed from the arrays: kept cells (spatial), the gate (layer), kept
   * groups (channel); for spatial+channel blocks the spatial rate (the channel rate is below).
   */
  blockRates: Record<string, number>;
  /** Channel rates of spatial+channel blocks. */
  blockChannelRates: Record<string, number>;
}

/** The configuration a dump was made with, and its per-block rates measured from the masks. */
export function dumpToConfigPatch(dump: MaskDump): DumpConfigPatch {
  const blockRates: Record<string, number> = {};
  const blockChannelRates: Record<string, number> = {};
  for (const block of dump.blocks) {
    const rate = block.rates.spatial ?? block.rates.channel;
    if (rate !== null) blockRates[block.key] = rate;
    if (block.rates.spatial !== null && block.rates.channel !== null) {
      blockChannelRates[block.key] = block.rates.channel;
    }
  }
  return {
    modelId: dump.arch.id,
    modes: [...dump.modes],
    spatialGranularity: dump.modes.map((mode, s) =>
      mode === 'layer'
        ? (dump.arch.stages[s]?.outResolution ?? 1)
        : (dump.spatialGranularity[s] ?? 1),
    ),
    channelGroupSize: [...dump.channelGroupSize],
    blockRates,
    blockChannelRates,
  };
}

/**
 * A copy of `config` set to the dump's model (built-in, 224 input), stage modes, granularities and
 * per-block rates. A spatial+channel stage's channel rate becomes the mean of its blocks' measured channel
 * rates (the configuration has one channel rate per stage). S and G values that do not fit a stage whose
 * mode does not use them are left as they were, so the result always validates.
 */
/**
 * One stage of a configuration adopted from real masks: `mode`, its S and G where the stage can take them
 * (otherwise the previous ones, so the result always validates), per-block rates left to the caller, and the
 * channel rate as the mean of the measured ones (the configuration has one channel rate per stage).
 */
export function adoptedStage(
  spec: StageSpec,
  bottleneckRatio: number,
  measured: { mode: StageMode; S: number; G: number; channelRates: number[] },
  previous: StageConfig | undefined,
): StageConfig {
  const m = Math.floor(spec.outChannels / bottleneckRatio);
  const { channelRates } = measured;
  return {
    mode: measured.mode,
    spatialGranularity: validGranularities(spec.outResolution).includes(measured.S)
      ? measured.S
      : (previous?.spatialGranularity ?? 1),
    channelGroupSize: validChannelGroupSizes(m).includes(measured.G)
      ? measured.G
      : (previous?.channelGroupSize ?? 1),
    rate: null,
    channelRate:
      channelRates.length > 0
        ? channelRates.reduce((a, b) => a + b, 0) / channelRates.length
        : null,
  };
}

export function applyDumpToConfig(config: StudioConfig, dump: MaskDump): StudioConfig {
  const patch = dumpToConfigPatch(dump);
  const stages = dump.arch.stages.map((spec, s) => {
    const previous = config.stages[s];
    const mode = patch.modes[s] ?? 'static';
    const channelRates = dump.blocks
      .filter((b) => b.stage === s)
      .map((b) => patch.blockChannelRates[b.key])
      .filter((r): r is number => r !== undefined);
    const S = patch.spatialGranularity[s] ?? 1;
    const G = patch.channelGroupSize[s] ?? 1;
    return adoptedStage(spec, dump.arch.bottleneckRatio, { mode, S, G, channelRates }, previous);
  });
  return {
    ...config,
    model: { kind: 'builtin', id: dump.arch.id },
    inputSize: dump.arch.inputSize,
    stages,
    blockRates: { ...patch.blockRates },
  };
}
