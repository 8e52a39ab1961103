/**
 * Static multiply-accumulates and parameter counts of a T2T-ViT variant (performer stem), counted from the
 * architecture data as the T2T-ViT model code builds it (`qkv_bias = False` in the blocks; biases in every
 * other linear; LayerNorm weight and bias).
 *
 * MACs count the matrix products only (every linear, the attention products q·kᵀ and attention·v, and the
 * performer's random-feature, normaliser, kᵀv and q·(kᵀv) products); layer norms, softmax, GELU, the
 * performer's exponentials and the residual adds are not multiply-accumulates and are left out — the
 * common convention of FLOP counters. Parameters count every `nn.Parameter`, frozen ones included (the
 * sinusoid position table and the performers' random-feature matrices have `requires_grad = False`);
 * this is what reproduces the authors' "#params" (e.g. 39.2 M for T2T-ViT-19).
 */
import { patchTokens, performerFeatures, stemGeometry } from './geometry';
import type { T2tStemSpec } from './types';

/** The architecture fields the counts depend on. */
export interface T2tShape {
  depth: number;
  embedDim: number;
  mlpRatio: number;
  numClasses: number;
  stem: T2tStemSpec;
}

function performerMacs(tokens: number, inWidth: number, o: number, m: number): number {
  const kqv = tokens * inWidth * 3 * o;
  const randomFeatures = 2 * tokens * m * o; // k and q through the (m, o) feature matrix
  const normaliser = tokens * m;
  const ktv = o * tokens * m;
  const y = tokens * m * o;
  const proj = tokens * o * o;
  const mlp = 2 * tokens * o * o;
  return kqv + randomFeatures + normaliser + ktv + y + proj + mlp;
}

function performerParams(
  inWidth: number,
  o: number,
  m: number,
): { trainable: number; frozen: number } {
  const kqv = inWidth * 3 * o + 3 * o;
  const proj = o * o + o;
  const norms = 2 * inWidth + 2 * o;
  const mlp = 2 * (o * o + o);
  return { trainable: kqv + proj + norms + mlp, frozen: m * o };
}

/** Static MACs per image at the stem's image size. */
export function countMacs(v: T2tShape): number {
  const o = v.stem.tokenDim;
  const m = performerFeatures(v.stem);
  const geo = stemGeometry(v.stem);
  let macs = 0;
  for (const g of geo.slice(0, 2)) macs += performerMacs(g.tokens, g.width, o, m);
  const last = geo[2];
  const patches = patchTokens(v.stem);
  if (last) macs += patches * last.width * v.embedDim;
  const L = patches + 1;
  const D = v.embedDim;
  const hidden = D * v.mlpRatio;
  const block = L * D * 3 * D + 2 * L * L * D + L * D * D + 2 * L * D * hidden;
  return macs + v.depth * block + D * v.numClasses;
}

/** Parameter counts: all `nn.Parameter`s and the trainable ones. */
export function countParams(v: T2tShape): { total: number; trainable: number } {
  const o = v.stem.tokenDim;
  const m = performerFeatures(v.stem);
  const geo = stemGeometry(v.stem);
  let trainable = 0;
  let frozen = 0;
  for (const g of geo.slice(0, 2)) {
    const p = performerParams(g.width, o, m);
    trainable += p.trainable;
    frozen += p.frozen;
  }
  const D = v.embedDim;
  const hidden = D * v.mlpRatio;
  const last = geo[2];
  if (last) trainable += last.width * D + D; // projection to D
  const L = patchTokens(v.stem) + 1;
  trainable += D; // class token
  frozen += L * D; // sinusoid position table
  const block = 4 * D + 3 * D * D + (D * D + D) + (D * hidden + hidden) + (hidden * D + D);
  trainable += v.depth * block;
  trainable += 2 * D + (D * v.numClasses + v.numClasses); // final norm, head
  return { total: trainable + frozen, trainable };
}
