/**
 * Transformer predictor primitives (latency spec §6, `PredictorTransformer`): shape-based wrappers over the
 * dense operators. Shapes include the batch; since the predictor's batch multiplies again inside the
 * searches, shapes should use batch 1 when B > 1 [Q23].
 */
import { roundHalfEven } from '../arch';
import { latencyOnly, type OpResult, type Predictor } from './context';
import { PredictorInputError } from './errors';
import { launched, searchConvTile, searchGlobalAvgPool, simulateAdd } from './static-ops';

export type Shape = readonly number[];

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

function dim(shape: Shape, i: number, what: string): number {
  const v = shape.at(i);
  if (v === undefined)
    throw new PredictorInputError(`${what}: shape (${shape.join(', ')}) has too few dimensions`);
  return v;
}

/**
 * `simulate_matmul(a, b, out)`: rows R = Π out[:-1] folded into a square-ish map (round(√R) × round(R/·),
 * half-to-even; [Q23]), then the dense conv search on (cout = b[-1], cin = b[-2]).
 */
export function simulateMatmul(p: Predictor, a: Shape, b: Shape, out: Shape): OpResult {
  const cin = dim(b, -2, 'matmul b');
  // [Q26] the reference's simulate_token_transformer fails this check (dead code there).
  if (dim(a, -1, 'matmul a') !== cin) {
    throw new PredictorInputError(`matmul: a[-1] = ${a.at(-1)} must equal b[-2] = ${cin}`);
  }
  const cout = dim(b, -1, 'matmul b');
  const rows = prod(out.slice(0, -1));
  const outh = roundHalfEven(Math.sqrt(rows));
  const outw = roundHalfEven(rows / outh);
  return launched(p, searchConvTile(p, cout, cin, outh, outw, 1, 1, 1));
}

/** `simulate_linear(x, w, out)`: `w` in PyTorch (out, in) layout, transposed, then matmul. */
export function simulateLinear(p: Predictor, x: Shape, w: Shape, out: Shape): OpResult {
  const wt = [...w.slice(0, -2), dim(w, -1, 'linear w'), dim(w, -2, 'linear w')];
  return simulateMatmul(p, x, wt, out);
}

/** `simulate_elementwise(shape)`: c = shape[-1], w = shape[-2], h = Π shape[:-2] → `simulate_add`. */
export function simulateElementwise(p: Predictor, shape: Shape): OpResult {
  const c = dim(shape, -1, 'elementwise');
  const w = dim(shape, -2, 'elementwise');
  return simulateAdd(p, c, prod(shape.slice(0, -2)), w);
}

/** `simulate_reduce(shape, dims)`: global-pool search on a ⌈√n⌉ × ⌈√n⌉ map; latency-only. */
export function simulateReduce(
  p: Predictor,
  shape: Shape,
  dims: readonly number[] = [-1],
): OpResult {
  const n = prod(dims.map((d) => dim(shape, d, 'reduce')));
  const side = Math.ceil(Math.sqrt(n));
  const c = Math.trunc(prod(shape) / n);
  return latencyOnly(searchGlobalAvgPool(p, c, side, side).latencyS + p.tau);
}

/** `simulate_softmax`: reduce + elementwise + reduce + elementwise − 3τ (one fused kernel). */
export function simulateSoftmax(p: Predictor, shape: Shape): OpResult {
  const r = simulateReduce(p, shape).latencyS;
  const e = simulateElementwise(p, shape).latencyS;
  return latencyOnly(r + e + r + e - 3 * p.tau);
}

/** `simulate_layernorm`: reduce + reduce + elementwise + elementwise − 3τ. */
export function simulateLayernorm(p: Predictor, shape: Shape): OpResult {
  const r = simulateReduce(p, shape).latencyS;
  const e = simulateElementwise(p, shape).latencyS;
  return latencyOnly(r + r + e + e - 3 * p.tau);
}

/** `simulate_gelu` = elementwise. */
export function simulateGelu(p: Predictor, shape: Shape): OpResult {
  return simulateElementwise(p, shape);
}

/** `simulate_unfold(in, out)`: memory only, no batch factor. */
export function simulateUnfold(p: Predictor, input: Shape, out: Shape): OpResult {
  const mem = (prod(input) + prod(out)) / p.M + (2 * prod(out)) / p.L2;
  return { latencyS: mem + p.tau, computeS: 0, memoryS: mem, tile: null };
}

/**
 * `simualte_dylinear` (sic): channel skipping by shrinking the matrix — the reduction dim becomes
 * round(dim·ic) when ic < 1 and the output dim round(dim·oc) when oc < 1 — then matmul (no max-density term).
 */
export function simulateDynamicLinear(
  p: Predictor,
  x: Shape,
  w: Shape,
  out: Shape,
  ic: number,
  oc: number,
): OpResult {
  let cin = dim(w, -1, 'dylinear w');
  let cout = dim(w, -2, 'dylinear w');
  if (ic < 1) cin = roundHalfEven(cin * ic);
  if (oc < 1) cout = roundHalfEven(cout * oc);
  const xs = [...x.slice(0, -1), cin];
  const outs = [...out.slice(0, -1), cout];
  return simulateMatmul(p, xs, [cin, cout], outs);
}
