/** Small hand-made set summaries for the maskset tests. */
import { findBuiltinArchitecture } from '../../../core/arch';
import type { ReferenceDynMode } from '../../../core/maskfile';
import type { MaskSetSummary } from '../../../core/maskset';
import { MASKSET_RATE_KINDS, setBlocks, setStageConfig } from '../../../core/maskset';

export interface SmallSetInput {
  arch?: string;
  modes: ReferenceDynMode[];
  S: number[];
  G?: number[];
  images: number;
  /** Value of a rate for image i, block b (NaN where the block has no such mask is applied after). */
  rate: (kind: 'spatial' | 'conv1' | 'conv2' | 'channel', i: number, b: number) => number;
}

/** A summary whose rate of each (image, block) is `rate(kind, i, b)`, NaN where the mode has no such mask. */
export function smallSet(input: SmallSetInput): MaskSetSummary {
  const arch = findBuiltinArchitecture(input.arch ?? 'resnet50');
  if (!arch) throw new Error('no architecture');
  const config = setStageConfig(arch, {
    dyn_mode: input.modes,
    mask_spatial_granularity: input.S,
    channel_dyn_granularity: input.G ?? [2, 2, 2, 2],
  });
  if (!config.ok) throw new Error(config.error);
  const blocks = setBlocks(arch, config.config);
  const B = blocks.length;
  const N = input.images;
  const rates = {} as MaskSetSummary['rates'];
  for (const kind of MASKSET_RATE_KINDS) rates[kind] = new Float32Array(N * B).fill(Number.NaN);
  for (let i = 0; i < N; i++)
    for (const b of blocks) {
      const k = i * B + b.globalIndex;
      if (b.gridShape) {
        rates.spatial[k] = input.rate('spatial', i, b.globalIndex);
        rates.conv1[k] = input.rate('conv1', i, b.globalIndex);
        rates.conv2[k] = input.rate('conv2', i, b.globalIndex);
        if (b.mode === 'layer') {
          rates.conv1[k] = rates.spatial[k]!;
          rates.conv2[k] = rates.spatial[k]!;
          rates.gate[k] = rates.spatial[k]!;
        }
      }
      if (b.channelGroups !== null) rates.channel[k] = input.rate('channel', i, b.globalIndex);
    }
  return {
    model: {
      arch: arch.trainingArch ?? arch.id,
      dynMode: [...config.config.modes],
      spatialGranularity: [...config.config.spatialGranularity],
      channelGroupSize: [...config.config.channelGroupSize],
      spatialMaskChannelGroup: [...config.config.spatialMaskChannelGroup],
      checkpoint: 'best.pth',
      weights: 'checkpoint',
    },
    arch,
    modes: config.appModes,
    images: N,
    blocks,
    rates,
    predicted: Int32Array.from({ length: N }, (_, i) => i % 7),
    label: Int32Array.from({ length: N }, (_, i) => i % 2),
    classNames: ['cat', 'dog'],
    dumps: Array.from({ length: N }, (_, i) => `${i % 2 ? 'dog' : 'cat'}/img${i}.laudmask.npz`),
    sources: Array.from({ length: N }, (_, i) => `${i % 2 ? 'dog' : 'cat'}/img${i}.jpg`),
    warnings: [],
  };
}
