/**
 * The hardware charts' marks: bars from the axis' zero (ratio) or its lowest decade (ms), labels just
 * past each bar's end with the row's value, and the rows' packing for the canvas worker.
 */
import { describe, expect, it } from 'vitest';
import { bandScale, linearScale, logScale } from '../../../../renderer/src/charts/svg/scale';
import {
  msMarks,
  packRows,
  ratioMarks,
  unpackRows,
  type BarRow,
} from '../../../../renderer/src/views/hardware/barsPlan';

const rows: BarRow[] = [
  { ratio: 0.7, msPerImage: 1.176, staticMsPerImage: 1.677, current: true, validated: true },
  { ratio: 1.25, msPerImage: 0.31, staticMsPerImage: 0.25, current: false, validated: false },
];
const band = bandScale(2, [18, 72]);

describe('ratioMarks', () => {
  it('draws a bar per row from zero to its ratio, its label 5 px past the end, and the static line', () => {
    const x = linearScale([0, 1.4], [142, 422]);
    const marks = ratioMarks(rows, x, band, { top: 18, bottom: 72 });
    const bars = marks.filter((m) => m.kind === 'rect');
    expect(bars.map((b) => [b.x, b.w])).toEqual([
      [142, 140],
      [142, 250],
    ]);
    expect(bars.map((b) => [b.fill, b.alpha, b.dashed])).toEqual([
      ['accent', 1, false],
      ['bar', 0.5, true],
    ]);
    const labels = marks.filter((m) => m.kind === 'text');
    expect(labels.map((l) => [l.text, l.x])).toEqual([
      ['0.700', 287],
      ['1.250', 397],
      ['static', 342],
    ]);
    expect(marks.filter((m) => m.kind === 'line')).toEqual([
      { kind: 'line', x1: 342, y1: 18, x2: 342, y2: 72, stroke: 'bad' },
    ]);
  });
});

describe('msMarks', () => {
  it('draws the static bar over the dynamic one on the log axis, labelled with the dynamic ms', () => {
    const x = logScale([0.1, 10], [142, 342]);
    const marks = msMarks(rows, x, band);
    const bars = marks.filter((m) => m.kind === 'rect');
    // log10(1.677 / 0.1) · 100 px per decade, and so on.
    expect(bars[0]!.w).toBeCloseTo(100 * Math.log10(16.77), 9);
    expect(bars[1]!.w).toBeCloseTo(100 * Math.log10(11.76), 9);
    expect(bars[0]!.fill).toBe('static');
    expect(bars[0]!.y).toBeLessThan(bars[1]!.y);
    expect(marks.filter((m) => m.kind === 'text').map((l) => l.text)).toEqual([
      '1.176 ms',
      '310.0 µs',
    ]);
  });
});

describe('packRows', () => {
  it('round-trips the values and flags the marks are drawn from', () => {
    const packed = packRows(rows);
    expect(packed).toBeInstanceOf(Float64Array);
    expect(unpackRows(structuredClone(packed))).toEqual(rows);
  });
});
