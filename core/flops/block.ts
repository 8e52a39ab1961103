/**
 * Multiply-accumulates (MACs) of one bottleneck block, static and dynamic (formulation spec §4).
 *
 * Convention: convolutions and fully connected layers count one MAC per weight use; an average pool counts
 * one accumulate per input element; element-wise work (BN, ReLU, residual add, SE scaling) and max-pooling
 * are free. This is the convention of torchvision's published GFLOPS figures (which are MACs) up to the
 * pools, which weigh well under 1 %.
 */
import type { BlockGeometry } from '../arch';
import { expectedConv1Density } from '../masks/geometry';

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
  /** Squeeze-and-excitation: pool + two FCs (0 without SE). */
  se: number;
  /** 1×1 projection shortcut (always dense; 0 for an identity shortcut). */
  projection: number;
  /** Spatial masker / layer gate / channel masker (0 for a static block). */
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
  staticMacs: BlockMacs;
  dynamicMacs: BlockMacs;
  /**
   * MACs conv1 costs beyond what it would cost at conv2's density: c_in·m·H·W·r_c·(r1 − r2). This is why a
   * spatial configuration at rate r has a FLOPs ratio above r.
   */
  conv1OverheadMacs: number;
  /** dynamic / static of this block. */
  ratio: number;
}

/** Decision grid side of a block in a spatial mode (layer mode is one cell). */
function gridSide(block: BlockGeometry, d: BlockDynamics): number {
  return d.mode === 'layer' ? 1 : Math.ceil(block.outSize / d.spatialGranularity);
}

function hasSpatialMask(mode: DynamicMode): boolean {
  return mode === 'spatial' || mode === 'layer' || mode === 'spatial+channel';
}

function hasChannelMask(mode: DynamicMode): boolean {
  return mode === 'channel' || mode === 'spatial+channel';
}

/** Hidden width of the channel masker MLP: max(⌊groups/16⌋, 16) (formulation spec §3). */
export function channelMaskerHidden(groups: number): number {
  return Math.max(Math.floor(groups / 16), 16);
}

/** MACs of the maskers a block carries in `d.mode` (pools included). */
export function maskerMacs(block: BlockGeometry, d: BlockDynamics): number {
  const inPixels = block.inSize * block.inSize;
  let macs = 0;
  if (hasSpatialMask(d.mode)) {
    const side = gridSide(block, d);
    macs += block.inChannels * inPixels + block.inChannels * 2 * side * side;
  }
  if (hasChannelMask(d.mode)) {
    const groups = Math.floor(block.midChannels / d.channelGroupSize);
    const hidden = channelMaskerHidden(groups);
    macs += block.inChannels * inPixels + block.inChannels * hidden + hidden * 2 * groups;
  }
  return macs;
}

/** Densities of a block's conv masks under its dynamic setting (expectations, no image needed). */
export function blockDensities(block: BlockGeometry, d: BlockDynamics): BlockDensities {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  switch (d.mode) {
    case 'static':
      return { conv1: 1, conv2: 1, conv3: 1, channel: 1 };
    case 'channel':
      return { conv1: 1, conv2: 1, conv3: 1, channel: clamp(d.rate) };
    case 'layer': {
      const r = clamp(d.rate);
      return { conv1: r, conv2: r, conv3: r, channel: 1 };
    }
    case 'spatial':
    case 'spatial+channel': {
      const r = clamp(d.rate);
      const conv1 = expectedConv1Density(r, d.spatialGranularity, block);
      const channel = d.mode === 'spatial' ? 1 : clamp(d.channelRate);
      return { conv1, conv2: r, conv3: r, channel };
    }
  }
}

function layerMacs(block: BlockGeometry, dens: BlockDensities, masker: number): BlockMacs {
  const inPixels = block.inSize * block.inSize;
  const outPixels = block.outSize * block.outSize;
  const m = block.midChannels;
  const rc = dens.channel;
  const conv1 = block.inChannels * m * inPixels * rc * dens.conv1;
  const conv2 = ((9 * m * m) / block.groups) * outPixels * rc * rc * dens.conv2;
  const conv3 = m * block.outChannels * outPixels * rc * dens.conv3;
  // SE: the pool reads the kept positions of the kept channels; the FCs see the kept channels.
  const se = block.se ? m * outPixels * rc * dens.conv2 + 2 * m * block.squeezeChannels * rc : 0;
  const projection = block.projection ? block.inChannels * block.outChannels * outPixels : 0;
  const total = conv1 + conv2 + conv3 + se + projection + masker;
  return { conv1, conv2, conv3, se, projection, masker, total };
}

const STATIC_DENSITIES: BlockDensities = { conv1: 1, conv2: 1, conv3: 1, channel: 1 };

/** MACs of the static block (no masker). */
export function staticBlockMacs(block: BlockGeometry): BlockMacs {
  return layerMacs(block, STATIC_DENSITIES, 0);
}

/** Static and dynamic MACs of a block under dynamic setting `d`. */
export function blockFlops(block: BlockGeometry, d: BlockDynamics): BlockFlops {
  const densities = blockDensities(block, d);
  const staticMacs = staticBlockMacs(block);
  const dynamicMacs = layerMacs(block, densities, d.mode === 'static' ? 0 : maskerMacs(block, d));
  const conv1OverheadMacs =
    block.inChannels *
    block.midChannels *
    block.inSize *
    block.inSize *
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
