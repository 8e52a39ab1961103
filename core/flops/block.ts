/**
 * Multiply-accumulates (MACs) of one bottleneck block, counted as the reference training code counts them
 * (flops-accounting spec §2): the dynamic count its model forward accumulates, and the static count of its
 * generic counter on the dense teacher (the denominator of `--target_rate`).
 *
 * The two counters differ on purpose-free details that still move the ratio (spec §4): the spatial masker
 * counts its pooling once per output cell and its bias as `c_in` per cell; the channel masker counts its
 * pooling once per input element; the RegNetY squeeze-and-excitation costs `2·m·q` (dense) in the dynamic
 * count but pool + FCs + sigmoid in the static one. A static stage (which the reference code cannot express)
 * is counted as the teacher's block, so an all-static network has ratio exactly 1.
 */
import type { BlockGeometry } from '../arch';
import {
  conv1DensityFromTerms,
  expectedConv1Density,
  type Conv1DensityTerms,
} from '../masks/geometry';

/** Dynamic mode of a stage (spatial+channel is the reference code's "both"). */
export type DynamicMode = 'static' | 'spatial' | 'channel' | 'layer' | 'spatial+channel';

/** What the FLOPs counter needs to know about a block's dynamic setting. */
export interface BlockDynamics {
  mode: DynamicMode;
  /** Spatial granularity S (patch side); ignored unless the mode is spatial. */
  spatialGranularity: number;
  /** Channel group size G; ignored unless the mode has a channel mask. */
  channelGroupSize: number;
  /** Spatial activation rate (spatial, spatial+channel), execution rate (layer) or channel rate (channel). */
  rate: number;
  /** Channel activation rate of a spatial+channel block (ignored otherwise). */
  channelRate: number;
}

/** MACs of a block's layers. */
export interface BlockMacs {
  conv1: number;
  conv2: number;
  conv3: number;
  /** Squeeze-and-excitation (0 without SE): `2·m·q` dynamic; pool + FCs + sigmoid static. */
  se: number;
  /** 1×1 projection shortcut (always dense; 0 for an identity shortcut). */
  projection: number;
  /** Spatial masker / layer gate / channel masker, pools included (0 for a static block). */
  masker: number;
  total: number;
}

/** Densities used for a block's dynamic FLOPs. */
export interface BlockDensities {
  /** Expected conv1 density (3×3 dilation of the conv2 mask at conv1's resolution). */
  conv1: number;
  conv2: number;
  conv3: number;
  /** Channel rate r_c (1 unless the mode has a channel mask). */
  channel: number;
}

/** Static and dynamic MACs of one block, with the conv1 overhead made explicit. */
export interface BlockFlops {
  key: string;
  stage: number;
  index: number;
  dynamics: BlockDynamics;
  densities: BlockDensities;
  /** The teacher block as the reference code's static counter sees it (no masker). */
  staticMacs: BlockMacs;
  /** The block as the reference model's forward counts it. */
  dynamicMacs: BlockMacs;
  /**
   * MACs conv1 costs beyond what it would cost at conv2's density: c_in·m·H·W·r_c·(r1 − r2). This is why a
   * spatial configuration at rate r has a FLOPs ratio above r.
   */
  conv1OverheadMacs: number;
  /** dynamic / static of this block. */
  ratio: number;
}

/** Cells of a block's decision grid: `⌈H'/S⌉·⌈W'/S⌉` in spatial modes, one in layer mode. */
export function decisionCells(block: BlockGeometry, d: BlockDynamics): number {
  if (d.mode === 'layer') return 1;
  const S = d.spatialGranularity;
  return Math.ceil(block.outSize / S) * Math.ceil((block.outWidth ?? block.outSize) / S);
}

function hasSpatialMask(mode: DynamicMode): boolean {
  return mode === 'spatial' || mode === 'layer' || mode === 'spatial+channel';
}

function hasChannelMask(mode: DynamicMode): boolean {
  return mode === 'channel' || mode === 'spatial+channel';
}

/** Hidden width of the channel masker MLP: max(⌊groups/16⌋, 16) (flops-accounting spec §2.5). */
export function channelMaskerHidden(groups: number): number {
  return Math.max(Math.floor(groups / 16), 16);
}

/**
 * MACs of the maskers a block carries in `d.mode`, as the reference code counts them (spec §2.4, §2.5):
 * spatial masker `4·c_in·n` (pool once per cell and channel, 1×1 conv weights `2·c_in` per cell, and its
 * bias term counted as `c_in` per cell); channel masker `c_in·H·W` (pool per input element) + the MLP's
 * weights `c_in·h + h·2·(m/G)`.
 */
export function maskerMacs(block: BlockGeometry, d: BlockDynamics): number {
  let macs = 0;
  if (hasSpatialMask(d.mode)) macs += 4 * block.inChannels * decisionCells(block, d);
  if (hasChannelMask(d.mode)) {
    const groups = Math.floor(block.midChannels / d.channelGroupSize);
    const hidden = channelMaskerHidden(groups);
    macs +=
      block.inChannels * block.inSize * (block.inWidth ?? block.inSize) +
      block.inChannels * hidden +
      hidden * 2 * groups;
  }
  return macs;
}

const STATIC_DENSITIES: BlockDensities = { conv1: 1, conv2: 1, conv3: 1, channel: 1 };

