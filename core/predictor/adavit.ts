/**
 * AdaViT block costs on the transformer primitives (latency spec §6, `simulate_adavit.py`). The reference
 * file relies on an undefined global predictor [Q24]; here the predictor is an argument. The composition
 * below reproduces the reference's `simulate_ada_block`, `simulate_add_pos_embed` and `simulate_tail` rows
 * bit for bit. The T2T stem (`simulate_t2t_module`) is only summarised by the spec and is not implemented.
 */
import type { Predictor } from './context';
import { simulateAdd } from './static-ops';
import {
  simulateDynamicLinear,
  simulateElementwise,
  simulateGelu,
  simulateLayernorm,
  simulateLinear,
  simulateMatmul,
  simulateSoftmax,
} from './transformer';

/** Arguments of `simulate_ada_block` (token, head and layer skipping of one AdaViT block). */
export interface AdaBlockArgs {
  batch: number;
  tokens: number;
  dim: number;
  mlpRatio: number;
  tokenSkip: boolean;
  tokenDensity: number;
  headSkip: boolean;
  heads: number;
  headDensity: number;
  layerSkip: boolean;
  layerDensityAttn: number;
  layerDensityMlp: number;
}

/**
 * Latency (per batch of the predictor) of one AdaViT block: the policy linears, then the attention and
 * MLP sub-blocks each weighted by their execution rate. Kept tokens `int(L·token_density)` and kept heads
 * `int(heads·head_density)`; qkv runs on all tokens, the rest on the kept ones.
 */
export function simulateAdaBlock(p: Predictor, a: AdaBlockArgs): number {
  const { batch: B, tokens: L, dim, heads } = a;
  const hd = a.headDensity;
  const dph = Math.floor(dim / heads);
  const kept = Math.trunc(heads * hd);
  const sel = Math.trunc(L * a.tokenDensity);
  const hidden = dim * a.mlpRatio;
  let lat = 0;
  if (a.layerSkip) lat += simulateLinear(p, [B, dim], [2, dim], [B, 2]).latencyS;
  if (a.headSkip) lat += simulateLinear(p, [B, dim], [heads, dim], [B, heads]).latencyS;

  const qkvOne = a.headSkip
    ? simulateDynamicLinear(p, [B, L, dim], [dim, dim], [B, L, dim], 1, hd).latencyS
    : simulateLinear(p, [B, L, dim], [dim, dim], [B, L, dim]).latencyS;
  let attn = 3 * qkvOne;
  if (a.tokenSkip)
    attn += simulateDynamicLinear(p, [B, L - 1, dim], [1, dim], [B, L, 1], hd, 1).latencyS;
  attn +=
    simulateMatmul(p, [B, kept, sel, dph], [B, kept, dph, sel], [B, kept, sel, sel]).latencyS +
    simulateSoftmax(p, [B, kept, sel, sel]).latencyS;
  attn += simulateMatmul(p, [B, kept, sel, sel], [B, kept, sel, dph], [B, kept, sel, dph]).latencyS;
  attn += a.headSkip
    ? simulateDynamicLinear(p, [B, sel, dim], [dim, dim], [B, sel, dim], hd, hd).latencyS
    : simulateLinear(p, [B, sel, dim], [dim, dim], [B, sel, dim]).latencyS;

  const fc1 = a.headSkip
    ? simulateDynamicLinear(p, [B, sel, dim], [hidden, dim], [B, sel, hidden], hd, 1).latencyS
    : simulateLinear(p, [B, sel, dim], [hidden, dim], [B, sel, hidden]).latencyS;
  const mlp =
    fc1 +
    simulateGelu(p, [B, sel, hidden]).latencyS +
    simulateLinear(p, [B, sel, hidden], [dim, hidden], [B, sel, dim]).latencyS;

  const norm = simulateLayernorm(p, [B, L, dim]).latencyS;
  // [Q25] the residual adds put the batch in the channel slot.
  lat += a.layerDensityAttn * (norm + attn + simulateAdd(p, B, sel, Math.trunc(dim * hd)).latencyS);
  lat += a.layerDensityMlp * (norm + mlp + simulateAdd(p, B, sel, dim).latencyS);
  return lat;
}

/** `simulate_add_pos_embed(B, L)`: one element-wise op on (B, L, 448). */
export function simulateAddPosEmbed(
  p: Predictor,
  batch: number,
  tokens: number,
  dim = 448,
): number {
  return simulateElementwise(p, [batch, tokens, dim]).latencyS;
}

/** `simulate_tail(B, dim)`: layernorm on (B, 197, dim) + classifier linear dim → 1000. */
export function simulateTail(
  p: Predictor,
  batch: number,
  dim: number,
  tokens = 197,
  classes = 1000,
): number {
  return (
    simulateLayernorm(p, [batch, tokens, dim]).latencyS +
    simulateLinear(p, [batch, dim], [classes, dim], [batch, classes]).latencyS
  );
}
