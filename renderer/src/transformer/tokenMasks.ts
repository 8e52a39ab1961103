/**
 * Proxy token masks: which of the 14×14 patches (plus the class token) a block keeps, when the
 * ranking comes from image saliency instead of AdaViT's learned token selector. The count is exact —
 * `trunc(197·t)` tokens, the class token counted among them (spec T7) — only the choice of patches is a
 * proxy. The ranking is the same in every block, so a lower rate keeps a subset of a higher one.
 */

/** Patches per side of the token grid (224 / 16). */
export const GRID_SIDE = 14;
export const PATCHES = GRID_SIDE * GRID_SIDE;
/** Tokens in every block: the patches and the class token (spec §4). */
export const TOKENS = PATCHES + 1;

export interface TokenMask {
  /** One entry per patch (row-major): 1 kept, 0 dropped. */
  patches: Uint8Array;
  /** The class token is kept whenever any token is (AdaViT never drops it). */
  classToken: boolean;
  /** Kept tokens, class token included. */
  kept: number;
}

/** Patch indices, most salient first; ties keep grid order so the ranking is deterministic. */
export function rankPatches(scores: ArrayLike<number>): number[] {
  if (scores.length !== PATCHES)
    throw new Error(`Expected ${PATCHES} patch scores (14×14), found ${scores.length}.`);
  const order = Array.from({ length: PATCHES }, (_, i) => i);
  const score = (i: number) => {
    const v = scores[i] as number;
    return Number.isFinite(v) ? v : -Infinity;
  };
  return order.sort((a, b) => score(b) - score(a) || a - b);
}

/**
 * The mask of a block keeping `keptTokens` of the 197 tokens (0 … 197): the class token first, then the
 * `keptTokens − 1` most salient patches.
 */
export function tokenMask(ranking: readonly number[], keptTokens: number): TokenMask {
  if (!Number.isInteger(keptTokens) || keptTokens < 0 || keptTokens > TOKENS)
    throw new Error(`Kept tokens must be an integer from 0 to ${TOKENS}, found ${keptTokens}.`);
  const patches = new Uint8Array(PATCHES);
  const patchCount = Math.max(0, keptTokens - 1);
  for (let i = 0; i < patchCount; i++) patches[ranking[i] as number] = 1;
  return { patches, classToken: keptTokens > 0, kept: keptTokens };
}
