/**
 * The tokens-to-token stem (spec §5): three soft splits, a token performer after the first two, and the
 * projection to the embedding width. It depends on no rate.
 */
import type { Predictor } from '../predictor/context';
import { performerFeatures, stemGeometry } from './geometry';
import { add, ew, ln, mm, uf } from './ops';
import type { T2tVariant } from './types';

/**
 * `P(b, n, i, o)`: one token performer on `n` tokens of width `i`, out width `o` (spec §5.1). The residual
 * adds `v + proj(y)` and `x + mlp(·)` and the division by the normaliser are not costed; the random-feature
 * maps of k and q are costed as twice one map [T15].
 */
export function performerLatency(
  p: Predictor,
  b: number,
  n: number,
  i: number,
  o: number,
  m: number,
): number {
  const rows = b * n;
  const p1 = ln(p, [b, n, i]);
  const p2 = mm(p, 3 * o, i, rows); // k, q, v in one i → 3o product (contrast T5)
  // [T21] the middle term passes the batch as the channel count; ADD is symmetric.
  const p3 = 2 * (ew(p, [b, n, o]) + mm(p, m, o, rows) + add(p, b, n, m) + ew(p, [b, n, m])); // [T15]
  const p4 = mm(p, 1, m, rows);
  const p5 = mm(p, m, n, b * o);
  const p6 = mm(p, o, m, rows);
  const p7 = mm(p, o, o, rows);
  const p8 = ln(p, [b, n, o]);
  const p9 = mm(p, o, o, rows) + ew(p, [b, n, o]) + mm(p, o, o, rows);
  return p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
}

/**
 * `S(b, H)`: the stem latency (spec §5.2). The projection width is tokenDim·H, equal to D for every
 * supported variant [T17]; image size and token counts come from the stem data (224 → 3136, 784, 196) [T18].
 */
export function stemLatency(p: Predictor, variant: T2tVariant, b: number): number {
  const stem = variant.stem;
  const o = stem.tokenDim;
  const m = performerFeatures(stem);
  const [g0, g1, g2] = stemGeometry(stem) as [
    ReturnType<typeof stemGeometry>[number],
    ReturnType<typeof stemGeometry>[number],
    ReturnType<typeof stemGeometry>[number],
  ];
  const split = (g: typeof g0): number =>
    uf(p, [b, g.inWidth, g.inSide, g.inSide], [b, g.width, g.side, g.side]);
  const s1 = split(g0);
  const s2 = performerLatency(p, b, g0.tokens, g0.width, o, m);
  const s3 = split(g1);
  const s4 = performerLatency(p, b, g1.tokens, g1.width, o, m);
  const s5 = split(g2);
  const s6 = mm(p, o * variant.heads, g2.width, b * g2.tokens); // [T17]
  return s1 + s2 + s3 + s4 + s5 + s6;
}
