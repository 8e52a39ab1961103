import { describe, expect, it } from 'vitest';
import { listBlocks } from '../../../core/arch';
import { networkFlops } from '../../../core/flops';
import type { ReferenceDynMode } from '../../../core/maskfile';
import { imageFlopsRatios, rankImages, staticSetMacs } from '../../../core/maskset';
import { expectedConv1Density } from '../../../core/masks/geometry';
import { smallSet } from './helpers';

/** Rate of image i, block b (multiples of 1/64: exact in float32). */
const rateOf = (i: number, b: number) => ((i * 5 + b * 3) % 64) / 64;
const channelOf = (i: number, b: number) => ((i * 7 + b) % 32) / 32 + 1 / 64;

describe('per-image FLOPs ratios', () => {
  const cases: [string, ReferenceDynMode[], number[]][] = [
    ['spatial', ['spatial', 'spatial', 'spatial', 'spatial'], [4, 4, 2, 1]],
    ['layer', ['layer', 'layer', 'layer', 'layer'], [56, 28, 14, 7]],
    ['channel', ['channel', 'channel', 'channel', 'channel'], [1, 1, 1, 1]],
    ['mixed with spatial+channel', ['spatial', 'both', 'channel', 'layer'], [8, 4, 2, 7]],
  ];
  for (const [name, modes, S] of cases) {
    it(`equals the FLOPs counter of the same rates when conv1 has its expected density (${name})`, () => {
      const probe = smallSet({ modes, S, images: 1, rate: () => 1 });
      const geo = listBlocks(probe.arch);
      const set = smallSet({
        modes,
        S,
        images: 3,
        rate: (kind, i, b) => {
          if (kind === 'channel') return channelOf(i, b);
          const block = probe.blocks[b]!;
          const r = block.mode === 'layer' ? (rateOf(i, b) < 0.5 ? 0 : 1) : rateOf(i, b);
          return kind === 'conv1' ? expectedConv1Density(r, block.granularity!, geo[b]!) : r;
        },
      });
      const ratios = imageFlopsRatios(set);
      for (let i = 0; i < 3; i++) {
        const counted = networkFlops(set.arch, (g) => {
          const block = set.blocks[g.globalIndex]!;
          const k = i * 16 + g.globalIndex;
          return {
            mode: block.mode,
            spatialGranularity: block.granularity ?? 1,
            channelGroupSize: block.channelGroupSize ?? 1,
            rate: block.mode === 'channel' ? set.rates.channel[k]! : set.rates.spatial[k]!,
            channelRate: block.mode === 'spatial+channel' ? set.rates.channel[k]! : 1,
          };
        });
        expect(ratios[i]).toBeCloseTo(counted.flopsRatio, 6);
        expect(staticSetMacs(set)).toBeCloseTo(counted.staticMacs, 0);
      }
      expect(new Set(ratios).size).toBe(3);
    });
  }

  it('charges a measured conv1 density above the expectation, and is NaN without the rates', () => {
    const make = (conv1: number) =>
      smallSet({
        modes: ['spatial', 'spatial', 'spatial', 'spatial'],
        S: [4, 4, 2, 1],
        images: 1,
        rate: (kind) => (kind === 'conv1' ? conv1 : 0.25),
      });
    const low = imageFlopsRatios(make(0.25))[0]!;
    const high = imageFlopsRatios(make(0.75))[0]!;
    expect(high).toBeGreaterThan(low);
    const broken = make(0.5);
    broken.rates.conv2[4] = Number.NaN;
    expect(Number.isNaN(imageFlopsRatios(broken)[0]!)).toBe(true);
  });

  it('ranks images cheapest first, NaN last, ties in image order', () => {
    expect([...rankImages([0.5, Number.NaN, 0.2, 0.5, 0.1])]).toEqual([4, 2, 0, 3, 1]);
  });
});
