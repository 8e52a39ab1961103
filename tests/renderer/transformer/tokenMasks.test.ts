import { describe, expect, it } from 'vitest';
import { keptTokens } from '../../../core/transformer';
import { PATCHES, rankPatches, tokenMask } from '../../../renderer/src/transformer/tokenMasks';

const sum = (xs: Uint8Array) => xs.reduce((a, b) => a + b, 0);

describe('proxy token masks', () => {
  it('ranks patches by saliency, ties in grid order', () => {
    const scores = new Float32Array(PATCHES);
    scores[17] = 0.9;
    scores[5] = 0.5;
    scores[100] = 0.5;
    const ranking = rankPatches(scores);
    expect(ranking.slice(0, 4)).toEqual([17, 5, 100, 0]);
    expect(new Set(ranking).size).toBe(PATCHES);
  });

  it('keeps exactly trunc(197·t) tokens: the class token and the most salient patches', () => {
    const scores = Float32Array.from({ length: PATCHES }, (_, i) => (i * 37) % 196);
    const ranking = rankPatches(scores);
    // t = 0.7 keeps 137 tokens (197·0.7 = 137.899…), t = 0.37 keeps 72, t = 0.01 keeps 1 (spec T7).
    for (const [t, tokens] of [
      [1, 197],
      [0.7, 137],
      [0.37, 72],
      [0.5, 98],
      [0.01, 1],
    ] as const) {
      expect(keptTokens(t)).toBe(tokens);
      const mask = tokenMask(ranking, keptTokens(t));
      expect(mask.kept).toBe(tokens);
      expect(mask.classToken).toBe(true);
      expect(sum(mask.patches)).toBe(tokens - 1);
      // The kept patches are the top of the ranking.
      for (const i of ranking.slice(0, tokens - 1)) expect(mask.patches[i]).toBe(1);
    }
  });

  it('nests: a lower rate keeps a subset of a higher rate', () => {
    const ranking = rankPatches(Float32Array.from({ length: PATCHES }, (_, i) => Math.sin(i)));
    const low = tokenMask(ranking, 40);
    const high = tokenMask(ranking, 120);
    for (let i = 0; i < PATCHES; i++) if (low.patches[i]) expect(high.patches[i]).toBe(1);
  });

  it('refuses bad input with what was expected and found', () => {
    expect(() => rankPatches(new Float32Array(195))).toThrow(
      /Expected 196 patch scores.*found 195/,
    );
    const ranking = rankPatches(new Float32Array(PATCHES));
    expect(() => tokenMask(ranking, 198)).toThrow(/0 to 197, found 198/);
    expect(() => tokenMask(ranking, 2.5)).toThrow(/integer/);
    expect(tokenMask(ranking, 0).classToken).toBe(false);
  });

  it('treats NaN scores as least salient instead of scrambling the order', () => {
    const scores = new Float32Array(PATCHES).fill(0.1);
    scores[0] = Number.NaN;
    scores[3] = 0.8;
    const ranking = rankPatches(scores);
    expect(ranking[0]).toBe(3);
    expect(ranking[PATCHES - 1]).toBe(0);
  });
});
