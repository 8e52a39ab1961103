/**
 * Proxy masks from image saliency (issue 6, mask source 1): what a LAUDNet *might* skip on this image at
 * the configured rates, without any network. Spatial decisions keep the most salient cells of each
 * block's decision grid, exactly as many as the predictor's rounding says; layer gates and channel
 * groups come from a seeded generator. Always label the result with {@link PROXY_LABEL}.
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { listBlocks } from '../arch';
import type { BlockMaskSet, MaskPlane, StageMode } from '../maskfile/types';
import { hasChannelMask, hasSpatialMask } from '../maskfile/types';
import type { SaliencyMap } from '../saliency/spectralResidual';
import { blockMasks, keptCellCount, maskDensity } from './geometry';
import { rankedGrid } from './proxyRank';
import { seededPermutation, seededUniform } from './proxyRandom';

/** The label every view must show next to proxy masks. */
export const PROXY_LABEL = 'proxy from image saliency — not a trained LAUDNet';

export interface ProxyConfig {
  arch: ArchitectureSpec;
  /** Per stage. */
  modes: readonly StageMode[];
  /** Per stage patch side S (ignored in layer mode). */
  spatialGranularity: readonly number[];
  /** Per stage channel group size G. */
  channelGroupSize: readonly number[];
  /** Activation rate per block key (spatial rate, gate probability, or channel rate). */
  blockRates: Readonly<Record<string, number>>;
  /** Channel rates of spatial+channel blocks; default their `blockRates` entry. */
  blockChannelRates?: Readonly<Record<string, number>>;
  /** Rate of blocks missing from `blockRates` (default 0.5). */
  defaultRate?: number;
  /** Seed of layer gates and channel groups (default 0). */
  seed?: number;
}

/** A block's proxy masks plus the counts the UI shows ("98 of 196 cells kept"). */
export interface ProxyBlockMasks extends BlockMaskSet {
  keptCells: number | null;
  totalCells: number | null;
  keptGroups: number | null;
  totalGroups: number | null;
  /** Mean saliency of each decision cell (the heatmap's raw values). */
  gridSaliency: Float32Array | null;
}

const clampRate = (r: number) => (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0);

/**
 * Kept channel groups for rate r: ⌈r·groups⌉, with a 1e-9 allowance so that float noise in r·groups
 * (0.7·10 = 7.000000000000001) does not keep an extra group.
 */
export function keptGroupCount(rate: number, groups: number): number {
  return Math.min(groups, Math.max(0, Math.ceil(clampRate(rate) * groups - 1e-9)));
}

function plane(data: Uint8Array, height: number, width: number): MaskPlane {
  return { groups: 1, height, width, data };
}

function spatialPart(
  block: BlockGeometry,
  mode: StageMode,
  S: number,
  rate: number,
  saliency: SaliencyMap,
  seed: number,
) {
  if (mode === 'layer') {
    // Layer skipping: one gate per image. A block-specific uniform draw u keeps it iff u < rate, so
    // raising the rate only ever switches gates on, and the fraction of open gates tracks the rate.
    const u = seededUniform(seed, `${block.key}/gate`);
    const on = u < rate ? 1 : 0;
    const masks = blockMasks(
      { data: Uint8Array.of(on), height: 1, width: 1 },
      block.outSize,
      block,
    );
    return {
      granularity: block.outSize,
      grid: plane(Uint8Array.of(on), 1, 1),
      score: Float32Array.of(rate - u),
      saliency: null,
      kept: on,
      total: 1,
      conv2: masks.conv2.data,
      conv1: masks.conv1.data,
    };
  }
  if (!(S >= 1) || block.outSize % S !== 0) {
    throw new RangeError(
      `granularity ${S} does not divide the ${block.outSize}×${block.outSize} map of ${block.key}`,
    );
  }
  const side = block.outSize / S;
  const ranked = rankedGrid(saliency, side);
  const total = side * side;
  const kept = Math.min(total, keptCellCount(rate, block.outSize, block.outSize, S));
  const grid = new Uint8Array(total);
  for (let k = 0; k < kept; k++) grid[ranked.order[k] as number] = 1;
  // Margin to the decision threshold (midway between the last kept and the first skipped cell), so the
  // score has the sign convention of a real keep − skip logit.
  const last = kept > 0 ? (ranked.scores[ranked.order[kept - 1] as number] as number) : Infinity;
  const next = kept < total ? (ranked.scores[ranked.order[kept] as number] as number) : -Infinity;
  const threshold = kept === 0 ? next + 1e-6 : kept === total ? last - 1e-6 : (last + next) / 2;
  const score = new Float32Array(total);
  for (let i = 0; i < total; i++) score[i] = (ranked.scores[i] as number) - threshold;
  const masks = blockMasks({ data: grid, height: side, width: side }, S, block);
  return {
    granularity: S,
    grid: plane(grid, side, side),
    score,
    saliency: ranked.scores,
    kept,
    total,
    conv2: masks.conv2.data,
    conv1: masks.conv1.data,
  };
}

