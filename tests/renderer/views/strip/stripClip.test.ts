/** The strip painter skips a block's clip only when nothing drawn inside it would be cut. */
import { describe, expect, it } from 'vitest';
import type { DrawOp } from '../../../../renderer/src/views/strip/stripPlan';
import { fitsInside } from '../../../../renderer/src/views/strip/useStripCanvas';

const clip = { kind: 'clip', x: 10, y: 0, w: 40, h: 40 } as const;
const font = '400 9.5px monospace';

describe('fitsInside', () => {
  it('a picture and a short rate text inside the block fit', () => {
    const ops: DrawOp[] = [
      clip,
      { kind: 'rect', x: 22, y: 6, w: 16, h: 16, fill: '#fff' },
      { kind: 'rect', x: 21.5, y: 5.5, w: 17, h: 17, stroke: '#000', lineWidth: 1 },
      // "0.44": 4 × 9.5 × 0.65 = 24.7 px wide around x = 30 → 17.65…42.35, inside 10…50.
      { kind: 'text', x: 30, y: 30, text: '0.44', color: '#000', font },
      { kind: 'unclip' },
    ];
    expect(fitsInside(ops, 0, clip)).toBe(true);
  });

  it('a stroke on the edge, a rectangle past it, or a long text do not', () => {
    const stroke: DrawOp = {
      kind: 'rect',
      x: 10,
      y: 5,
      w: 10,
      h: 10,
      stroke: '#000',
      lineWidth: 1,
    };
    const past: DrawOp = { kind: 'rect', x: 45, y: 5, w: 6, h: 6, fill: '#000' };
    // "0.4375": 6 × 9.5 × 0.65 = 37.05 px around x = 30 → 11.5…48.5 fits; around x = 35 it does not.
    const fits: DrawOp = { kind: 'text', x: 30, y: 20, text: '0.4375', color: '#000', font };
    const long: DrawOp = { ...fits, x: 35 };
    const check = (op: DrawOp) => fitsInside([clip, op, { kind: 'unclip' }], 0, clip);
    expect(check(stroke)).toBe(false);
    expect(check(past)).toBe(false);
    expect(check(fits)).toBe(true);
    expect(check(long)).toBe(false);
  });

  it('an unclosed clip keeps its clip', () => {
    expect(
      fitsInside([clip, { kind: 'rect', x: 20, y: 5, w: 5, h: 5, fill: '#000' }], 0, clip),
    ).toBe(false);
  });
});
