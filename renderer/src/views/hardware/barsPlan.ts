/**
 * What the hardware charts draw of the rows' values: bars, the static line and the value labels, as
 * plain marks in the chart's pixels. One plan is painted on the chart's canvas at every rate change
 * (barsCanvas.ts) and written into the chart's SVG when it is exported, so both show the same marks.
 * No DOM here.
 */
import {
  linearScale,
  logScale,
  type BandScale,
  type ContinuousScale,
} from '../../charts/svg/scale';
import { formatMs } from '../../format';
import type { HardwareDatum } from './hardwareData';

/** A colour of the theme, by role (barsCanvas.ts maps each to its CSS variable). */
export type MarkColor = 'accent' | 'bar' | 'static' | 'bad' | 'label';

export type Mark =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill: MarkColor;
      /** Fill opacity (0.5: a preset not validated against measurements). */
      alpha: number;
      /** A dashed outline in the fill's colour (unvalidated presets in the ratio chart). */
      dashed: boolean;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: MarkColor }
  | {
      kind: 'text';
      /** Baseline position. */
      x: number;
      y: number;
      text: string;
      fill: MarkColor;
      anchor: 'start' | 'middle';
    };

/** Size of the value labels, px (the SVG charts' `.svg-bar-label`). */
export const LABEL_FONT_PX = 10.5;
/** Baseline below a band's centre: the SVG labels' `dy="0.32em"`. */
const BASELINE_DY = 0.32 * LABEL_FONT_PX;
/** Gap between a bar's end and its label, px. */
const LABEL_GAP_PX = 5;
/** Dash of an unvalidated preset's outline, and of the static line, px. */
export const OUTLINE_DASH: readonly number[] = [3, 2];
export const STATIC_LINE_DASH: readonly number[] = [4, 3];

/** The plot's vertical extent, px. */
export interface PlotRows {
  top: number;
  bottom: number;
}

/** What the marks are drawn from: a row's values and the two flags that colour its bars. */
export type BarRow = Pick<
  HardwareDatum,
  'ratio' | 'msPerImage' | 'staticMsPerImage' | 'current' | 'validated'
>;

const barFill = (r: BarRow): MarkColor => (r.current ? 'accent' : 'bar');

/** Ratio bars from zero, each labelled with its ratio, and the static line at 1. */
export function ratioMarks(
  rows: readonly BarRow[],
  x: ContinuousScale,
  band: BandScale,
  plot: PlotRows,
): Mark[] {
  const x0 = x(0);
  const marks: Mark[] = [];
  rows.forEach((r, i) => {
    const c = band.center(i);
    const end = x(r.ratio);
    marks.push({
      kind: 'rect',
      x: x0,
      y: c - 7.5,
      w: Math.max(0, end - x0),
      h: 15,
      fill: barFill(r),
      alpha: r.validated ? 1 : 0.5,
      dashed: !r.validated,
    });
    marks.push(label(end + LABEL_GAP_PX, c + BASELINE_DY, r.ratio.toFixed(3)));
  });
  const one = x(1);
  marks.push({ kind: 'line', x1: one, y1: plot.top, x2: one, y2: plot.bottom, stroke: 'bad' });
  marks.push({
    kind: 'text',
    x: one,
    y: plot.top - 5,
    text: 'static',
    fill: 'bad',
    anchor: 'middle',
  });
  return marks;
}

/** Per preset a static bar over a dynamic one (log axis), the dynamic one labelled with its ms. */
export function msMarks(rows: readonly BarRow[], x: ContinuousScale, band: BandScale): Mark[] {
  const x0 = x(x.domain[0]);
  const marks: Mark[] = [];
  rows.forEach((r, i) => {
    const c = band.center(i);
    const end = x(r.msPerImage);
    marks.push({
      kind: 'rect',
      x: x0,
      y: c - 8.5,
      w: Math.max(0, x(r.staticMsPerImage) - x0),
      h: 8,
      fill: 'static',
      alpha: 1,
      dashed: false,
    });
    marks.push({
      kind: 'rect',
      x: x0,
      y: c + 0.5,
      w: Math.max(0, end - x0),
      h: 8,
      fill: barFill(r),
      alpha: r.validated ? 1 : 0.5,
      dashed: false,
    });
    marks.push(label(end + LABEL_GAP_PX, c + 4.5 + BASELINE_DY, formatMs(r.msPerImage)));
  });
  return marks;
}

function label(x: number, y: number, text: string): Mark {
  return { kind: 'text', x, y, text, fill: 'label', anchor: 'start' };
}

/** The two charts: their marks and the kind of their x scale. */
export const BAR_CHARTS = {
  ratio: { marks: ratioMarks, scale: linearScale },
  ms: { marks: msMarks, scale: logScale },
} as const;

export type BarChartKind = keyof typeof BAR_CHARTS;

const PACKED = 5;

/** Rows as numbers (five per row), for a message to the charts' worker: cheap to clone. */
export function packRows(rows: readonly BarRow[]): Float64Array {
  const out = new Float64Array(PACKED * rows.length);
  rows.forEach((r, i) => {
    out.set(
      [r.ratio, r.msPerImage, r.staticMsPerImage, r.current ? 1 : 0, r.validated ? 1 : 0],
      PACKED * i,
    );
  });
  return out;
}

/** The rows of {@link packRows}. */
export function unpackRows(packed: Float64Array): BarRow[] {
  const rows: BarRow[] = [];
  for (let i = 0; i + PACKED <= packed.length; i += PACKED)
    rows.push({
      ratio: packed[i]!,
      msPerImage: packed[i + 1]!,
      staticMsPerImage: packed[i + 2]!,
      current: packed[i + 3] === 1,
      validated: packed[i + 4] === 1,
    });
  return rows;
}
