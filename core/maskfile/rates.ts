/**
 * Per-block rates of a mask set in the shape scripts read (`laudnet masks summary --json`) and the views
 * show: one function, so the CLI and the app cannot disagree.
 */
import type { BlockMaskSet } from './types';

/** Rates of one block; null where the block has no such mask. */
export interface BlockRateRow {
  /** `stage{s}/{b}`. */
  key: string;
  /**
   * Kept decision cells / cells of the spatial grid (all groups); in layer mode the gate itself, as the
   * manifest's `spatial_rate` records it.
   */
  spatialRate: number | null;
  /** Density of conv1's mask (dilated, at the block's input resolution). */
  conv1Rate: number | null;
  /** Density of conv2's (= conv3's) mask at the block's output resolution. */
  conv2Rate: number | null;
  /** Kept channel groups / groups. */
  channelRate: number | null;
  /** Layer mode only: 1 when the block executes, 0 when it is skipped. */
  gate: 0 | 1 | null;
}

/** The rates of one block, from its masks (the reader computes them from the arrays). */
export function blockRateRow(block: BlockMaskSet): BlockRateRow {
  const { spatial, conv1, conv2, channel } = block.rates;
  const gate = block.mode === 'layer' && spatial !== null ? (spatial >= 0.5 ? 1 : 0) : null;
  return {
    key: block.key,
    spatialRate: spatial,
    conv1Rate: conv1,
    conv2Rate: conv2,
    channelRate: channel,
    gate,
  };
}

/**
 * Per-block rates of a dump (or any mask set), in network order: spatial rate, conv1 and conv2
 * densities, channel rate and the layer gate, each null where it does not apply.
 */
export function dumpBlockRates(masks: { blocks: readonly BlockMaskSet[] }): BlockRateRow[] {
  return masks.blocks.map(blockRateRow);
}
