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
  const column = new Int32Array(side);
  for (const block of blocks) {
    const mask = block.conv2;
    if (!mask) {
      const runs = !block.channel || block.channel.some((v) => v !== 0);
      if (runs) for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) + 1;
      continue;
    }
    const { height, width, groups, data } = mask;
    const planeSize = height * width;
    let kept = data;
    if (groups > 1) {
      // A position counts when any group keeps it.
      kept = new Uint8Array(planeSize);
      for (let g = 0; g < groups; g++) {
        for (let i = 0; i < planeSize; i++)
          kept[i] = (kept[i] as number) | (data[g * planeSize + i] as number);
      }
    }
    for (let x = 0; x < side; x++) column[x] = Math.min(width - 1, Math.floor((x * width) / side));
    for (let y = 0; y < side; y++) {
      const row = Math.min(height - 1, Math.floor((y * height) / side)) * width;
      const out = y * side;
      for (let x = 0; x < side; x++)
        counts[out + x] =
          (counts[out + x] as number) + (kept[row + (column[x] as number)] as number);
    }
  }
  let maxCount = 0;
  for (let i = 0; i < counts.length; i++)
    if ((counts[i] as number) > maxCount) maxCount = counts[i] as number;
  return { side, counts, maxCount, blocks: blocks.length };
}
