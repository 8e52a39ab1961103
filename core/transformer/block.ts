/**
 * One dynamic transformer block (`simulate_ada_block`, spec §7) with its parts. The total keeps the
 * spec's grouping exactly: BLK = ((LP + HP) + AB) + MB with AB = a × ((LN + ATT) + ADD) and
 * MB = m × ((LN + MLP) + ADD).
 */
import type { Predictor } from '../predictor/context';
import { add, ew, ln, mm, sm } from './ops';
import { keptHeads, keptTokens, reducedWidth, residualWidth } from './rates';
import type {
  BlockSetting,
  T2tVariant,
  TransformerBlockPrediction,
  TransformerPart,
} from './types';

/** Part names of a block, in the order they are reported (zeros where a switch is off). */
export const BLOCK_PART_NAMES = [
  'layer policy',
  'head policy',
  'attention norm',
  'qkv projections',
  'token selector',
  'scores',
  'softmax',
  'attention × values',
  'output projection',
  'attention residual',
  'MLP norm',
  'fc1',
  'GELU',
  'fc2',
  'MLP residual',
] as const;

/** Names of the decision-network parts (not scaled by any rate [T12]; the token selector is, by a [T8]). */
export const DECISION_PART_NAMES: readonly string[] = [
  'layer policy',
  'head policy',
  'token selector',
];

/**
 * Latency of one block for shape batch `b` (spec §7), with its parts (each already multiplied by its
 * sub-block's execution rate). The setting must have passed `checkBlockSetting`.
 */
export function blockLatency(
  p: Predictor,
  v: T2tVariant,
  b: number,
  index: number,
  s: BlockSetting,
): TransformerBlockPrediction {
  const D = v.embedDim;
  const H = v.heads;
  const L = v.tokens;
  const dph = v.headDim;
  const hidden = D * v.mlpRatio;
  const h = s.headRate;
  // [T9] three independent sizes: heads trunc(H·h), linears rne(D·h), residual trunc(D·h).
  const Hk = s.headSkip ? keptHeads(v, h) : H;
  const Ls = keptTokens(s.tokenRate); // [T7] the class token counts; = 197 when t = 1
  const Dh = reducedWidth(v, h);
  const Ds = residualWidth(v, h);

  // §7.3 decision networks: policies on the class token, batch folded into rows [T22]; never scaled [T12].
  const LP = s.layerSkip ? mm(p, 2, D, b) : 0;
  const HP = s.headSkip ? mm(p, H, D, b) : 0;
  // [T8] the selector reads (b, L−1, D) but is costed on L rows, its input width shrunk by h.
  const TM = s.tokenSkip ? mm(p, 1, Dh, b * L) : 0;

  // §7.4 attention: q, k, v as three D → D products on all L tokens [T5, T6]; [T11] output proj Dh → Dh.
  const qkvOne = s.headSkip ? mm(p, Dh, D, b * L) : mm(p, D, D, b * L);
  const a1 = 3 * qkvOne;
  const scores = mm(p, Ls, dph, b * Hk * Ls);
  const softmax = sm(p, [b, Hk, Ls, Ls]);
  const a3 = scores + softmax;
  const a4 = mm(p, dph, Ls, b * Hk * Ls);
  const a5 = s.headSkip ? mm(p, Dh, Dh, b * Ls) : mm(p, D, D, b * Ls);
  const ATT = a1 + TM + a3 + a4 + a5;

  // §7.5 MLP on the kept tokens; [T10] fc1's input shrinks by the head rate.
  const fc1 = s.headSkip ? mm(p, hidden, Dh, b * Ls) : mm(p, hidden, D, b * Ls);
  const act = ew(p, [b, Ls, hidden]); // GELU
  const fc2 = mm(p, D, hidden, b * Ls);
  const MLP = fc1 + act + fc2;

  // §7.6 [T6] both norms on all L tokens; [T21] residual adds with the batch in the channel slot.
  const norm = ln(p, [b, L, D]);
  const attnAdd = add(p, b, Ls, Ds);
  const mlpAdd = add(p, b, Ls, D);
  const a = s.attnRate;
  const m = s.mlpRate;
  // [T13] block skipping is an expectation: each whole sub-block (norm, launches, selector) × its rate.
  const AB = a * (norm + ATT + attnAdd);
  const MB = m * (norm + MLP + mlpAdd);
  const totalS = LP + HP + AB + MB;

  const values = [
    LP,
    HP,
    a * norm,
    a * a1,
    a * TM,
    a * scores,
    a * softmax,
    a * a4,
    a * a5,
    a * attnAdd,
    m * norm,
    m * fc1,
    m * act,
    m * fc2,
    m * mlpAdd,
  ];
  const parts: TransformerPart[] = BLOCK_PART_NAMES.map((name, i) => ({
    name,
    seconds: values[i] ?? 0,
  }));
  return {
    index,
    totalS,
    staticS: Number.NaN,
    parts,
    setting: { ...s },
    tokensKept: Ls,
    headsKept: Hk,
    reducedWidth: Dh,
    residualWidth: Ds,
  };
}