function channelPart(block: BlockGeometry, G: number, rate: number, seed: number) {
  if (!(G >= 1) || block.midChannels % G !== 0) {
    throw new RangeError(
      `channel group size ${G} does not divide the width ${block.midChannels} of ${block.key}`,
    );
  }
  const groups = block.midChannels / G;
  const kept = keptGroupCount(rate, groups);
  const priority = seededPermutation(seed, `${block.key}/channel`, groups);
  const mask = new Uint8Array(groups);
  for (let k = 0; k < kept; k++) mask[priority[k] as number] = 1;
  return { mask, kept, groups };
}

/**
 * A block's masks with nothing computed yet (every mask, rate and count null): the start of
 * `proxyBlockMasks` and of the page's incremental masker.
 */
export function emptyProxyBlock(
  block: Pick<BlockGeometry, 'key' | 'stage' | 'index' | 'globalIndex'>,
  mode: StageMode,
): ProxyBlockMasks {
  return {
    key: block.key,
    stage: block.stage,
    index: block.index,
    globalIndex: block.globalIndex,
    mode,
    granularity: null,
    channelGroupSize: null,
    grid: null,
    gridScore: null,
    conv2: null,
    conv1: null,
    channel: null,
    rates: { spatial: null, conv2: null, conv1: null, channel: null },
    keptCells: null,
    totalCells: null,
    keptGroups: null,
    totalGroups: null,
    gridSaliency: null,
  };
}

/** Proxy masks of one block. */
export function proxyBlockMasks(
  block: BlockGeometry,
  saliency: SaliencyMap,
  config: ProxyConfig,
): ProxyBlockMasks {
  const mode = config.modes[block.stage] ?? 'static';
  const seed = config.seed ?? 0;
  const rate = clampRate(config.blockRates[block.key] ?? config.defaultRate ?? 0.5);
  const result = emptyProxyBlock(block, mode);
  if (hasSpatialMask(mode)) {
    const S = config.spatialGranularity[block.stage] ?? 1;
    const s = spatialPart(block, mode, S, rate, saliency, seed);
    result.granularity = s.granularity;
    result.grid = s.grid;
    result.gridScore = { groups: 1, height: s.grid.height, width: s.grid.width, data: s.score };
    result.gridSaliency = s.saliency;
    result.conv2 = plane(s.conv2, block.outSize, block.outSize);
    result.conv1 = plane(s.conv1, block.inSize, block.inSize);
    result.keptCells = s.kept;
    result.totalCells = s.total;
    result.rates.spatial = s.kept / s.total;
    result.rates.conv2 = maskDensity(s.conv2);
    result.rates.conv1 = maskDensity(s.conv1);
  }
  if (hasChannelMask(mode)) {
    const G = config.channelGroupSize[block.stage] ?? 1;
    const channelRate =
      mode === 'spatial+channel' ? clampRate(config.blockChannelRates?.[block.key] ?? rate) : rate;
    const c = channelPart(block, G, channelRate, seed);
    result.channelGroupSize = G;
    result.channel = c.mask;
    result.keptGroups = c.kept;
    result.totalGroups = c.groups;
    result.rates.channel = c.kept / c.groups;
  }
  return result;
}

/**
 * Proxy masks of every block for one configuration. The saliency map's pooled grids and rankings are
 * cached per map object, so calling this again with new rates (slider drags) only redoes the top-k and
 * the mask expansion. Throws RangeError for a granularity that does not fit the architecture.
 */
export function computeProxyMasks(saliency: SaliencyMap, config: ProxyConfig): ProxyBlockMasks[] {
  return listBlocks(config.arch).map((block) => proxyBlockMasks(block, saliency, config));
}
