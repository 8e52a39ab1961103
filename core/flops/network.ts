/**
 * Network MACs as the reference training code counts them (flops-accounting spec §1, §2.8): the dynamic
 * count of its model forward over the static count of its generic counter on the dense teacher. That
 * ratio is what the training loss compares with `--target_rate`. The torchvision-style static count
 * (conv and linear weights only) is kept as a second, labelled figure.
 */
import { featureSizes, listBlocks, nativeInputSize, stemOutputSize } from '../arch';
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { conv1DensityTerms, type Conv1DensityTerms } from '../masks/geometry';
import { blockFlops, staticBlockMacs, torchvisionBlockMacs } from './block';
import type { BlockDynamics, BlockFlops, BlockMacs } from './block';

/** Image channels entering the stem (RGB). */
export const IMAGE_CHANNELS = 3;

/** Side of the max-pool window after a ResNet stem (3×3, stride 2). */
const MAX_POOL_KERNEL = 3;

/** MACs of the stem convolution alone (padding ⌊k/2⌋: the output side is ⌈input ÷ stride⌉ per side). */
export function stemConvMacs(arch: ArchitectureSpec): number {
  const out = featureSizes(arch, nativeInputSize(arch)).stemConv;
  return (
    IMAGE_CHANNELS *
    arch.stem.outChannels *
    arch.stem.kernel *
    arch.stem.kernel *
    out.height *
    out.width
  );
}

/** MACs of the stem as both reference counters see it: the conv, plus `k²` per max-pool output (ResNet). */
export function stemMacs(arch: ArchitectureSpec): number {
  const conv = stemConvMacs(arch);
  if (!arch.stem.maxPool) return conv;
  const out = featureSizes(arch, nativeInputSize(arch)).stem;
  return conv + arch.stem.outChannels * out.height * out.width * MAX_POOL_KERNEL * MAX_POOL_KERNEL;
}

function lastStage(arch: ArchitectureSpec) {
  return arch.stages[arch.stages.length - 1];
}

/** Head MACs in the dynamic count: the pool once per output element (`C_L`), then the fc weights. */
export function headMacs(arch: ArchitectureSpec): number {
  const last = lastStage(arch);
  return last ? last.outChannels + last.outChannels * arch.numClasses : 0;
}

/** Head MACs in the static count: the pool once per input element, the fc weights and its bias. */
export function staticHeadMacs(arch: ArchitectureSpec): number {
  const last = lastStage(arch);
  if (!last) return 0;
  const pool = last.outChannels * last.outResolution * (last.outWidth ?? last.outResolution);
  return pool + last.outChannels * arch.numClasses + arch.numClasses;
}

/** MACs of a whole network for one dynamic setting. */
export interface NetworkFlops {
  /** Stem conv (+ max-pool), identical in both counts. */
  stemMacs: number;
  /** Head of the dynamic count (the static one is in `staticHeadMacs`). */
  headMacs: number;
  staticHeadMacs: number;
  blocks: BlockFlops[];
  /** The reference code's static count of the dense teacher (the denominator of `--target_rate`). */
  staticMacs: number;
  /** The reference model's dynamic count. */
  dynamicMacs: number;
  /** dynamic / static: the training code's `--target_rate` (maskers, stem and head included). */
  flopsRatio: number;
  /** Static MACs in torchvision's convention (conv and linear weights only), for comparison with papers. */
  torchvisionStaticMacs: number;
  /** Σ of the blocks' conv1 overhead (conv1 density above conv2 density). */
  conv1OverheadMacs: number;
}

/** The block setting used by `networkFlops`: a function of the block, so callers need no nested arrays. */
export type DynamicsOf = (block: BlockGeometry) => BlockDynamics;

const STATIC: BlockDynamics = {
  mode: 'static',
  spatialGranularity: 1,
  channelGroupSize: 1,
  rate: 1,
  channelRate: 1,
};

/** Static network MACs as the reference code's counter gives them (e.g. 4,091,091,944 for ResNet-50). */
export function staticNetworkMacs(arch: ArchitectureSpec): number {
  return networkFlops(arch, () => STATIC).staticMacs;
}

