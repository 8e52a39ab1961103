/**
 * The shape-level operators of spec §3 in the argument form the formulas use, over the project's
 * `PredictorTransformer` primitives (`core/predictor/transformer.ts`, which match the reference operator
 * vectors). Every search is memoised by the predictor, keyed by hardware parameters and arguments.
 */
import type { Predictor } from '../predictor/context';
import { simulateAdd } from '../predictor/static-ops';
import {
  simulateElementwise,
  simulateLayernorm,
  simulateMatmul,
  simulateSoftmax,
  simulateUnfold,
  type Shape,
} from '../predictor/transformer';

/**
 * `MM(cout, cin, R)`: the matrix product with R rows folded into a near-square rne(√R) × rne(R/oh) map
 * (ties to even) [T3, T24], plus one launch.
 */
export function mm(p: Predictor, cout: number, cin: number, rows: number): number {
  return simulateMatmul(p, [rows, cin], [cin, cout], [rows, cout]).latencyS;
}

/** `ADD(c, h, w)` (LM §3.2, launch included); symmetric in its arguments [T21]. */
export function add(p: Predictor, c: number, h: number, w: number): number {
  return simulateAdd(p, c, h, w).latencyS;
}

/** `EW(shape)` = ADD(s[-1], Π s[:-2], s[-2]); GELU is EW. */
export function ew(p: Predictor, shape: Shape): number {
  return simulateElementwise(p, shape).latencyS;
}

/** `LN(shape)`: two reductions (the variance as a second reduction) and two element-wise ops, one launch [T16]. */
export function ln(p: Predictor, shape: Shape): number {
  return simulateLayernorm(p, shape).latencyS;
}

/** `SM(shape)`: max, exp-subtract, sum, divide — one launch [T16]; reductions over isqrt_up(n)² maps [T4]. */
export function sm(p: Predictor, shape: Shape): number {
  return simulateSoftmax(p, shape).latencyS;
}

/** `UF(in, out)`: pure memory, no batch factor of its own [T20]. */
export function uf(p: Predictor, input: Shape, output: Shape): number {
  return simulateUnfold(p, input, output).latencyS;
}