const clamp = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Densities of a block's conv masks under its dynamic setting (expectations, no image needed).
 * `conv1Terms`, when given, must be `conv1DensityTerms(d.spatialGranularity, block)`: conv1's density is
 * then computed from them (the same number, without recounting the block's reader cells).
 */
export function blockDensities(
  block: BlockGeometry,
  d: BlockDynamics,
  conv1Terms?: Conv1DensityTerms,
): BlockDensities {
  switch (d.mode) {
    case 'static':
      return STATIC_DENSITIES;
    case 'channel':
      return { conv1: 1, conv2: 1, conv3: 1, channel: clamp(d.rate) };
    case 'layer': {
      const r = clamp(d.rate);
      return { conv1: r, conv2: r, conv3: r, channel: 1 };
    }
    case 'spatial':
    case 'spatial+channel': {
      const r = clamp(d.rate);
      const conv1 = conv1Terms
        ? conv1DensityFromTerms(r, conv1Terms)
        : expectedConv1Density(r, d.spatialGranularity, block);
      const channel = d.mode === 'spatial' ? 1 : clamp(d.channelRate);
      return { conv1, conv2: r, conv3: r, channel };
    }
  }
}

/** conv2's MACs per output pixel: `9·m·m // g` (integer division, as the reference code). */
function conv2PerPixel(block: BlockGeometry): number {
  return Math.floor((9 * block.midChannels * block.midChannels) / block.groups);
}

function convMacs(block: BlockGeometry, dens: BlockDensities) {
  const inPixels = block.inSize * (block.inWidth ?? block.inSize);
  const outPixels = block.outSize * (block.outWidth ?? block.outSize);
  const m = block.midChannels;
  const rc = dens.channel;
  return {
    conv1: block.inChannels * m * inPixels * rc * dens.conv1,
    conv2: conv2PerPixel(block) * outPixels * rc * rc * dens.conv2,
    conv3: m * block.outChannels * outPixels * rc * dens.conv3,
    projection: block.projection ? block.inChannels * block.outChannels * outPixels : 0,
  };
}

/** The SE unit's two 1×1 convs (`m → q → m`, weights only): dense in the dynamic count, whatever the masks. */
export function seFcMacs(block: BlockGeometry): number {
  return block.se ? 2 * block.midChannels * block.squeezeChannels : 0;
}

/**
 * MACs of the teacher block as the reference code's static counter sees it: the three convs, the
 * projection, and (RegNetY) the SE pool per input element, its FCs and one sigmoid per channel.
 */
export function staticBlockMacs(block: BlockGeometry): BlockMacs {
  const c = convMacs(block, STATIC_DENSITIES);
  const m = block.midChannels;
  const se = block.se
    ? m * block.outSize * (block.outWidth ?? block.outSize) + seFcMacs(block) + m
    : 0;
  const total = c.conv1 + c.conv2 + c.conv3 + c.projection + se;
  return { ...c, se, masker: 0, total };
}

/**
 * MACs of the block in torchvision's convention (conv and linear weights only: no pooling, no bias, no
 * sigmoid), the figure behind published GFLOPs. Shown beside the reference count, never used for ratios.
 */
export function torchvisionBlockMacs(block: BlockGeometry): number {
  const c = convMacs(block, STATIC_DENSITIES);
  return c.conv1 + c.conv2 + c.conv3 + c.projection + seFcMacs(block);
}

/** MACs of the block as the reference model's forward counts them under dynamic setting `d`. */
function dynamicBlockMacs(block: BlockGeometry, d: BlockDynamics, dens: BlockDensities): BlockMacs {
  if (d.mode === 'static') return staticBlockMacs(block);
  const c = convMacs(block, dens);
  const se = seFcMacs(block); // dense, whatever the masks
  const masker = maskerMacs(block, d);
  // Field by field, not a spread of `c` (this runs for every block at every rate).
  return {
    conv1: c.conv1,
    conv2: c.conv2,
    conv3: c.conv3,
    projection: c.projection,
    se,
    masker,
    total: c.conv1 + c.conv2 + c.conv3 + c.projection + se + masker,
  };
}

/** What a caller evaluating many settings of one block already has (see `networkFlops`). */
export interface BlockFlopsParts {
  /** `staticBlockMacs(block)`, shared read-only by every result (frozen). */
  staticMacs: Readonly<BlockMacs>;
  /** `conv1DensityTerms(d.spatialGranularity, block)` in the spatial modes. */
  conv1Terms?: Conv1DensityTerms;
}

/**
 * Static and dynamic MACs of a block under dynamic setting `d`. `parts` only saves work: the results are
 * the same numbers (its static MACs object is then shared by the results, read-only).
 */
export function blockFlops(
  block: BlockGeometry,
  d: BlockDynamics,
  parts?: BlockFlopsParts,
): BlockFlops {
  const densities = blockDensities(block, d, parts?.conv1Terms);
  const staticMacs = parts ? parts.staticMacs : staticBlockMacs(block);
  const dynamicMacs = dynamicBlockMacs(block, d, densities);
  const conv1OverheadMacs =
    block.inChannels *
    block.midChannels *
    block.inSize *
    (block.inWidth ?? block.inSize) *
    densities.channel *
    (densities.conv1 - densities.conv2);
  return {
    key: block.key,
    stage: block.stage,
    index: block.index,
    dynamics: d,
    densities,
    staticMacs,
    dynamicMacs,
    conv1OverheadMacs,
    ratio: dynamicMacs.total / staticMacs.total,
  };
}
