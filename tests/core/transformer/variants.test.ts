import { describe, expect, it } from 'vitest';
import {
  headRateSteps,
  keptTokens,
  MIN_TOKEN_RATE,
  minHeadRate,
  stemGeometry,
  T2T_STEM,
  T2T_VARIANT_IDS,
  T2T_VARIANTS,
} from '../../../core/transformer';

describe('T2T-ViT variants as data (spec §4)', () => {
  it('dimensions of the seven variants', () => {
    const dims = T2T_VARIANT_IDS.map((id) => {
      const v = T2T_VARIANTS[id];
      return [id, v.embedDim, v.depth, v.heads, v.headDim, v.mlpRatio, v.tokens];
    });
    expect(dims).toEqual([
      ['t2t_vit_7', 256, 7, 4, 64, 2, 197],
      ['t2t_vit_10', 256, 10, 4, 64, 2, 197],
      ['t2t_vit_12', 256, 12, 4, 64, 2, 197],
      ['t2t_vit_14', 384, 14, 6, 64, 3, 197],
      ['t2t_vit_19', 448, 19, 7, 64, 3, 197],
      ['t2t_vit_24', 512, 24, 8, 64, 3, 197],
      ['t2t_vit_14_wide', 768, 4, 12, 64, 3, 197],
    ]);
  });

  it('stem geometry: 3136 × 147, 784 × 576, 196 × 576 tokens', () => {
    expect(stemGeometry(T2T_STEM).map((g) => [g.side, g.tokens, g.width])).toEqual([
      [56, 3136, 147],
      [28, 784, 576],
      [14, 196, 576],
    ]);
  });

  it('T2T-ViT-19 counts, worked out by hand', () => {
    // Blocks 19 × (197·448·1344 [qkv] + 2·197²·448 [q·kᵀ, attn·v] + 197·448² [proj] + 2·197·448·1344 [MLP])
    // = 19 × 430,159,744; performers 152,836,096 + 102,785,536; projection 196·576·448 = 50,577,408;
    // head 448,000.
    expect(T2T_VARIANTS.t2t_vit_19.macs).toBe(8_479_682_176);
    // Blocks 19 × (10·448² + 9·448); performers 41,318 + 124,544 (+ 2 × 2,048 frozen features);
    // projection 258,496; class token 448; position table 197·448 = 88,256 (frozen); norm 896; head 449,000.
    expect(T2T_VARIANTS.t2t_vit_19.trainableParams).toBe(39_085_070);
    expect(T2T_VARIANTS.t2t_vit_19.params).toBe(39_177_422);
  });

  it("agrees with the authors' table (T2T-ViT README) to its precision, except T2T-ViT-24's MACs", () => {
    for (const id of T2T_VARIANT_IDS) {
      const v = T2T_VARIANTS[id];
      if (v.paperParamsM === null || v.paperMacsG === null) {
        expect(id).toBe('t2t_vit_14_wide'); // not in the table
        continue;
      }
      expect(Math.abs(v.params / 1e6 - v.paperParamsM), id).toBeLessThanOrEqual(0.05);
      const macsG = v.macs / 1e9;
      if (id === 't2t_vit_24') {
        // 13.66 G against the table's 13.8 G: 1.0 % below (see core/transformer/README.md).
        expect(macsG).toBeCloseTo(13.662, 3);
      } else expect(Math.abs(macsG - v.paperMacsG), id).toBeLessThanOrEqual(0.05);
    }
  });
});

describe('rates (spec §7.2, §9)', () => {
  it('[T7] kept tokens truncate the double product', () => {
    expect(keptTokens(0.7)).toBe(137);
    expect(keptTokens(0.37)).toBe(72);
    expect(keptTokens(1 / 197)).toBe(0);
    expect(keptTokens(MIN_TOKEN_RATE)).toBe(1);
    expect(MIN_TOKEN_RATE).toBeGreaterThan(1 / 197);
    expect(MIN_TOKEN_RATE).toBeLessThan(1 / 197 + 1e-17);
  });

  it('[T9] head steps are k/H', () => {
    expect(headRateSteps(T2T_VARIANTS.t2t_vit_19)).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => k / 7));
    expect(headRateSteps(T2T_VARIANTS.t2t_vit_14_wide)).toHaveLength(12);
    expect(minHeadRate(T2T_VARIANTS.t2t_vit_7)).toBe(0.25);
  });
});
