/** The "ponder" map: per input pixel, how many blocks compute there (issue 6 views). */
import type { BlockMaskSet } from './types';

export interface PonderMap {
  /** Side of the square map in input pixels. */
  side: number;
  /** Row-major counts of computing blocks. */
  counts: Uint16Array;
  /** Largest count (for colour scaling). */
  maxCount: number;
  /** Number of blocks considered. */
  blocks: number;
}

/**
 * Counts, for each pixel of a `side × side` view of the input, the blocks whose conv2/conv3 mask keeps
 * the output position above it. Blocks without a spatial mask count everywhere when they run at all
 * (any channel group kept, or no mask). With grouped spatial masks a position counts when any group
 * keeps it.
 */
export function computePonderMap(blocks: readonly BlockMaskSet[], side = 224): PonderMap {
  const counts = new Uint16Array(side * side);
  // Blocks counting everywhere add one constant; masks of the same size are summed at their own
  // resolution first, and each size's sum is spread over the map once (a handful of sizes per network,
  // instead of one pass over side² pixels per block).
  let everywhere = 0;
  const sums = new Map<string, { height: number; width: number; sum: Uint16Array }>();
  for (const block of blocks) {
    const mask = block.conv2;
    if (!mask) {
      if (!block.channel || block.channel.some((v) => v !== 0)) everywhere++;
      continue;
    }
    const { height, width, groups, data } = mask;
    const planeSize = height * width;
    const id = `${height}x${width}`;
    let entry = sums.get(id);
    if (!entry) sums.set(id, (entry = { height, width, sum: new Uint16Array(planeSize) }));
    const sum = entry.sum;
    // A position counts when any group keeps it.
    for (let i = 0; i < planeSize; i++) {
      let kept = 0;
      for (let g = 0; g < groups; g++) kept |= data[g * planeSize + i] as number;
      sum[i] = (sum[i] as number) + (kept !== 0 ? 1 : 0);
    }
  }
  if (everywhere > 0) counts.fill(everywhere);
  const column = new Int32Array(side);
  for (const { height, width, sum } of sums.values()) {
    for (let x = 0; x < side; x++) column[x] = Math.min(width - 1, Math.floor((x * width) / side));
    for (let y = 0; y < side; y++) {
      const row = Math.min(height - 1, Math.floor((y * height) / side)) * width;
      const out = y * side;
      for (let x = 0; x < side; x++)
        counts[out + x] =
          (counts[out + x] as number) + (sum[row + (column[x] as number)] as number);
    }
  }
  let maxCount = 0;
  for (let i = 0; i < counts.length; i++)
    if ((counts[i] as number) > maxCount) maxCount = counts[i] as number;
  return { side, counts, maxCount, blocks: blocks.length };
}
