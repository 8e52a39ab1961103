/**
 * Geometry of the per-block breakdown chart for a measured width: the plot box, scales, ticks and one
 * path per stacked series (every block's segment of that series in one path). Pure and memoised on the
 * data, so a rate change costs a few dozen path strings rather than hundreds of elements.
 */
import {
  bandScale,
  linearScale,
  type BandScale,
  type ContinuousScale,
} from '../../charts/svg/scale';
import { niceTicks } from '../../charts/svg/ticks';
import type { BreakdownData, BreakdownSeries } from './breakdownData';

export const BREAKDOWN_CHART_HEIGHT_PX = 310;
/** Space left of the plot: margin, tick labels and the rotated y title. */
const PLOT_LEFT_PX = 72;
const PLOT_RIGHT_GAP_PX = 12;
const PLOT_TOP_PX = 8;
/** Space under the plot: block indices, stage names and the x title. */
const PLOT_BOTTOM_GAP_PX = 60;
/** Gap between a block's static and dynamic bars, px. */
const BAR_GAP_PX = 1;
/** Space on either side of a block's pair of bars, as a fraction of the block's step. */
const CATEGORY_GAP = 0.18;

/** One stacked series drawn as one path. */
export interface SeriesPath {
  key: string;
  series: BreakdownSeries;
  d: string;
}

export interface BreakdownGeometry {
  widthPx: number;
  heightPx: number;
  plot: { left: number; right: number; top: number; bottom: number };
  band: BandScale;
  y: ContinuousScale;
  yTicks: number[];
  /** Left edge of the static bar of block i (the dynamic bar is right of it), px. */
  barX: (i: number, side: 'static' | 'dynamic') => number;
  barWidth: number;
  paths: SeriesPath[];
}

/** The last path drawn per series key, with the frame and the values and bases it was drawn from. */
const lastPaths = new Map<string, { frame: string; sig: readonly number[]; d: string }>();
/** Series keys remembered (a model has a few dozen); past this the memory starts again. */
const LAST_PATHS_LIMIT = 256;

/** A coordinate of a bar path: rounded to 0.01 px. */
const px = (v: number) => Math.round(v * 100) / 100;

/**
 * The horizontal parts of each block's bar rectangles, written once per frame: a bar's left and right
 * edges depend on the width and the block count, not on the numbers, so a rate change formats only the
 * tops and bottoms. `[i]` for block i: `M<left> ` and `H<right>V`, and the closing `H<left>Z`.
 */
const barEdges = new Map<string, { open: string; right: string; close: string }[]>();

function edgesFor(
  frame: string,
  n: number,
  x: (i: number) => number,
  width: number,
): { open: string; right: string; close: string }[] {
  let edges = barEdges.get(frame);
  if (!edges) {
    edges = [];
    for (let i = 0; i < n; i++) {
      const left = px(x(i));
      edges.push({ open: `M${left} `, right: `H${px(x(i) + width)}V`, close: `H${left}Z` });
    }
    if (barEdges.size >= 8) barEdges.clear();
    barEdges.set(frame, edges);
  }
  return edges;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Plot box, scales and the series paths of `data` at `widthPx`. */
export function breakdownGeometry(data: BreakdownData, widthPx: number): BreakdownGeometry {
  const heightPx = BREAKDOWN_CHART_HEIGHT_PX;
  const plot = {
    left: PLOT_LEFT_PX,
    right: Math.max(PLOT_LEFT_PX + 1, widthPx - PLOT_RIGHT_GAP_PX),
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const band = bandScale(data.rows.length, [plot.left, plot.right], 2 * CATEGORY_GAP, CATEGORY_GAP);
  const maxMs = Math.max(0, ...data.rows.map((r) => Math.max(r.staticMs, r.dynamicMs)));
  const { domain, ticks } = niceTicks(0, maxMs > 0 ? maxMs : 1, 4);
  const y = linearScale(domain, [plot.bottom, plot.top]);
  const barWidth = Math.max(0.5, (band.bandwidth - BAR_GAP_PX) / 2);
  const barX = (i: number, side: 'static' | 'dynamic') =>
    band.start(i) + (side === 'static' ? 0 : barWidth + BAR_GAP_PX);
  // Stack each bar bottom-up in series order: a segment sits on the ones below it. A series drawn
  // before from the same values on the same base and frame keeps its path (on a rate change: the
  // static bars), so only the series that moved are written again.
  const frame = `${widthPx} ${domain[0]} ${domain[1]} ${data.rows.length}`;
  const stacked = data.rows.map(() => ({ static: 0, dynamic: 0 }));
  const paths = data.series.map((series) => {
    const n = data.rows.length;
    const sig = new Array<number>(2 * n);
    for (let i = 0; i < n; i++) {
      sig[2 * i] = Number(data.rows[i]![series.dataKey] ?? 0);
      sig[2 * i + 1] = stacked[i]![series.side];
    }
    const last = lastPaths.get(series.dataKey);
    let d = '';
    if (last && last.frame === frame && sameNumbers(last.sig, sig)) d = last.d;
    else {
      // `M x y H x2 V y2 H x Z` per rectangle, the block's edges formatted once per frame.
      const edges = edgesFor(`${frame} ${series.side}`, n, (i) => barX(i, series.side), barWidth);
      for (let i = 0; i < n; i++) {
        const v = sig[2 * i]!;
        if (!(v > 0)) continue;
        const below = sig[2 * i + 1]!;
        const top = y(below + v);
        const e = edges[i]!;
        d += `${e.open}${px(top)}${e.right}${px(top + (y(below) - top))}${e.close}`;
      }
      if (lastPaths.size >= LAST_PATHS_LIMIT) lastPaths.clear();
      lastPaths.set(series.dataKey, { frame, sig, d });
    }
    for (let i = 0; i < n; i++) {
      const v = sig[2 * i]!;
      if (v > 0) stacked[i]![series.side] = sig[2 * i + 1]! + v;
    }
    return { key: series.dataKey, series, d };
  });
  return { widthPx, heightPx, plot, band, y, yTicks: ticks, barX, barWidth, paths };
}

/** Y tick text: "0", "0.25", "1.2e-3" (three significant digits at most). */
export function formatTimeTick(v: number): string {
  return v === 0 ? '0' : v < 0.01 ? v.toExponential(0) : String(+v.toPrecision(3));
}
