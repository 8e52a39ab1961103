/**
 * Token geometry of the tokens-to-token stem, derived from the stem data (spec §4): at 224 pixels the
 * soft splits give 56×56 = 3136 tokens of 3·7·7 = 147 values, then 28×28 = 784 and 14×14 = 196 tokens of
 * 64·3·3 = 576 values; with the class token every block sees L = 197 tokens.
 */
import type { T2tStemSpec } from './types';

/** One soft split's result: `side × side` tokens of `width` values, from an input of `inWidth` channels. */
export interface SoftSplitGeometry {
  inSide: number;
  inWidth: number;
  side: number;
  tokens: number;
  width: number;
}

/** Output side of an unfold (PyTorch `nn.Unfold` arithmetic). */
function unfoldSide(side: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((side + 2 * padding - kernel) / stride) + 1;
}

/**
 * The three soft splits in order: the first reads the image, the next two read the performers' token maps
 * (`tokenDim` channels).
 */
export function stemGeometry(stem: T2tStemSpec): SoftSplitGeometry[] {
  const out: SoftSplitGeometry[] = [];
  let side = stem.imageSize;
  let channels = stem.inChannels;
  for (const s of stem.softSplits) {
    const next = unfoldSide(side, s.kernel, s.stride, s.padding);
    out.push({
      inSide: side,
      inWidth: channels,
      side: next,
      tokens: next * next,
      width: channels * s.kernel * s.kernel,
    });
    side = next;
    channels = stem.tokenDim;
  }
  return out;
}

/** Patch tokens after the stem (196 at 224 pixels). */
export function patchTokens(stem: T2tStemSpec): number {
  const last = stemGeometry(stem).at(-1);
  return last ? last.tokens : 0;
}

/** Performer random features m = trunc(tokenDim · kernelRatio) (32). */
export function performerFeatures(stem: T2tStemSpec): number {
  return Math.trunc(stem.tokenDim * stem.kernelRatio);
}
