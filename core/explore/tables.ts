/**
 * Per-stage lookup tables: for every stage choice (and rate, with a global rate) the latency of the stage's
 * first block and of its other blocks, and their dynamic MACs. They come from the same core functions a
 * single prediction uses (`planBlock` of core/predictor, memoised by the predictor; `blockFlops` of
 * core/flops), so a network is then a sum of table entries. The sums are taken block by block in the
 * order `predictNetwork` and `networkFlops` take them, so the figures are bit-for-bit theirs.
 */
import { blockGeometry } from '../arch';
import type { ArchitectureSpec } from '../arch';
import { blockFlops } from '../flops/block';
import type { BlockDynamics } from '../flops/block';
import { headMacs, staticHeadMacs, staticNetworkMacs, stemMacs } from '../flops/network';
import { planBlock } from '../predictor/blocks';
import type { Predictor } from '../predictor/context';
import type { ExploreSpace, StageChoice, StageOption } from './types';

/** Per stage: entry `c · slots + r` holds choice `c` at rate slot `r`. */
export interface StageTable {
  blocks: number;
  /** Rate slots per choice: the grid size with a global rate, else 1 (the choice fixes its rate). */
  slots: number;
  first: Float64Array;
  other: Float64Array;
}

/** The predictor's view of a stage option: the S it is given (latency spec [Q20]) and the mode. */
export function requestGranularity(arch: ArchitectureSpec, i: number, o: StageOption): number {
  if (o.mode === 'spatial') return o.s;
  if (o.mode === 'layer') return arch.stages[i]!.outResolution;
  return 1;
}

/** The rate a choice runs at in slot `r` (static blocks always at 1, as the predictor and counter do). */
export function choiceRate(space: ExploreSpace, choice: StageChoice, slot: number): number {
  if (choice.option.mode === 'static') return 1;
  return space.rates[choice.rateIndex >= 0 ? choice.rateIndex : slot]!;
}

function slotsOf(space: ExploreSpace): number {
  return space.rateScope === 'global' ? space.rates.length : 1;
}

/**
 * A share of the table work: entry (stage `i`, choice `c`) belongs to share
 * `(offset of stage i + c) mod count`. Workers each build one share; {@link mergeTables} joins them.
 */
export interface TableShare {
  index: number;
  count: number;
}

/** Whether choice `c` of stage `i` is in `share` (every entry when there is no share). */
export function inShare(space: ExploreSpace, share: TableShare | undefined, i: number, c: number) {
  if (!share || share.count <= 1) return true;
  let offset = 0;
  for (let s = 0; s < i; s++) offset += space.choices[s]!.length;
  return (offset + c) % share.count === share.index;
}

/** Joins tables built share by share: each entry is taken from the share that built it. */
export function mergeTables(
  space: ExploreSpace,
  parts: readonly (readonly StageTable[])[],
): StageTable[] {
  const count = parts.length;
  return parts[0]!.map((t, i) => {
    const first = new Float64Array(t.first.length);
    const other = new Float64Array(t.other.length);
    for (let c = 0; c < space.choices[i]!.length; c++) {
      const owner = parts.findIndex((_, k) => inShare(space, { index: k, count }, i, c));
      const src = parts[owner]![i]!;
      for (let r = 0; r < t.slots; r++) {
        first[c * t.slots + r] = src.first[c * t.slots + r]!;
        other[c * t.slots + r] = src.other[c * t.slots + r]!;
      }
    }
    return { blocks: t.blocks, slots: t.slots, first, other };
  });
}

/** Latency tables of one device (per batch, seconds); with `share`, only that share's entries. */
export function latencyTables(p: Predictor, space: ExploreSpace, share?: TableShare): StageTable[] {
  const { arch } = space;
  const slots = slotsOf(space);
  return space.choices.map((choices, i) => {
    const blocks = arch.stages[i]!.blocks;
    const first = new Float64Array(choices.length * slots);
    const other = new Float64Array(choices.length * slots);
    const g0 = blockGeometry(arch, i, 0);
    const g1 = blockGeometry(arch, i, 1);
    choices.forEach((choice, c) => {
      if (!inShare(space, share, i, c)) return;
      const o = choice.option;
      const s = requestGranularity(arch, i, o);
      const planFirst = planBlock(p, g0, o.mode, s, o.g || 1);
      const planOther = blocks > 1 ? planBlock(p, g1, o.mode, s, o.g || 1) : null;
      for (let r = 0; r < slots; r++) {
        const rate = choiceRate(space, choice, r);
        first[c * slots + r] = planFirst.evaluate(rate, 1).latencyS;
        other[c * slots + r] = planOther ? planOther.evaluate(rate, 1).latencyS : 0;
      }
    });
    return { blocks, slots, first, other };
  });
}

/** The FLOPs counter's setting of a block under a stage option at `rate`. */
export function optionDynamics(
  arch: ArchitectureSpec,
  i: number,
  o: StageOption,
  rate: number,
): BlockDynamics {
  return {
    mode: o.mode,
    spatialGranularity: o.mode === 'layer' ? arch.stages[i]!.outResolution : o.s || 1,
    channelGroupSize: o.g || 1,
    rate,
    channelRate: 1,
  };
}

/** Dynamic-MACs tables plus the network constants of the training accounting. */
export interface FlopsTables {
  stages: StageTable[];
  stemMacs: number;
  /** Head of the dynamic count (used when any block is dynamic). */
  headMacs: number;
  /** Head of the static count (the all-static network uses it in both counts). */
  staticHeadMacs: number;
  /** The reference code's static count of the dense teacher: the denominator of the FLOPs ratio. */
  staticMacs: number;
}

/** MACs tables (independent of the device); with `share`, only that share's entries. */
export function flopsTables(space: ExploreSpace, share?: TableShare): FlopsTables {
  const { arch } = space;
  const slots = slotsOf(space);
  const stages = space.choices.map((choices, i) => {
    const blocks = arch.stages[i]!.blocks;
    const first = new Float64Array(choices.length * slots);
    const other = new Float64Array(choices.length * slots);
    const g0 = blockGeometry(arch, i, 0);
    const g1 = blockGeometry(arch, i, 1);
    choices.forEach((choice, c) => {
      if (!inShare(space, share, i, c)) return;
      for (let r = 0; r < slots; r++) {
        const d = optionDynamics(arch, i, choice.option, choiceRate(space, choice, r));
        first[c * slots + r] = blockFlops(g0, d).dynamicMacs.total;
        other[c * slots + r] = blocks > 1 ? blockFlops(g1, d).dynamicMacs.total : 0;
      }
    });
    return { blocks, slots, first, other };
  });
  return {
    stages,
    stemMacs: stemMacs(arch),
    headMacs: headMacs(arch),
    staticHeadMacs: staticHeadMacs(arch),
    staticMacs: staticNetworkMacs(arch),
  };
}
