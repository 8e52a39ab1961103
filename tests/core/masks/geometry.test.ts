import { describe, expect, it } from 'vitest';
import {
  blockMasks,
  conv1Mask,
  countKept,
  expandChannelMask,
  expectedConv1Density,
  gridForRate,
  gridShape,
  keptCellCount,
  maskDensity,
  upsampleGrid,
} from '../../../core/masks/geometry';
import type { Mask2D } from '../../../core/masks/geometry';

/** Builds a mask from rows of 0/1 characters, e.g. ['10', '01']. */
function mask(rows: string[]): Mask2D {
  const width = rows[0]?.length ?? 0;
  const data = Uint8Array.from(rows.join('').split(''), (c) => (c === '1' ? 1 : 0));
  return { data, height: rows.length, width };
}

/** Renders a mask back to rows of 0/1 characters (readable failures). */
function rows(m: Mask2D): string[] {
  const out: string[] = [];
  for (let i = 0; i < m.height; i++)
    out.push(Array.from(m.data.subarray(i * m.width, (i + 1) * m.width)).join(''));
  return out;
}

describe('upsampleGrid (conv3/conv2 masks)', () => {
  it('repeats each decision over its S×S patch', () => {
    expect(rows(upsampleGrid(mask(['10', '01']), 2, 4, 4))).toEqual([
      '1100',
      '1100',
      '0011',
      '0011',
    ]);
  });

  it('gives edge patches only the pixels that exist (S = 4 on a 7×7 map)', () => {
    const up = upsampleGrid(mask(['00', '01']), 4, 7, 7);
    expect(rows(up)).toEqual([
      '0000000',
      '0000000',
      '0000000',
      '0000000',
      '0000111',
      '0000111',
      '0000111',
    ]);
    expect(maskDensity(up)).toBeCloseTo(9 / 49, 12);
  });
});

describe('conv1Mask (3×3 dilation with the stride mapping)', () => {
  it('stride 1: dilates a 2×2 patch to 3×3 inside a 4×4 map', () => {
    const conv2 = upsampleGrid(mask(['10', '00']), 2, 4, 4);
    const c1 = conv1Mask(conv2, 1, 4, 4);
    expect(rows(c1)).toEqual(['1110', '1110', '1110', '0000']);
    expect(maskDensity(c1)).toBe(9 / 16);
    expect(maskDensity(conv2)).toBe(4 / 16);
  });

  it('stride 1: a single interior pixel becomes a 3×3 square', () => {
    const c1 = conv1Mask(mask(['00000', '00000', '00100', '00000', '00000']), 1, 5, 5);
    expect(rows(c1)).toEqual(['00000', '01110', '01110', '01110', '00000']);
  });

  it('stride 2: output (1,1) maps to input (2,2) before the dilation', () => {
    const c1 = conv1Mask(mask(['00', '01']), 2, 4, 4);
    expect(rows(c1)).toEqual(['0000', '0111', '0111', '0111']);
  });

  it('stride 2: output (0,0) maps to the corner, where the dilation is clipped', () => {
    const c1 = conv1Mask(mask(['10', '00']), 2, 4, 4);
    expect(rows(c1)).toEqual(['1100', '1100', '0000', '0000']);
  });

  it('stride 2: a full output mask covers the whole input', () => {
    expect(maskDensity(conv1Mask(mask(['11', '11']), 2, 4, 4))).toBe(1);
  });
});

describe('blockMasks', () => {
  it('stride-2 block: conv2 = conv3 at the output side, conv1 at the input side', () => {
    const m = blockMasks(mask(['01', '00']), 2, { inSize: 8, outSize: 4, stride: 2 });
    expect(m.conv2).toBe(m.conv3);
    expect(rows(m.conv3)).toEqual(['0011', '0011', '0000', '0000']);
    // Kept outputs (0,2),(0,3),(1,2),(1,3) map to inputs rows {0,2} × cols {4,6}; dilation → rows 0-3, cols 3-7.
    expect(rows(m.conv1)).toEqual([
      '00011111',
      '00011111',
      '00011111',
      '00011111',
      '00000000',
      '00000000',
      '00000000',
      '00000000',
    ]);
    expect(maskDensity(m.conv1)).toBeGreaterThanOrEqual(maskDensity(m.conv2));
  });
});

