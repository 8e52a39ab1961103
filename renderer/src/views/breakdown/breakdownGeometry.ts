/**
 * Geometry of the per-block breakdown chart for a measured width: the plot box, scales, ticks and one
 * path per stacked series (every block's segment of that series in one path). Pure and memoised on the
 * data, so a rate change costs a few dozen path strings rather than hundreds of elements.
 */
import { rectPath } from '../../charts/svg/pointer';
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
  // Stack each bar bottom-up in series order: a segment sits on the ones below it.
  const stacked = data.rows.map(() => ({ static: 0, dynamic: 0 }));
  const paths = data.series.map((series) => {
    let d = '';
    data.rows.forEach((row, i) => {
      const v = Number(row[series.dataKey] ?? 0);
      if (!(v > 0)) return;
      const below = stacked[i]![series.side];
      const top = y(below + v);
      d += rectPath(barX(i, series.side), top, barWidth, y(below) - top);
      stacked[i]![series.side] = below + v;
    });
    return { key: series.dataKey, series, d };
  });
  return { widthPx, heightPx, plot, band, y, yTicks: ticks, barX, barWidth, paths };
}

/** Y tick text: "0", "0.25", "1.2e-3" (three significant digits at most). */
export function formatTimeTick(v: number): string {
  return v === 0 ? '0' : v < 0.01 ? v.toExponential(0) : String(+v.toPrecision(3));
}
