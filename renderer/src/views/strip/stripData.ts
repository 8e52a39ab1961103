/**
 * The network strip's model: every block in order with its dynamic setting, and the small pictures that
 * stand for it (a mask grid for spatial blocks, kept channel groups for channel blocks). Derived from the
 * configuration alone, so the strip draws before the first prediction arrives.
 */
import { listBlocks, type ArchitectureSpec, type BlockGeometry } from '../../../../core/arch';
import { blockDynamicsOf } from '../../../../core/config/resolve';
import type { StudioConfig } from '../../../../core/config/schema';
import type { BlockDynamics } from '../../../../core/flops/block';
import type { NetworkPrediction } from '../../../../core/predictor';
import { formatMs } from '../../format';
import { describeDynamics } from './describe';

/** Most cells a strip picture draws per side (grid) or in a row (channel groups); more would be noise. */
export const MAX_GRID_SIDE = 4;
export const MAX_GROUP_CELLS = 8;

export interface StripBlock {
  key: string;
  stage: number;
  index: number;
  dynamics: BlockDynamics;
  /** Channel groups of the block: ⌊m / G⌋. */
  channelGroups: number;
  /** Side of the spatial decision grid: ⌈outSize / S⌉. */
  gridSide: number;
}

export interface StripStage {
  stage: number;
  resolution: number;
  /** Map width when it is not square (inputs such as 800×1333). */
  width?: number;
  blocks: StripBlock[];
}

const blocksOf = new WeakMap<ArchitectureSpec, BlockGeometry[]>();

/** The architecture's blocks, listed once per architecture object (a rate change keeps the object). */
function blockList(arch: ArchitectureSpec): BlockGeometry[] {
  let blocks = blocksOf.get(arch);
  if (!blocks) {
    blocks = listBlocks(arch);
    blocksOf.set(arch, blocks);
  }
  return blocks;
}

/** Blocks grouped by stage (from the configuration only: the strip redraws once per edit, not per result). */
export function stripData(config: StudioConfig, arch: ArchitectureSpec): StripStage[] {
  const dynamicsOf = blockDynamicsOf(config, arch);
  const stages: StripStage[] = arch.stages.map((s, i) => ({
    stage: i,
    resolution: s.outResolution,
    ...(s.outWidth !== undefined ? { width: s.outWidth } : {}),
    blocks: [],
  }));
  for (const geo of blockList(arch)) {
    const d = dynamicsOf(geo);
    stages[geo.stage]?.blocks.push({
      key: geo.key,
      stage: geo.stage,
      index: geo.index,
      dynamics: d,
      channelGroups: Math.max(1, Math.floor(geo.midChannels / Math.max(1, d.channelGroupSize))),
      gridSide: Math.max(1, Math.ceil(geo.outSize / Math.max(1, d.spatialGranularity))),
    });
  }
  return stages;
}

/** Side (≤ MAX_GRID_SIDE) of a spatial block's picture and how many of its cells are kept. */
export function maskCount(block: StripBlock): { side: number; keptCount: number } {
  const side = Math.min(block.gridSide, MAX_GRID_SIDE);
  const n = side * side;
  return { side, keptCount: Math.min(n, Math.round(block.dynamics.rate * n)) };
}

/** Which of the `side`² cells of block `key`'s picture are kept, `keptCount` of them. */
export function keptCells(key: string, side: number, keptCount: number): boolean[] {
  const n = side * side;
  // A fixed pseudo-random order per block, so the picture looks like a mask and does not flicker.
  let seed = 0;
  for (const ch of key) seed = (seed * 131 + ch.charCodeAt(0)) >>> 0;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      (((a * 2654435761 + seed) >>> 0) % 1009) - (((b * 2654435761 + seed) >>> 0) % 1009) || a - b,
  );
  const kept = new Array<boolean>(n).fill(false);
  for (const i of order.slice(0, keptCount)) kept[i] = true;
  return kept;
}

/** Cells the strip draws for a spatial block: side (≤ MAX_GRID_SIDE) and which ones are kept. */
export function maskCells(block: StripBlock): { side: number; kept: boolean[] } {
  const { side, keptCount } = maskCount(block);
  return { side, kept: keptCells(block.key, side, keptCount) };
}

/** Channel-group cells: how many to draw and the kept fraction to fill (cells stand for ≥ 1 group each). */
export function groupCells(block: StripBlock): { cells: number; keptFraction: number } {
  const rate =
    block.dynamics.mode === 'spatial+channel' ? block.dynamics.channelRate : block.dynamics.rate;
  const keptGroups = Math.round(rate * block.channelGroups);
  return {
    cells: Math.min(block.channelGroups, MAX_GROUP_CELLS),
    keptFraction: block.channelGroups > 0 ? keptGroups / block.channelGroups : 0,
  };
}

/**
 * What a strip button itself shows for a block (its mode and fill), without the rate: its pictures and
 * rate text are on the strip's canvas, its accessible name is kept by the strip.
 */
export function blockShape(block: StripBlock): string {
  return [block.key, block.stage, block.dynamics.mode, blockOpacity(block.dynamics)].join('|');
}

/** Opacity of a block's fill: layer-skipped blocks fade with their execution rate, others are solid. */
export function blockOpacity(d: BlockDynamics): number {
  return d.mode === 'layer' ? 0.15 + 0.85 * Math.min(1, Math.max(0, d.rate)) : 1;
}

/** "Stage 3 · 14×14 · spatial S=2" (the stage's shared setting; rates may differ per block). */
export function stageCaption(stage: StripStage): string {
  const first = stage.blocks[0]?.dynamics;
  // Short enough for a 3-block stage at 1280 px; the full wording is in each block's label and title.
  const res =
    stage.width === undefined ? `${stage.resolution}²` : `${stage.resolution}×${stage.width}`;
  if (!first) return `Stage ${stage.stage + 1} · ${res}`;
  const setting =
    first.mode === 'spatial'
      ? `S=${first.spatialGranularity}`
      : first.mode === 'channel'
        ? `G=${first.channelGroupSize}`
        : first.mode === 'spatial+channel'
          ? `S=${first.spatialGranularity}+G=${first.channelGroupSize}`
          : first.mode === 'layer'
            ? 'layer'
            : 'static';
  return `Stage ${stage.stage + 1} · ${res} · ${setting}`;
}

/** Hover text of a block: its setting, and its predicted times when `prediction` covers it. */
export function blockTitle(block: StripBlock, prediction: NetworkPrediction | null): string {
  const head = `${block.key}: ${describeDynamics(block.dynamics)}`;
  const p = prediction?.blocks.find((b) => b.key === block.key);
  if (!prediction || !p) return head;
  const perImage = (s: number) => formatMs((s * 1000) / prediction.batchSize);
  return `${head}\n${perImage(p.latencyS)} per image (static ${perImage(p.staticLatencyS)})`;
}
