/** The blocks of a set summary: stage configuration, grid shapes and warnings, from the architecture. */
import type { ArchitectureSpec } from '../arch';
import { listBlocks } from '../arch';
import type { DumpStageConfig } from '../maskfile/expected';
import { checkStageConfig, expectedBlockArrays } from '../maskfile/expected';
import type { ReferenceDynMode, StageMode } from '../maskfile/types';
import { stageModeFromReference } from '../maskfile/types';
import type { MaskSetBlock, MaskSetSummary } from './types';

/** The model block as the manifest may give it (optional fields liberal). */
export interface MaskSetModelInput {
  dyn_mode: ReferenceDynMode[];
  mask_spatial_granularity: number[];
  channel_dyn_granularity?: number[] | null;
  spatial_mask_channel_group?: number[] | null;
}

export type SetStageConfigResult =
  { ok: true; config: DumpStageConfig; appModes: StageMode[] } | { ok: false; error: string };

/**
 * The per-stage configuration of a summary, checked against the architecture. A missing
 * `channel_dyn_granularity` is only an error when a stage has channel masks; a missing
 * `spatial_mask_channel_group` means one group everywhere.
 */
export function setStageConfig(
  arch: ArchitectureSpec,
  model: MaskSetModelInput,
): SetStageConfigResult {
  const n = arch.stages.length;
  const lengthProblem = (name: string, list: readonly unknown[]) =>
    list.length !== n ? `${name} has ${list.length} entries; ${arch.label} has ${n} stages` : null;
  const modes = model.dyn_mode;
  const problem =
    lengthProblem('dyn_mode', modes) ??
    lengthProblem('mask_spatial_granularity', model.mask_spatial_granularity);
  if (problem) return { ok: false, error: problem };
  const channelStage = modes.findIndex((m) => m === 'channel' || m === 'both');
  if (!model.channel_dyn_granularity && channelStage >= 0)
    return {
      ok: false,
      error: `stage ${channelStage + 1} has channel masks but channel_dyn_granularity is missing`,
    };
  const channelGroupSize = model.channel_dyn_granularity ?? new Array<number>(n).fill(1);
  const spatialMaskChannelGroup = model.spatial_mask_channel_group ?? new Array<number>(n).fill(1);
  const more =
    lengthProblem('channel_dyn_granularity', channelGroupSize) ??
    lengthProblem('spatial_mask_channel_group', spatialMaskChannelGroup);
  if (more) return { ok: false, error: more };
  const config: DumpStageConfig = {
    modes,
    spatialGranularity: model.mask_spatial_granularity.map((S, s) =>
      modes[s] === 'layer' ? arch.stages[s]!.outResolution : S,
    ),
    channelGroupSize,
    spatialMaskChannelGroup,
  };
  const bad = checkStageConfig(arch, config);
  if (bad) return { ok: false, error: bad };
  return { ok: true, config, appModes: modes.map(stageModeFromReference) };
}

/** One {@link MaskSetBlock} per block of the architecture (means still empty). */
export function setBlocks(arch: ArchitectureSpec, config: DumpStageConfig): MaskSetBlock[] {
  return listBlocks(arch).map((geo) => {
    const refMode = config.modes[geo.stage] ?? 'spatial';
    const arrays = expectedBlockArrays(geo, config);
    const grid = arrays.find((a) => a.kind === 'spatial');
    const channel = arrays.find((a) => a.kind === 'channel');
    return {
      key: geo.key,
      module: '',
      stage: geo.stage,
      index: geo.index,
      globalIndex: geo.globalIndex,
      mode: stageModeFromReference(refMode),
      granularity: grid
        ? refMode === 'layer'
          ? geo.outSize
          : (config.spatialGranularity[geo.stage] ?? 1)
        : null,
      channelGroupSize: channel ? (config.channelGroupSize[geo.stage] ?? 1) : null,
      gridShape: grid ? [grid.shape[0]!, grid.shape[1]!, grid.shape[2]!] : null,
      channelGroups: channel ? channel.shape[0]! : null,
      meanMap: null,
      meanChannel: null,
    };
  });
}

/** Non-fatal findings about a summary, in sentence case. */
export function setWarnings(summary: Pick<MaskSetSummary, 'model' | 'images'>): string[] {
  const out: string[] = [];
  if (/random/i.test(summary.model.weights))
    out.push(
      'These masks come from a randomly initialised model: they test the pipeline and mean nothing.',
    );
  if (summary.images === 0) out.push('The set holds no images.');
  return out;
}
