/**
 * FLOPs ratio of each image from its own measured mask densities (formulation spec §4): conv1 at its
 * measured (dilated) density, conv2/conv3 at the measured conv2 density, channel masks at the measured
 * channel rate, maskers included. The MAC counts per layer come from core/flops (dense block MACs and
 * masker MACs), so an image whose densities equal the model's expectations gets exactly `networkFlops`.
 */
import { listBlocks } from '../arch';
import {
  headMacs,
  maskerMacs,
  seFcMacs,
  staticBlockMacs,
  staticHeadMacs,
  staticNetworkMacs,
  stemMacs,
} from '../flops';
import type { BlockDynamics } from '../flops';
import type { MaskSetSummary } from './types';

/** MACs of one block as a function of its densities: the coefficient of each density product. */
export interface BlockMacCoefficients {
  /** × r_c · d_conv1 */
  conv1: number;
  /** × r_c² · d_conv2 (grouped 3×3: kept input and output channels) */
  conv2: number;
  /** × r_c · d_conv2 (conv3 reads the conv2 mask's positions) */
  conv3: number;
  /** Always paid: projection shortcut, the SE unit's FCs (dense in the dynamic count) and maskers; the whole block when static. */
  fixed: number;
}

/**
 * Per block of a summary, the MAC coefficients (index = block column), in the reference training code's
 * accounting (core/flops: the same count as the header's FLOPs ratio and `--target_rate`).
 */
export function blockMacCoefficients(summary: MaskSetSummary): BlockMacCoefficients[] {
  return listBlocks(summary.arch).map((geo, i) => {
    const block = summary.blocks[i]!;
    const dense = staticBlockMacs(geo);
    if (block.mode === 'static') return { conv1: 0, conv2: 0, conv3: 0, fixed: dense.total };
    const dynamics: BlockDynamics = {
      mode: block.mode,
      spatialGranularity: block.granularity ?? 1,
      channelGroupSize: block.channelGroupSize ?? 1,
      rate: 1,
      channelRate: 1,
    };
    return {
      conv1: dense.conv1,
      conv2: dense.conv2,
      conv3: dense.conv3,
      fixed: dense.projection + seFcMacs(geo) + maskerMacs(geo, dynamics),
    };
  });
}

/** Static MACs of the summary's network as the reference code's static counter gives them. */
export function staticSetMacs(summary: MaskSetSummary): number {
  return staticNetworkMacs(summary.arch);
}

/**
 * Per image the FLOPs ratio (dynamic MACs / static MACs, maskers, stem and head included, as the reference
 * training code counts them) from its own masks. NaN for an image missing a rate its blocks need.
 */
export function imageFlopsRatios(summary: MaskSetSummary): Float64Array {
  const N = summary.images;
  const B = summary.blocks.length;
  const coef = blockMacCoefficients(summary);
  const staticMacs = staticSetMacs(summary);
  const allStatic = summary.blocks.every((b) => b.mode === 'static');
  const base =
    stemMacs(summary.arch) + (allStatic ? staticHeadMacs(summary.arch) : headMacs(summary.arch));
  const { spatial, conv1, conv2, channel } = summary.rates;
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let macs = base;
    for (let b = 0; b < B; b++) {
      const k = i * B + b;
      const c = coef[b]!;
      const mode = summary.blocks[b]!.mode;
      let d1 = 1;
      let d2 = 1;
      let rc = 1;
      if (mode === 'layer') {
        d1 = spatial[k]!;
        d2 = d1;
      } else if (mode === 'spatial' || mode === 'spatial+channel') {
        d1 = conv1[k]!;
        d2 = conv2[k]!;
      }
      if (mode === 'channel' || mode === 'spatial+channel') rc = channel[k]!;
      macs += c.conv1 * rc * d1 + c.conv2 * rc * rc * d2 + c.conv3 * rc * d2 + c.fixed;
    }
    out[i] = macs / staticMacs;
  }
  return out;
}

/** Image indices ordered by a per-image cost, cheapest first (NaN last; ties keep image order). */
export function rankImages(cost: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(cost.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const key = (i: number) => {
    const v = cost[i]!;
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  return order.sort((a, b) => key(a) - key(b) || a - b);
}
