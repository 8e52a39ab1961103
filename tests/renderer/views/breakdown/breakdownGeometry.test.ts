import { describe, expect, it } from 'vitest';
import {
  breakdownAxis,
  breakdownGeometry,
  formatTimeTick,
  pxText,
} from '../../../../renderer/src/views/breakdown/breakdownGeometry';
import { TWO_BLOCKS, withValues } from './twoBlocks';

describe('breakdownGeometry', () => {
  // Width 472: plot x 72…460 (two steps of 194), y 8…250 (242 px for 0…4 ms: 60.5 px per ms).
  // Bands: 18 % of a step on each side, so block 0's bars start at 72 + 34.92 = 106.92 and are
  // (0.64 × 194 − 1) / 2 = 61.58 px wide, the dynamic one 1 px right of the static one.
  const g = breakdownGeometry(TWO_BLOCKS, 472);

  it('scales time to a round domain with its ticks', () => {
    expect(g.plot).toEqual({ left: 72, right: 460, top: 8, bottom: 250 });
    expect(g.yTicks).toEqual([0, 1, 2, 3, 4]);
    expect(g.y(0)).toBe(250);
    expect(g.y(4)).toBe(8);
    expect(g.barWidth).toBeCloseTo(61.58, 9);
  });

  it('draws every block’s segment of a series in one path, stacked bottom-up', () => {
    const d = Object.fromEntries(g.paths.map((p) => [p.key, p.d]));
    expect(d['static|conv2|compute']).toBe(
      'M106.92 129H168.5V250H106.92Z' + 'M300.92 8H362.5V250H300.92Z',
    );
    expect(d['dynamic|conv2|compute']).toBe(
      'M169.5 189.5H231.08V250H169.5Z' + 'M363.5 189.5H425.08V250H363.5Z',
    );
    // Memory sits on compute: 1…1.5 ms for block 0, 1…2 ms for block 1.
    expect(d['dynamic|conv2|memory']).toBe(
      'M169.5 159.25H231.08V189.5H169.5Z' + 'M363.5 129H425.08V189.5H363.5Z',
    );
  });

  it('leaves a series without values as an empty path', () => {
    const zero = withValues(TWO_BLOCKS, 'dynamic|conv2|memory', [0, 0]);
    const paths = breakdownGeometry(zero, 472).paths;
    expect(paths.find((p) => p.key === 'dynamic|conv2|memory')!.d).toBe('');
  });
});

describe('breakdownGeometry after a change', () => {
  const pathsOf = (g: ReturnType<typeof breakdownGeometry>) =>
    Object.fromEntries(g.paths.map((p) => [p.key, p.d]));

  it('redraws the series whose values or base moved and keeps the others as they were', () => {
    breakdownGeometry(TWO_BLOCKS, 472);
    // Block 0's dynamic compute drops from 1 to 0.5 ms: its memory segment now sits on 0.5 ms.
    const moved = withValues(TWO_BLOCKS, 'dynamic|conv2|compute', [0.5, 1]);
    const d = pathsOf(breakdownGeometry(moved, 472));
    expect(d['static|conv2|compute']).toBe(
      'M106.92 129H168.5V250H106.92Z' + 'M300.92 8H362.5V250H300.92Z',
    );
    expect(d['dynamic|conv2|compute']).toBe(
      'M169.5 219.75H231.08V250H169.5Z' + 'M363.5 189.5H425.08V250H363.5Z',
    );
    expect(d['dynamic|conv2|memory']).toBe(
      'M169.5 189.5H231.08V219.75H169.5Z' + 'M363.5 129H425.08V189.5H363.5Z',
    );
    // And back: the first drawing again.
    expect(pathsOf(breakdownGeometry(TWO_BLOCKS, 472))['dynamic|conv2|memory']).toBe(
      'M169.5 159.25H231.08V189.5H169.5Z' + 'M363.5 129H425.08V189.5H363.5Z',
    );
  });

  it('redraws every series at a new width, unchanged values included', () => {
    breakdownGeometry(TWO_BLOCKS, 472);
    // Width 666: plot x 72…654, steps of 291; block 0 starts at 72 + 0.18 × 291 = 124.38, bars
    // (0.64 × 291 − 1) / 2 = 92.62 px wide.
    const d = pathsOf(breakdownGeometry(TWO_BLOCKS, 666));
    expect(d['static|conv2|compute']).toBe(
      'M124.38 129H217V250H124.38Z' + 'M415.38 8H508V250H415.38Z',
    );
  });

  it('places the bars by the width and block count of each drawing, not of an earlier one', () => {
    breakdownGeometry(TWO_BLOCKS, 666);
    // Back at 472 with block 0's dynamic compute at 0.5 ms: the edges of width 472.
    const moved = withValues(TWO_BLOCKS, 'dynamic|conv2|compute', [0.5, 1]);
    expect(pathsOf(breakdownGeometry(moved, 472))['dynamic|conv2|compute']).toBe(
      'M169.5 219.75H231.08V250H169.5Z' + 'M363.5 189.5H425.08V250H363.5Z',
    );
    // One block at the same width: one step of 388 (72…460); its dynamic bar starts at
    // 72 + 0.18 × 388 + (0.64 × 388 − 1) / 2 + 1 = 266.5 and is 123.66 px wide; its 1 ms of compute
    // reaches 250 − 121 = 129 on the 0…2 ms scale of its 2 ms static bar.
    const one = { ...TWO_BLOCKS, rows: TWO_BLOCKS.rows.slice(0, 1) };
    expect(pathsOf(breakdownGeometry(one, 472))['dynamic|conv2|compute']).toBe(
      'M266.5 129H390.16V250H266.5Z',
    );
  });

  it('redraws every series on a new time scale', () => {
    breakdownGeometry(TWO_BLOCKS, 472);
    // Static bars of 1 and 2 ms (half): the domain becomes 0…2 ms, 121 px per ms.
    const halved = {
      ...withValues(TWO_BLOCKS, 'static|conv2|compute', [1, 2]),
      rows: TWO_BLOCKS.rows.map((r) => ({ ...r, staticMs: r.staticMs / 2 })),
    };
    const g = breakdownGeometry(halved, 472);
    expect(g.yTicks[g.yTicks.length - 1]).toBe(2);
    // Block 0's dynamic compute (1 ms) now reaches 250 − 121 = 129.
    expect(pathsOf(g)['dynamic|conv2|compute']).toBe(
      'M169.5 129H231.08V250H169.5Z' + 'M363.5 129H425.08V250H363.5Z',
    );
  });
});

