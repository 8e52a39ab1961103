import { describe, expect, it } from 'vitest';
import {
  breakdownGeometry,
  formatTimeTick,
} from '../../../../renderer/src/views/breakdown/breakdownGeometry';
import { TWO_BLOCKS } from './twoBlocks';

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
    const zero = {
      ...TWO_BLOCKS,
      rows: TWO_BLOCKS.rows.map((r) => ({ ...r, 'dynamic|conv2|memory': 0 })),
    };
    const paths = breakdownGeometry(zero, 472).paths;
    expect(paths.find((p) => p.key === 'dynamic|conv2|memory')!.d).toBe('');
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
