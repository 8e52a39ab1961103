/**
 * Non-fatal consistency checks of a dump: a real model's masks may legitimately deviate (e.g. a custom
 * expander), so these become warnings shown next to the masks, not errors.
 */
import { upsampleGrid } from '../masks/geometry';
import type { BlockRates, DumpBlock } from './types';

const RATE_TOLERANCE = 1e-3;
const RATE_KEYS: (keyof BlockRates)[] = ['spatial', 'conv2', 'conv1', 'channel'];

function listSome(keys: string[]): string {
  return keys.length <= 3
    ? keys.join(', ')
    : `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more`;
}

/** conv2 should be the decision grid upsampled (nearest) to the output resolution. */
function conv2MatchesGrid(block: DumpBlock): boolean {
  const { grid, conv2, granularity } = block;
  if (!grid || !conv2 || granularity === null) return true;
  const planeCells = grid.height * grid.width;
  const planePixels = conv2.height * conv2.width;
  for (let g = 0; g < grid.groups; g++) {
    const up = upsampleGrid(
      {
        data: grid.data.subarray(g * planeCells, (g + 1) * planeCells),
        height: grid.height,
        width: grid.width,
      },
      conv2.height / grid.height,
      conv2.height,
      conv2.width,
    );
    const actual = conv2.data.subarray(g * planePixels, (g + 1) * planePixels);
    for (let i = 0; i < planePixels; i++) if (up.data[i] !== actual[i]) return false;
  }
  return true;
}

/** Cells where the sign of keep − skip disagrees with the decision (≥ 0 ⇔ keep). */
function logitDisagreements(block: DumpBlock): { wrong: number; nan: number } {
  let wrong = 0;
  let nan = 0;
  const { grid, gridScore } = block;
  if (!grid || !gridScore) return { wrong, nan };
  for (let i = 0; i < grid.data.length; i++) {
    const s = gridScore.data[i] as number;
    if (Number.isNaN(s)) nan++;
    else if (s >= 0 !== (grid.data[i] === 1)) wrong++;
  }
  return { wrong, nan };
}

/** What the reader found besides the blocks. */
export interface DumpFindings {
  /** The manifest's `weights` mentions "random". */
  randomInit: boolean;
  /** Archive members that are not part of the format (kept out of the dump). */
  ignoredMembers?: readonly string[];
}

/** The random-init notice: the one place it is worded, shown once per opened file. */
export const RANDOM_INIT_WARNING =
  'These masks come from a randomly initialised model: they test the pipeline and mean nothing.';

/** Findings in sentence case, one line each. */
export function dumpWarnings(blocks: readonly DumpBlock[], findings: DumpFindings): string[] {
  const out: string[] = [];
  if (findings.randomInit) out.push(RANDOM_INIT_WARNING);
  const rateMismatch: string[] = [];
  const conv2Mismatch: string[] = [];
  const logitMismatch: string[] = [];
  let nanCells = 0;
  const derived = new Set<string>();
  let derivedBlocks = 0;
  for (const block of blocks) {
    // A rate the manifest does not give is not a disagreement (writers may leave them out).
    const differs = RATE_KEYS.some((k) => {
      const fromArrays = block.rates[k];
      const claimed = block.manifestRates[k];
      if (fromArrays === null || claimed === null) return false;
      return Math.abs(fromArrays - claimed) > RATE_TOLERANCE;
    });
    for (const kind of block.derived) derived.add(kind);
    if (block.derived.length > 0) derivedBlocks++;
    if (differs) rateMismatch.push(block.key);
    if (!conv2MatchesGrid(block)) conv2Mismatch.push(block.key);
    const { wrong, nan } = logitDisagreements(block);
    if (wrong > 0) logitMismatch.push(block.key);
    nanCells += nan;
  }
  if (rateMismatch.length > 0) {
    out.push(
      `The manifest's rates differ from the arrays for ${listSome(rateMismatch)}; the rates shown are computed from the arrays.`,
    );
  }
  if (conv2Mismatch.length > 0) {
    out.push(`The conv2 mask is not the upsampled decision grid for ${listSome(conv2Mismatch)}.`);
  }
  if (logitMismatch.length > 0) {
    out.push(`Some logits disagree in sign with the decisions for ${listSome(logitMismatch)}.`);
  }
  if (nanCells > 0) out.push(`${nanCells} logits are NaN.`);
  if (derivedBlocks > 0) {
    const kinds = [...derived].sort().join(' and ');
    out.push(
      `The file has no ${kinds} masks for ${derivedBlocks} block${derivedBlocks === 1 ? '' : 's'}; they are derived from the decision grids (upsampled; conv1 dilated by conv2's 3×3 kernel).`,
    );
  }
  const ignored = findings.ignoredMembers ?? [];
  if (ignored.length > 0) {
    out.push(`Ignored members that are not part of a mask dump: ${listSome([...ignored])}.`);
  }
  return out;
}
