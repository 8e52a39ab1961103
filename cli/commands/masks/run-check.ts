/**
 * `laudnet masks run --check DIR`: how the masks of a run agree with reference dumps (e.g. the Python
 * exporter's for the same images), cell for cell: decision grids, conv2 and conv1 masks, channel groups.
 */
import { readFileSync } from 'node:fs';
import type { MaskDump } from '../../../core/maskfile';
import { readMaskDump } from '../../../core/maskfile';

export interface DumpComparison {
  cells: number;
  differ: number;
  /** Which masks differ, in words (empty when none). */
  detail: string;
  /** Set when the reference dump is missing or unreadable. */
  error?: string;
}

/** Compares every mask of `dump` with the same block's masks in the dump at `referencePath`. */
export function compareDumps(dump: MaskDump, referencePath: string): DumpComparison {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(referencePath));
  } catch {
    return { cells: 0, differ: 0, detail: '', error: `no reference dump ${referencePath}` };
  }
  const read = readMaskDump(bytes);
  if (!read.ok)
    return { cells: 0, differ: 0, detail: '', error: `${referencePath}: ${read.error}` };
  const ref = read.dump;
  if (ref.arch.id !== dump.arch.id || ref.blocks.length !== dump.blocks.length) {
    return {
      cells: 0,
      differ: 0,
      detail: '',
      error: `${referencePath} is for ${ref.arch.label}, not ${dump.arch.label}`,
    };
  }
  let cells = 0;
  let differ = 0;
  const wrong: string[] = [];
  dump.blocks.forEach((block, i) => {
    const other = ref.blocks[i]!;
    const pairs: [string, ArrayLike<number> | undefined, ArrayLike<number> | undefined][] = [
      ['spatial', block.grid?.data, other.grid?.data],
      ['conv2', block.conv2?.data, other.conv2?.data],
      ['conv1', block.conv1?.data, other.conv1?.data],
      ['channel', block.channel ?? undefined, other.channel ?? undefined],
    ];
    for (const [kind, a, b] of pairs) {
      if (!a && !b) continue;
      if (!a || !b || a.length !== b.length) {
        wrong.push(`${block.key}/${kind} (present in only one, or another shape)`);
        differ += Math.max(a?.length ?? 0, b?.length ?? 0);
        cells += Math.max(a?.length ?? 0, b?.length ?? 0);
        continue;
      }
      let miss = 0;
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) miss++;
      cells += a.length;
      differ += miss;
      if (miss > 0) wrong.push(`${block.key}/${kind} (${miss} of ${a.length} cells)`);
    }
  });
  const detail = wrong.length
    ? `masks differ from ${referencePath}: ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? `, and ${wrong.length - 5} more` : ''}`
    : '';
  return { cells, differ, detail };
}