describe('kept-cell counts (the predictor rounding ⌈(r·⌈h/S⌉)·⌈w/S⌉⌉)', () => {
  it('matches the worked example of the latency spec (0.7 on 56×56 → 2196)', () => {
    expect(keptCellCount(0.7, 56, 56, 1)).toBe(2196);
  });

  it('counts partial edge cells and rounds up', () => {
    expect(gridShape(7, 7, 4)).toEqual({ rows: 2, cols: 2 });
    expect(keptCellCount(0.3, 7, 7, 4)).toBe(2); // ⌈(0.3·2)·2⌉ = ⌈1.2⌉
    expect(keptCellCount(0.5, 56, 56, 4)).toBe(98);
    expect(keptCellCount(0.5, 7, 7, 7)).toBe(1); // one cell: any positive rate keeps it
    expect(keptCellCount(0, 56, 56, 4)).toBe(0);
    expect(keptCellCount(1, 28, 28, 7)).toBe(16);
  });

  it('gridForRate keeps exactly that many cells, spread or by score', () => {
    for (const r of [0, 0.1, 0.33, 0.5, 0.7, 1]) {
      const g = gridForRate(r, 14, 14);
      expect(countKept(g.data)).toBe(keptCellCount(r, 56, 56, 4));
    }
    const scored = gridForRate(0.5, 2, 2, [0.1, 3, -1, 2]);
    expect(Array.from(scored.data)).toEqual([0, 1, 0, 1]);
    expect(() => gridForRate(0.5, 2, 2, [1, 2])).toThrow(RangeError);
  });
});

describe('expandChannelMask', () => {
  it('expands contiguous groups of G channels', () => {
    expect(Array.from(expandChannelMask(Uint8Array.from([1, 0, 1]), 2, 6))).toEqual([
      1, 1, 0, 0, 1, 1,
    ]);
    expect(Array.from(expandChannelMask(Uint8Array.from([0, 1]), 4, 8))).toEqual([
      0, 0, 0, 0, 1, 1, 1, 1,
    ]);
  });
});

/** Exact expected conv1 density by enumerating every decision grid (independent cells kept with prob r). */
function bruteForceConv1Density(
  r: number,
  S: number,
  inSize: number,
  outSize: number,
  stride: number,
): number {
  const { rows: gr, cols: gc } = gridShape(outSize, outSize, S);
  const cells = gr * gc;
  let expectation = 0;
  for (let bits = 0; bits < 1 << cells; bits++) {
    const data = new Uint8Array(cells);
    let kept = 0;
    for (let c = 0; c < cells; c++) {
      data[c] = (bits >> c) & 1;
      kept += data[c] as number;
    }
    const p = r ** kept * (1 - r) ** (cells - kept);
    const m = blockMasks({ data, height: gr, width: gc }, S, { inSize, outSize, stride });
    expectation += p * maskDensity(m.conv1);
  }
  return expectation;
}

describe('expectedConv1Density', () => {
  it('hand case: a 2×2 map at S = 1, stride 1 — every pixel sees all 4 cells', () => {
    expect(expectedConv1Density(0.5, 1, { inSize: 2, outSize: 2, stride: 1 })).toBeCloseTo(
      1 - 0.5 ** 4,
      14,
    );
  });

  it('equals the rate when the grid is one cell (layer skipping)', () => {
    expect(expectedConv1Density(0.37, 7, { inSize: 7, outSize: 7, stride: 1 })).toBeCloseTo(
      0.37,
      14,
    );
    expect(expectedConv1Density(0.37, 28, { inSize: 56, outSize: 28, stride: 2 })).toBeCloseTo(
      0.37,
      14,
    );
  });

  it('agrees with exhaustive enumeration of grids (stride 1 and 2, partial patches)', () => {
    const cases = [
      { S: 2, inSize: 4, outSize: 4, stride: 1 },
      { S: 1, inSize: 6, outSize: 3, stride: 2 },
      { S: 2, inSize: 10, outSize: 5, stride: 2 },
      { S: 4, inSize: 7, outSize: 7, stride: 1 },
    ];
    for (const c of cases) {
      for (const r of [0.2, 0.5, 0.9]) {
        expect(expectedConv1Density(r, c.S, c)).toBeCloseTo(
          bruteForceConv1Density(r, c.S, c.inSize, c.outSize, c.stride),
          12,
        );
      }
    }
  });

  it('is at least the rate and hits 0 and 1 at the ends', () => {
    const shape = { inSize: 56, outSize: 56, stride: 1 };
    expect(expectedConv1Density(0, 4, shape)).toBe(0);
    expect(expectedConv1Density(1, 4, shape)).toBe(1);
    for (const r of [0.1, 0.5, 0.9]) expect(expectedConv1Density(r, 4, shape)).toBeGreaterThan(r);
  });
});
