/**
 * "What if this block kept a bit more?" without re-running the model: a threshold offset on each
 * block's soft scores (keep − skip logits), decision = score ≥ offset. A negative offset keeps more, a
 * positive one less; 0 is the model's own decision (score ≥ 0 ⇔ keep ≥ skip). The decision grid, the conv2
 * and conv1 masks derived from it (spec §2) and the kept fractions are recomputed; channel masks have no
 * soft score in a dump or a live model, so they stay as the model decided. Works on any mask dump with
 * scores: live results and `.laudmask.npz` files alike.
 */
import { z } from 'zod';
import type { ArchitectureSpec } from '../arch';
import { listBlocks } from '../arch';
import { deriveConvMasks } from '../maskfile/derive';
import type { DumpBlock, MaskDump, MaskPlane } from '../maskfile/types';

/** A global offset added to every block's own offset. */
export interface ThresholdOffsets {
  global: number;
  /** Per block key (`stage1/0`); absent keys are 0. */
  perBlock: Readonly<Record<string, number>>;
}

/** No offsets: the model's own decisions. */
export const NO_OFFSETS: ThresholdOffsets = { global: 0, perBlock: {} };

/** Offsets as stored with a configuration (JSON). */
export const thresholdOffsetsSchema = z.object({
  global: z.number().finite().min(-1000).max(1000).default(0),
  perBlock: z.record(z.string().max(64), z.number().finite().min(-1000).max(1000)).default({}),
});

/** The offset that applies to a block: global + its own. */
export function blockOffset(offsets: ThresholdOffsets, key: string): number {
  return offsets.global + (offsets.perBlock[key] ?? 0);
}

/** True when no block's threshold moves. */
export function isZeroOffsets(offsets: ThresholdOffsets): boolean {
  return offsets.global === 0 && Object.values(offsets.perBlock).every((v) => v === 0);
}

/**
 * Checks offsets against an architecture: finite numbers, block keys it has. Returns a message, or null.
 */
export function checkThresholdOffsets(
  arch: ArchitectureSpec,
  offsets: ThresholdOffsets,
): string | null {
  if (!Number.isFinite(offsets.global))
    return `The global threshold offset ${offsets.global} is not a finite number.`;
  const keys = new Set(listBlocks(arch).map((b) => b.key));
  for (const [key, value] of Object.entries(offsets.perBlock)) {
    if (!keys.has(key))
      return `Threshold offset for block "${key.slice(0, 64)}", which ${arch.label} does not have.`;
    if (!Number.isFinite(value))
      return `The threshold offset of ${key} (${value}) is not a finite number.`;
  }
  return null;
}

function density(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i] as number;
  return data.length === 0 ? 0 : n / data.length;
}

/**
 * The decision grid a block would have with its scores thresholded at `offset`. NaN scores keep the
 * model's decision. Returns the model's own grid (same object) when nothing changes.
 */
export function thresholdGrid(block: DumpBlock, offset: number): MaskPlane | null {
  const { grid, gridScore } = block;
  if (!grid || !gridScore || offset === 0) return grid;
  let changed = false;
  const data = new Uint8Array(grid.data.length);
  for (let i = 0; i < data.length; i++) {
    const s = gridScore.data[i] as number;
    const v = Number.isNaN(s) ? (grid.data[i] as number) : s >= offset ? 1 : 0;
    data[i] = v;
    if (v !== grid.data[i]) changed = true;
  }
  return changed ? { ...grid, data } : grid;
}

/**
 * A dump with the offsets applied: each block with soft scores gets the decisions `score ≥ offset`,
 * conv2/conv1 masks derived from them and recomputed rates. Blocks whose decisions do not change are
 * returned as they are (the model's own conv masks kept). The input dump is not modified.
 */
export function applyThresholdOffsets(dump: MaskDump, offsets: ThresholdOffsets): MaskDump {
  if (isZeroOffsets(offsets)) return dump;
  const geometry = listBlocks(dump.arch);
  const blocks = dump.blocks.map((block) => {
    const grid = thresholdGrid(block, blockOffset(offsets, block.key));
    if (!grid || grid === block.grid) return block;
    const g = geometry[block.globalIndex];
    if (!g) return block;
    const { conv2, conv1 } = deriveConvMasks(g, grid);
    const rates = {
      ...block.rates,
      spatial: density(grid.data),
      conv2: density(conv2.data),
      conv1: density(conv1.data),
    };
    // The claims of a file or run no longer apply to these masks: the rates are the new ones.
    return { ...block, grid, conv2, conv1, rates, manifestRates: { ...rates } };
  });
  return { ...dump, blocks };
}