describe('breakdownAxis', () => {
  const top = (a: ReturnType<typeof breakdownAxis>) => a.ticks.domain[1];
  // TWO_BLOCKS: bars up to 4 ms (the static bar of block 1), ticks 0…4.
  const first = breakdownAxis(TWO_BLOCKS, null);
  const dynamicAt = (ms: number) => ({
    ...TWO_BLOCKS,
    rows: TWO_BLOCKS.rows.map((r, i) => (i === 1 ? { ...r, dynamicMs: ms } : r)),
  });

  it('spans the tallest bar with round ticks', () => {
    expect(first.ticks.ticks).toEqual([0, 1, 2, 3, 4]);
    expect(first.staticMaxMs).toBe(4);
  });

  it('keeps the axis drawn before while the static bars are the same and the bars fit', () => {
    expect(breakdownAxis(dynamicAt(3.9), first)).toBe(first);
    // A taller dynamic bar widens it; then it stays while the tallest bar reaches half of it.
    const wide = breakdownAxis(dynamicAt(5.5), first);
    expect(top(wide)).toBe(6);
    expect(breakdownAxis(TWO_BLOCKS, wide)).toBe(wide);
    const wider = breakdownAxis(dynamicAt(9), first);
    expect(top(wider)).toBe(10);
    // Bars under half of the top: the axis fits them again.
    expect(top(breakdownAxis(TWO_BLOCKS, wider))).toBe(4);
  });

  it('fits new static bars (another model, hardware or unit) at once', () => {
    const wide = breakdownAxis(dynamicAt(5.5), first);
    const taller = {
      ...TWO_BLOCKS,
      rows: TWO_BLOCKS.rows.map((r) => ({ ...r, staticMs: r.staticMs * 1.1 })),
    };
    expect(top(breakdownAxis(taller, wide))).toBe(5);
  });
});

describe('pxText', () => {
  it('writes a coordinate rounded to 0.01 px in its shortest form', () => {
    expect([129, 189.5, 159.25, 8.05, 8.5049, 0.004, 1234.567].map(pxText)).toEqual([
      '129',
      '189.5',
      '159.25',
      '8.05',
      '8.5',
      '0',
      '1234.57',
    ]);
    expect(pxText(-3.456)).toBe('-3.46');
    for (let k = 0; k < 2000; k++) {
      const v = (k * 0.61803398875 * 317) % 400;
      expect(pxText(v)).toBe(String(Math.round(v * 100) / 100));
    }
  });
});

describe('formatTimeTick', () => {
  it('writes three significant digits, small values in exponent form', () => {
    expect(formatTimeTick(0)).toBe('0');
    expect(formatTimeTick(0.25)).toBe('0.25');
    expect(formatTimeTick(1.2345)).toBe('1.23');
    expect(formatTimeTick(0.005)).toBe('5e-3');
  });
});
