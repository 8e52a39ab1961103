/**
 * Network MACs: stem + Σ blocks + head (formulation spec §4), static and dynamic, and the dynamic/static
 * FLOPs ratio that the reference training code calls `--target_rate`.
 */
import { listBlocks, stemOutputSize } from '../arch';
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { blockFlops } from './block';
import type { BlockDynamics, BlockFlops } from './block';

/** Image channels entering the stem (RGB). */
export const IMAGE_CHANNELS = 3;

/** MACs of the stem convolution ("same" padding, so the output side is input ÷ stride); max-pool is free. */
export function stemMacs(arch: ArchitectureSpec): number {
  const side = arch.inputSize / arch.stem.stride;
  return IMAGE_CHANNELS * arch.stem.outChannels * arch.stem.kernel * arch.stem.kernel * side * side;
}

/** MACs of the head: global average pool over the last map, then the fully connected classifier. */
export function headMacs(arch: ArchitectureSpec): number {
  const last = arch.stages[arch.stages.length - 1];
  if (!last) return 0;
  const pool = last.outChannels * last.outResolution * last.outResolution;
  return pool + last.outChannels * arch.numClasses;
}

/** MACs of a whole network for one dynamic setting. */
export interface NetworkFlops {
  stemMacs: number;
  headMacs: number;
  blocks: BlockFlops[];
  staticMacs: number;
  dynamicMacs: number;
  /** dynamic / static, maskers, stem and head included (the reference code's `--target_rate`). */
  flopsRatio: number;
  /** Σ of the blocks' conv1 overhead (conv1 density above conv2 density). */
  conv1OverheadMacs: number;
}

/** The block setting used by `networkFlops`: a function of the block, so callers need no nested arrays. */
export type DynamicsOf = (block: BlockGeometry) => BlockDynamics;

/** Static network MACs (no maskers). */
export function staticNetworkMacs(arch: ArchitectureSpec): number {
  const stat: BlockDynamics = {
    mode: 'static',
    spatialGranularity: 1,
    channelGroupSize: 1,
    rate: 1,
    channelRate: 1,
  };
  return networkFlops(arch, () => stat).staticMacs;
}

/** Static and dynamic MACs of every block and of the network. */
export function networkFlops(arch: ArchitectureSpec, dynamicsOf: DynamicsOf): NetworkFlops {
  const stem = stemMacs(arch);
  const head = headMacs(arch);
  const blocks = listBlocks(arch).map((b) => blockFlops(b, dynamicsOf(b)));
  let staticMacs = stem + head;
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
    blocks,
    staticMacs,
    dynamicMacs,
    flopsRatio: dynamicMacs / staticMacs,
    conv1OverheadMacs,
  };
}

/** True when the stem's output side matches stage 1's input (a sanity check used by tests and tools). */
export function stemMatchesStages(arch: ArchitectureSpec): boolean {
  const first = arch.stages[0];
  return first !== undefined && stemOutputSize(arch) === first.outResolution * first.firstStride;
}
