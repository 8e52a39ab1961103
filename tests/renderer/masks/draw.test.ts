import { describe, expect, it } from 'vitest';
import {
  channelStripRgba,
  gridLineOffsets,
  ponderRgba,
  rampColour,
} from '../../../renderer/src/views/masks/draw';

describe('rampColour', () => {
  it('runs from a dark first stop to a bright last stop and clamps', () => {
    expect(rampColour(0)).toEqual([48, 18, 59]);
    expect(rampColour(1)).toEqual([253, 231, 37]);
    expect(rampColour(-3)).toEqual([48, 18, 59]);
    expect(rampColour(Number.NaN)).toEqual([48, 18, 59]);
    expect(rampColour(0.5)).toEqual([33, 145, 140]);
  });

  it('gets brighter along the ramp', () => {
    const lum = (t: number) => {
      const [r, g, b] = rampColour(t);
      return 0.299 * r + 0.587 * g + 0.114 * b;
    };
    for (let i = 0; i < 10; i++) expect(lum((i + 1) / 10)).toBeGreaterThan(lum(i / 10));
  });
});

describe('ponderRgba', () => {
  it('colours counts relative to the number of blocks', () => {
    const ponder = { side: 2, counts: Uint16Array.of(0, 16, 8, 4), maxCount: 16, blocks: 16 };
    const px = ponderRgba(ponder, 16);
    expect(Array.from(px.subarray(0, 4))).toEqual([48, 18, 59, 255]);
    expect(Array.from(px.subarray(4, 8))).toEqual([253, 231, 37, 255]);
    expect(Array.from(px.subarray(8, 11))).toEqual([33, 145, 140]);
  });

  it('gives every pixel its count’s ramp colour and alpha, into `out` when it fits', () => {
    const side = 56;
    const counts = new Uint16Array(side * side);
    for (let i = 0; i < counts.length; i++) counts[i] = (i * 7919) % 34;
    const ponder = { side, counts, maxCount: 33, blocks: 33 };
    const out = new Uint8ClampedArray(side * side * 4);
    const px = ponderRgba(ponder, 33, 200, out);
    expect(px).toBe(out);
    for (let i = 0; i < counts.length; i++) {
      const c = rampColour((counts[i] as number) / 33);
      expect(Array.from(px.subarray(4 * i, 4 * i + 4))).toEqual([...c, 200]);
    }
    // Another side: a new array.
    expect(
      ponderRgba({ ...ponder, side: 2, counts: counts.subarray(0, 4) }, 33, 255, out),
    ).not.toBe(out);
  });
});

describe('gridLineOffsets', () => {
  it('places the inner lines of a 14-cell grid on 448 px every 32 px', () => {
    const lines = gridLineOffsets(448, 14);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe(32);
    expect(lines[12]).toBe(416);
  });

  it('draws no inner line for a single cell', () => {
    expect(gridLineOffsets(448, 1)).toEqual([]);
  });
});

describe('channelStripRgba', () => {
  it('paints one pixel per group', () => {
    const px = channelStripRgba(Uint8Array.of(1, 0), [1, 2, 3], [9, 8, 7]);
    expect(Array.from(px)).toEqual([1, 2, 3, 255, 9, 8, 7, 255]);
  });
});
