// Generator of large, realistic set summaries for benchmarks (bench/maskset.bench.ts, the set-view bench).
import { findBuiltinArchitecture } from '../core/arch';
import type { ReferenceDynMode } from '../core/maskfile';
import type { MaskSetSummary } from '../core/maskset';
import { MASKSET_RATE_KINDS, setBlocks, setStageConfig } from '../core/maskset';

/** A deterministic generator in [0, 1). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A summary of `IMAGES` images (ImageNet-like names, 1,000 classes): per block, rates around a block-dependent mean, quantised to its grid. */
export function generateMaskSet(
  IMAGES: number,
  archId: string,
  modes: ReferenceDynMode[],
  S: number[],
): MaskSetSummary {
  const arch = findBuiltinArchitecture(archId)!;
  const config = setStageConfig(arch, {
    dyn_mode: modes,
    mask_spatial_granularity: S,
    channel_dyn_granularity: [2, 2, 2, 2],
  });
  if (!config.ok) throw new Error(config.error);
  const blocks = setBlocks(arch, config.config);
  const B = blocks.length;
  const rand = lcg(42);
  const rates = {} as MaskSetSummary['rates'];
  for (const kind of MASKSET_RATE_KINDS)
    rates[kind] = new Float32Array(IMAGES * B).fill(Number.NaN);
  for (let i = 0; i < IMAGES; i++)
    for (const b of blocks) {
      const k = i * B + b.globalIndex;
      const mean = 0.3 + (0.4 * ((b.globalIndex * 37) % 11)) / 10;
      if (b.gridShape) {
        const cells = b.gridShape[0] * b.gridShape[1] * b.gridShape[2];
        const r =
          b.mode === 'layer'
            ? rand() < mean
              ? 1
              : 0
            : Math.round(Math.min(1, Math.max(0, mean + (rand() - 0.5) * 0.4)) * cells) / cells;
        rates.spatial[k] = r;
        rates.conv2[k] = r;
        rates.conv1[k] = Math.min(1, r * 1.3);
        if (b.mode === 'layer') rates.gate[k] = r;
      }
      if (b.channelGroups !== null)
        rates.channel[k] = Math.round((0.4 + rand() * 0.5) * b.channelGroups) / b.channelGroups;
    }
  for (const b of blocks) {
    if (b.gridShape)
      b.meanMap = Float32Array.from(
        { length: b.gridShape[0] * b.gridShape[1] * b.gridShape[2] },
        () => rand(),
      );
    if (b.channelGroups !== null)
      b.meanChannel = Float32Array.from({ length: b.channelGroups }, () => rand());
  }
  const classes = Array.from(
    { length: 1000 },
    (_, c) => `n${String(1440764 + c * 1000).padStart(8, '0')}`,
  );
  return {
    model: {
      arch: arch.trainingArch ?? arch.id,
      dynMode: [...config.config.modes],
      spatialGranularity: [...config.config.spatialGranularity],
      channelGroupSize: [...config.config.channelGroupSize],
      spatialMaskChannelGroup: [...config.config.spatialMaskChannelGroup],
      checkpoint: 'model_best.pth.tar',
      weights: 'checkpoint',
    },
    arch,
    modes: config.appModes,
    images: IMAGES,
    blocks,
    rates,
    predicted: Int32Array.from({ length: IMAGES }, (_, i) => (i * 7) % 1000),
    label: Int32Array.from({ length: IMAGES }, (_, i) => Math.floor(i / 50)),
    classNames: classes,
    dumps: Array.from(
      { length: IMAGES },
      (_, i) =>
        `${classes[Math.floor(i / 50)]}/ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.laudmask.npz`,
    ),
    sources: Array.from(
      { length: IMAGES },
      (_, i) =>
        `${classes[Math.floor(i / 50)]}/ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`,
    ),
    warnings: [],
  };
}
