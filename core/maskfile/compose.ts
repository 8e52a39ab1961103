/**
 * Builds a complete, consistent dump (manifest, arrays, image) from decision grids, the way the Python
 * exporter would: conv2 = the grid upsampled, conv1 = its stride-mapped 3×3 dilation, rates from the
 * arrays. Tests, fixtures and benchmarks use it; it throws on misuse because it only runs on our own data.
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { listBlocks } from '../arch';
import { deriveConvMasks } from './derive';
import type { DumpStageConfig, ExpectedArray } from './expected';
import { checkStageConfig, expectedBlockArrays } from './expected';
import type { LaudmaskManifest, ManifestBlock } from './manifest';
import { LAUDMASK_FORMAT, LAUDMASK_VERSION } from './manifest';
import type { NpyWritable } from './npy';
import type { ReferenceDynMode } from './types';
import type { MaskDumpContent } from './write';

/** The decisions of one block; omitted parts are all-keep (grid, channel) or derived (logits). */
export interface ComposedBlockMasks {
  /** Decision grid, [g, h, w] flattened. */
  grid?: ArrayLike<number>;
  /** keep − skip per cell; default ±1 from the grid. */
  logits?: ArrayLike<number>;
  /** One entry per channel group. */
  channel?: ArrayLike<number>;
}

export interface ComposeDumpInput {
  arch: ArchitectureSpec;
  modes: readonly ReferenceDynMode[];
  spatialGranularity: readonly number[];
  channelGroupSize: readonly number[];
  spatialMaskChannelGroup?: readonly number[];
  /** The decisions of a block, given its geometry and expected arrays. */
  masksFor: (block: BlockGeometry, arrays: readonly ExpectedArray[]) => ComposedBlockMasks;
  imagePng: Uint8Array;
  /** Free text; default "checkpoint". */
  weights?: string;
  checkpoint?: string | null;
  input?: Partial<LaudmaskManifest['input']>;
  prediction?: LaudmaskManifest['prediction'];
  /** Module path of a block's masker in the user's model; default ResNet style `layer1.0.masker`. */
  moduleName?: (block: BlockGeometry) => string;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function mean(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i] as number;
  return data.length === 0 ? 0 : n / data.length;
}

/** Composes the content of a valid dump; pass it to `writeMaskDump`. */
export function composeMaskDump(input: ComposeDumpInput): MaskDumpContent {
  const config: DumpStageConfig = {
    modes: input.modes,
    spatialGranularity: input.spatialGranularity,
    channelGroupSize: input.channelGroupSize,
    spatialMaskChannelGroup: input.spatialMaskChannelGroup ?? [1, 1, 1, 1],
  };
  const problem = checkStageConfig(input.arch, config);
  if (problem) throw new RangeError(problem);
  const arrays: Record<string, NpyWritable> = {};
  const table: LaudmaskManifest['arrays'] = {};
  const blocks: ManifestBlock[] = [];
  for (const block of listBlocks(input.arch)) {
    const expected = expectedBlockArrays(block, config);
    const masks = input.masksFor(block, expected);
    const entry: ManifestBlock = {
      key: block.key,
      module: input.moduleName?.(block) ?? `layer${block.stage + 1}.${block.index}.masker`,
      spatial_shape: null,
      spatial_rate: null,
      conv2_rate: null,
      conv1_rate: null,
      channel_shape: null,
      channel_rate: null,
    };
    const put = (e: ExpectedArray, data: ArrayLike<number>) => {
      if (data.length !== product(e.shape)) {
        throw new RangeError(`${e.name}: ${data.length} values for shape [${e.shape.join(', ')}]`);
      }
      arrays[e.name] = { dtype: e.dtype, shape: e.shape, data };
      table[e.name] = { dtype: e.dtype, shape: e.shape };
    };
    const spatial = expected.find((e) => e.kind === 'spatial');
    if (spatial) {
      const grid = Uint8Array.from(masks.grid ?? new Array<number>(product(spatial.shape)).fill(1));
      const [g = 1, side = 1] = spatial.shape;
      const derived = deriveConvMasks(block, { groups: g, height: side, width: side, data: grid });
      const conv2 = derived.conv2.data;
      const conv1 = derived.conv1.data;
      const logits = masks.logits ?? Array.from(grid, (v) => (v ? 1 : -1));
      for (const e of expected) {
        if (e.kind === 'spatial') put(e, grid);
        if (e.kind === 'spatial_logit') put(e, logits);
        if (e.kind === 'conv2') put(e, conv2);
        if (e.kind === 'conv1') put(e, conv1);
      }
      Object.assign(entry, {
        spatial_shape: spatial.shape,
        spatial_rate: mean(grid),
        conv2_rate: mean(conv2),
        conv1_rate: mean(conv1),
      });
    }
    const channel = expected.find((e) => e.kind === 'channel');
    if (channel) {
      const groups = Uint8Array.from(
        masks.channel ?? new Array<number>(product(channel.shape)).fill(1),
      );
      put(channel, groups);
      Object.assign(entry, { channel_shape: channel.shape, channel_rate: mean(groups) });
    }
    blocks.push(entry);
  }
  const manifest: LaudmaskManifest = {
    format: LAUDMASK_FORMAT,
    version: LAUDMASK_VERSION,
    model: {
      arch: input.arch.trainingArch ?? input.arch.id,
      dyn_mode: [...input.modes],
      mask_spatial_granularity: [...config.spatialGranularity],
      channel_dyn_granularity: [...config.channelGroupSize],
      spatial_mask_channel_group: [...config.spatialMaskChannelGroup],
      checkpoint: input.checkpoint ?? null,
      weights: input.weights ?? 'checkpoint',
    },
    input: {
      file: 'synthetic.png',
      sha256: '0'.repeat(64),
      size: input.arch.inputSize,
      orig_size: [input.arch.inputSize, input.arch.inputSize],
      crop_box: [0, 0, input.arch.inputSize, input.arch.inputSize],
      normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
      ...input.input,
    },
    prediction: input.prediction ?? {
      top5_index: [0, 1, 2, 3, 4],
      top5_prob: [0.2, 0.2, 0.2, 0.2, 0.2],
    },
    blocks,
    arrays: table,
  };
  return { manifest, arrays, imagePng: input.imagePng };
}
