/**
 * Which masks the views show and which block is selected. Pure functions of the store state, shared by
 * the 2D views and the 3D view so that both always agree.
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import type { StudioState } from '../../store';
import type { MaskResult, ProxyMasks } from '../../store/masksSlice';

/** Id of the configuration's model (built-in id or the custom architecture's id). */
export function configModelId(config: StudioConfig): string {
  return config.model.kind === 'builtin' ? config.model.id : config.model.architecture.id;
}

/**
 * True while a real dump is the mask source: one is open and the configuration still describes its
 * model (switching to another model falls back to the proxy, whose masks fit the new model).
 */
export function dumpIsSource(state: Pick<StudioState, 'maskDump' | 'config'>): boolean {
  return state.maskDump !== null && state.maskDump.archId === configModelId(state.config);
}

export type ShownMasks =
  | { source: 'dump'; result: MaskResult; stale: false }
  | { source: 'proxy'; result: ProxyMasks; stale: boolean };

/** The masks to draw now, or null before the first ones are computed for the current image. */
export function shownMasks(
  state: Pick<StudioState, 'maskDump' | 'config' | 'proxyMasks' | 'maskImage'>,
): ShownMasks | null {
  if (state.maskDump && dumpIsSource(state))
    return { source: 'dump', result: state.maskDump, stale: false };
  const proxy = state.proxyMasks;
  if (!proxy || !state.maskImage || proxy.imageId !== state.maskImage.id) return null;
  // Masks of a configuration with another model would not line up with the blocks: wait for new ones.
  if (configModelId(proxy.config) !== configModelId(state.config)) return null;
  return { source: 'proxy', result: proxy, stale: proxy.config !== state.config };
}

/**
 * The block the detail views show: the selected block when it belongs to the selected stage, else the
 * first block of that stage (changing a stage's controls selects the stage, and its masks should show).
 */
export function shownBlock(
  blocks: readonly BlockMaskSet[],
  selectedStage: number,
  selectedBlock: string | null,
): BlockMaskSet | null {
  const chosen = selectedBlock === null ? undefined : blocks.find((b) => b.key === selectedBlock);
  if (chosen && chosen.stage === selectedStage) return chosen;
  return blocks.find((b) => b.stage === selectedStage) ?? blocks[0] ?? null;
}

/** The headline rate of a block: spatial (or gate) rate, else channel rate; null for a static block. */
export function headlineRate(block: BlockMaskSet): number | null {
  return block.rates.spatial ?? block.rates.channel;
}

/** Percent with one decimal, as the mask views print rates ("50.0%"). */
export function formatMaskRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** Kept and total decision cells of a block's grid (all groups), or null without a spatial grid. */
export function cellCounts(
  block: BlockMaskSet,
): { kept: number; total: number; rows: number; cols: number } | null {
  const grid = block.grid;
  if (!grid) return null;
  // Proxy masks carry their counts (one group: the ones of the grid).
  const counted = (block as { keptCells?: unknown }).keptCells;
  if (typeof counted === 'number' && grid.groups === 1)
    return { kept: counted, total: grid.data.length, rows: grid.height, cols: grid.width };
  let kept = 0;
  for (let i = 0; i < grid.data.length; i++) kept += grid.data[i] === 0 ? 0 : 1;
  return { kept, total: grid.data.length, rows: grid.height, cols: grid.width };
}

/** Kept and total channel groups, or null without a channel mask. */
export function groupCounts(block: BlockMaskSet): { kept: number; total: number } | null {
  const channel = block.channel;
  if (!channel) return null;
  const counted = (block as { keptGroups?: unknown }).keptGroups;
  if (typeof counted === 'number') return { kept: counted, total: channel.length };
  let kept = 0;
  for (let i = 0; i < channel.length; i++) kept += channel[i] === 0 ? 0 : 1;
  return { kept, total: channel.length };
}

/** True when a block does no work at all for this image (layer gate off, or every channel group off). */
export function blockSkipped(block: BlockMaskSet): boolean {
  if (block.mode === 'layer') return block.grid !== null && block.grid.data.every((v) => v === 0);
  const groups = groupCounts(block);
  if (groups && groups.kept === 0) return true;
  const cells = cellCounts(block);
  return cells !== null && cells.kept === 0;
}
