/**
 * What a dump must contain for a given architecture and configuration: the arrays of each block with
 * their dtypes and shapes (formulation spec §7–§8). Shared by the reader (to validate) and the writer
 * (to compose consistent fixtures).
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { divisors } from '../math/divisors';
import type { ReferenceDynMode } from './types';
import { hasChannelMask, hasSpatialMask } from './types';

export type ArrayKind = 'spatial' | 'spatial_logit' | 'conv2' | 'conv1' | 'channel';

/** One array a block's dump entry must hold. */
export interface ExpectedArray {
  /** Name as in the manifest and `np.load` (`stage1/0/spatial`); the zip member adds `.npy`. */
  name: string;
  kind: ArrayKind;
  /** The dtype the spec names (what our writer uses); the reader also takes bool masks, wider floats. */
  dtype: 'uint8' | 'float16';
  shape: number[];
  /**
   * Whether a dump must hold it: the decision grid and the channel groups. Logits are optional; conv1 and
   * conv2 masks, when absent, are derived from the grid as spec §2 defines them.
   */
  required: boolean;
}

/** A dump's per-stage configuration, in the manifest's terms. */
export interface DumpStageConfig {
  modes: readonly ReferenceDynMode[];
  spatialGranularity: readonly number[];
  channelGroupSize: readonly number[];
  spatialMaskChannelGroup: readonly number[];
}

/**
 * Checks that the configuration fits the architecture: spatial granularities divide the stage
 * resolution, channel group sizes divide the stage width. Returns a message, or null when it fits.
 */
export function checkStageConfig(arch: ArchitectureSpec, config: DumpStageConfig): string | null {
  for (let s = 0; s < arch.stages.length; s++) {
    const stage = arch.stages[s];
    const mode = config.modes[s];
    if (!stage || !mode) return `the configuration has no entry for stage ${s + 1}`;
    const S = config.spatialGranularity[s] ?? 0;
    const G = config.channelGroupSize[s] ?? 0;
    if (mode !== 'layer' && hasSpatialMask(mode) && stage.outResolution % S !== 0) {
      return `mask_spatial_granularity ${S} of stage ${s + 1} does not divide its resolution ${stage.outResolution} (valid: ${divisors(stage.outResolution).join(', ')})`;
    }
    if (hasChannelMask(mode)) {
      const width = Math.floor(stage.outChannels / arch.bottleneckRatio);
      if (width % G !== 0) {
        return `channel_dyn_granularity ${G} of stage ${s + 1} does not divide its width ${width}`;
      }
    }
  }
  return null;
}

/** The per-stage fields of a manifest's `model` (each list optional, entries nullable). */
export interface ManifestStageFields {
  dyn_mode: readonly ReferenceDynMode[];
  mask_spatial_granularity?: readonly (number | null)[] | null;
  channel_dyn_granularity?: readonly (number | null)[] | null;
  spatial_mask_channel_group?: readonly (number | null)[] | null;
}

/**
 * The stage configuration a manifest describes, with the values a stage's mode does not use allowed to
 * be absent: S is needed by spatial and both stages (layer stages use the stage resolution), G by channel
 * and both stages; the spatial mask channel group g defaults to 1 (the reference script's default).
 * Returns a message naming the missing field and stage, or the configuration.
 */
export function resolveStageConfig(
  arch: ArchitectureSpec,
  model: ManifestStageFields,
): DumpStageConfig | string {
  const spatialGranularity: number[] = [];
  const channelGroupSize: number[] = [];
  const spatialMaskChannelGroup: number[] = [];
  for (let s = 0; s < arch.stages.length; s++) {
    const stage = arch.stages[s];
    const mode = model.dyn_mode[s];
    if (!stage || !mode) return `the configuration has no entry for stage ${s + 1}`;
    const S = model.mask_spatial_granularity?.[s] ?? null;
    const G = model.channel_dyn_granularity?.[s] ?? null;
    const g = model.spatial_mask_channel_group?.[s] ?? null;
    if ((mode === 'spatial' || mode === 'both') && S === null) {
      return `stage ${s + 1} is ${mode} but mask_spatial_granularity gives it no S`;
    }
    if (hasChannelMask(mode) && G === null) {
      return `stage ${s + 1} is ${mode} but channel_dyn_granularity gives it no group size G`;
    }
    spatialGranularity.push(mode === 'layer' ? stage.outResolution : (S ?? 1));
    channelGroupSize.push(G ?? 1);
    spatialMaskChannelGroup.push(g ?? 1);
  }
  return { modes: model.dyn_mode, spatialGranularity, channelGroupSize, spatialMaskChannelGroup };
}

/** Arrays of one block (the configuration must have passed {@link checkStageConfig}). */
export function expectedBlockArrays(
  block: BlockGeometry,
  config: DumpStageConfig,
): ExpectedArray[] {
  const mode = config.modes[block.stage] ?? 'spatial';
  const prefix = block.key;
  const out: ExpectedArray[] = [];
  if (hasSpatialMask(mode)) {
    // Layer skipping is one gate per block; its conv masks are still full resolution (all 0 or all 1).
    const layer = mode === 'layer';
    const g = layer ? 1 : (config.spatialMaskChannelGroup[block.stage] ?? 1);
    const S = layer ? block.outSize : (config.spatialGranularity[block.stage] ?? 1);
    const side = block.outSize / S;
    out.push(
      {
        name: `${prefix}/spatial`,
        kind: 'spatial',
        dtype: 'uint8',
        shape: [g, side, side],
        required: true,
      },
      {
        name: `${prefix}/spatial_logit`,
        kind: 'spatial_logit',
        dtype: 'float16',
        shape: [g, side, side],
        required: false,
      },
      {
        name: `${prefix}/conv2`,
        kind: 'conv2',
        dtype: 'uint8',
        shape: [g, block.outSize, block.outSize],
        required: false,
      },
      {
        name: `${prefix}/conv1`,
        kind: 'conv1',
        dtype: 'uint8',
        shape: [g, block.inSize, block.inSize],
        required: false,
      },
    );
  }
  if (hasChannelMask(mode)) {
    const G = config.channelGroupSize[block.stage] ?? 1;
    out.push({
      name: `${prefix}/channel`,
      kind: 'channel',
      dtype: 'uint8',
      shape: [block.midChannels / G],
      required: true,
    });
  }
  return out;
}

/** Maps `--arch` values (`uni_resnet50`) and app ids (`resnet50`) to a known architecture. */
export function findArchitectureForDump(
  archName: string,
  known: readonly ArchitectureSpec[],
): ArchitectureSpec | undefined {
  return known.find((a) => a.trainingArch === archName || a.id === archName);
}