/** Static network MACs in torchvision's convention (e.g. 4,089,184,256 for ResNet-50: published 4.09 G). */
export function torchvisionNetworkMacs(arch: ArchitectureSpec): number {
  const last = lastStage(arch);
  const fc = last ? last.outChannels * arch.numClasses : 0;
  return listBlocks(arch).reduce(
    (sum, b) => sum + torchvisionBlockMacs(b),
    stemConvMacs(arch) + fc,
  );
}

/** The rate-free counts of an architecture, computed once per architecture object. */
interface ArchCounts {
  readonly blocks: readonly BlockGeometry[];
  readonly staticMacs: readonly Readonly<BlockMacs>[];
  /** conv1 density terms by S, per block slot: a stage's first block, then its other blocks (equal). */
  readonly conv1Terms: readonly Map<number, Conv1DensityTerms>[];
  readonly stem: number;
  readonly staticHead: number;
  readonly head: number;
  readonly torchvision: number;
}

/**
 * Keyed by identity: architectures are immutable values (every edit makes a new object, as the
 * predictor's plans assume), and entries live only as long as their architecture object.
 */
const countsByArch = new WeakMap<ArchitectureSpec, ArchCounts>();
/** Granularities remembered per block slot; beyond this a slot's table starts again. */
const TERMS_PER_SLOT = 32;

function archCounts(arch: ArchitectureSpec): ArchCounts {
  let counts = countsByArch.get(arch);
  if (counts) return counts;
  const blocks = Object.freeze(listBlocks(arch).map((b) => Object.freeze(b)));
  counts = {
    blocks,
    staticMacs: Object.freeze(blocks.map((b) => Object.freeze(staticBlockMacs(b)))),
    conv1Terms: arch.stages.flatMap(() => [new Map(), new Map()]),
    stem: stemMacs(arch),
    staticHead: staticHeadMacs(arch),
    head: headMacs(arch),
    torchvision: torchvisionNetworkMacs(arch),
  };
  countsByArch.set(arch, counts);
  return counts;
}

function conv1TermsOf(
  counts: ArchCounts,
  block: BlockGeometry,
  d: BlockDynamics,
): Conv1DensityTerms | undefined {
  if (d.mode !== 'spatial' && d.mode !== 'spatial+channel') return undefined;
  const table = counts.conv1Terms[2 * block.stage + (block.index === 0 ? 0 : 1)]!;
  let terms = table.get(d.spatialGranularity);
  if (!terms) {
    terms = conv1DensityTerms(d.spatialGranularity, block);
    if (table.size >= TERMS_PER_SLOT) table.clear();
    table.set(d.spatialGranularity, terms);
  }
  return terms;
}

/**
 * Static and dynamic MACs of every block and of the network. When every block is static the dynamic count
 * is the static one (ratio 1); otherwise the head follows the dynamic model's convention. The rate-free
 * counts (block list, static MACs, stem, head, conv1 reader cells) are computed once per architecture
 * object; the blocks passed to `dynamicsOf` are then shared and frozen.
 */
export function networkFlops(arch: ArchitectureSpec, dynamicsOf: DynamicsOf): NetworkFlops {
  const counts = archCounts(arch);
  const stem = counts.stem;
  const blocks = counts.blocks.map((b, i) => {
    const d = dynamicsOf(b);
    return blockFlops(b, d, {
      staticMacs: counts.staticMacs[i]!,
      conv1Terms: conv1TermsOf(counts, b, d),
    });
  });
  const allStatic = blocks.every((b) => b.dynamics.mode === 'static');
  const staticHead = counts.staticHead;
  const head = allStatic ? staticHead : counts.head;
  let staticMacs = stem + staticHead;
  let dynamicMacs = stem + head;
  let conv1OverheadMacs = 0;
  for (const b of blocks) {
    staticMacs += b.staticMacs.total;
    dynamicMacs += b.dynamicMacs.total;
    conv1OverheadMacs += b.conv1OverheadMacs;
  }
  return {
    stemMacs: stem,
    headMacs: head,
    staticHeadMacs: staticHead,
    blocks,
    staticMacs,
    dynamicMacs,
    flopsRatio: dynamicMacs / staticMacs,
    torchvisionStaticMacs: counts.torchvision,
    conv1OverheadMacs,
  };
}

/** True when the stem's output side matches stage 1's input (a sanity check used by tests and tools). */
export function stemMatchesStages(arch: ArchitectureSpec): boolean {
  const first = arch.stages[0];
  return first !== undefined && stemOutputSize(arch) === first.outResolution * first.firstStride;
}
