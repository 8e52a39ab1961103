/** Evaluates a range of a design space from its tables: latency per device and the FLOPs ratio. */
import { decodeIndex, isDuplicate } from './space';
import type { FlopsTables, StageTable } from './tables';
import type { ExploreSpace } from './types';

/** Where `evaluateRange` writes: entry `k − start` of each array (NaN for a skipped duplicate). */
export interface RangeOutput {
  /** Per device, latency per batch in seconds. */
  latencyS: Float64Array[];
  flopsRatio: Float64Array;
}

/** Σ over blocks of the table entries, in network order (the order predictNetwork adds them). */
function sumBlocks(tables: readonly StageTable[], entry: readonly number[], start: number): number {
  let total = start;
  for (let s = 0; s < tables.length; s++) {
    const t = tables[s]!;
    const e = entry[s]!;
    total += t.first[e]!;
    const other = t.other[e]!;
    for (let j = 1; j < t.blocks; j++) total += other;
  }
  return total;
}

/**
 * Evaluates configurations `start … end − 1` of `space` into `out` (allocated by the caller with
 * `end − start` entries). Pure and synchronous; callers that need progress call it on slices.
 */
export function evaluateRange(
  space: ExploreSpace,
  flops: FlopsTables,
  latency: readonly (readonly StageTable[])[],
  start: number,
  end: number,
  out: RangeOutput,
): void {
  const nStages = space.choices.length;
  const global = space.rateScope === 'global';
  const digits = decodeIndex(space, start);
  const entry = new Array<number>(nStages).fill(0);
  for (let k = start; k < end; k++) {
    const at = k - start;
    if (isDuplicate(space, digits)) {
      out.flopsRatio[at] = NaN;
      for (const l of out.latencyS) l[at] = NaN;
    } else {
      const slot = global ? digits[nStages]! : 0;
      let allStatic = true;
      for (let s = 0; s < nStages; s++) {
        const c = digits[s]!;
        if (space.choices[s]![c]!.option.mode !== 'static') allStatic = false;
        entry[s] = c * flops.stages[s]!.slots + slot;
      }
      const head = allStatic ? flops.staticHeadMacs : flops.headMacs;
      out.flopsRatio[at] = sumBlocks(flops.stages, entry, flops.stemMacs + head) / flops.staticMacs;
      for (let h = 0; h < latency.length; h++)
        out.latencyS[h]![at] = sumBlocks(latency[h]!, entry, 0);
    }
    // Odometer: the next index's digits without a division per digit.
    for (let d = space.radices.length - 1; d >= 0; d--) {
      if (++digits[d]! < space.radices[d]!) break;
      digits[d] = 0;
    }
  }
}
