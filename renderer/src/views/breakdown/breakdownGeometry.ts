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
import { keepMax } from '../../charts/svg/keepMax';
import { niceTicks, type LinearTicks } from '../../charts/svg/ticks';
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

/** What a drawing's bars stand in, whatever their values: the plot box, scales and ticks. */
export interface BreakdownFrame {
  widthPx: number;
  heightPx: number;
  plot: { left: number; right: number; top: number; bottom: number };
  band: BandScale;
  y: ContinuousScale;
  yTicks: number[];
  /** Left edge of the static bar of block i (the dynamic bar is right of it), px. */
  barX: (i: number, side: 'static' | 'dynamic') => number;
  barWidth: number;
}

export interface BreakdownGeometry extends BreakdownFrame {
  paths: SeriesPath[];
}

/**
 * The time axis of a drawing: its round domain and ticks, and the tallest static bar it was chosen for.
 */
export interface BreakdownAxis {
  ticks: LinearTicks;
  staticMaxMs: number;
}

/**
 * The time axis for `data`: the one drawn before (`drawn`, returned as is) while the static bars are the
 * same (a change of rates) and every bar fits under its top with the tallest reaching at least half of
 * it (see `keepMax`), so a rate change moves the dynamic bars and nothing else; otherwise round ticks
 * over the tallest bar.
 */
export function breakdownAxis(data: BreakdownData, drawn: BreakdownAxis | null): BreakdownAxis {
  let staticMaxMs = 0;
  let maxMs = 0;
  for (const r of data.rows) {
    staticMaxMs = Math.max(staticMaxMs, r.staticMs);
    maxMs = Math.max(maxMs, r.staticMs, r.dynamicMs);
  }
  const ticks = niceTicks(0, maxMs > 0 ? maxMs : 1, 4);
  if (drawn && drawn.staticMaxMs === staticMaxMs) {
    const top = drawn.ticks.domain[1];
    if (keepMax(top, ticks.domain[1]) === top) return drawn;
  }
  return { ticks, staticMaxMs };
}

/** The last path drawn per series key, with the frame and the values and bases it was drawn from. */
const lastPaths = new Map<string, { frame: string; sig: Float64Array; d: string }>();
/** Series keys remembered (a model has a few dozen); past this the memory starts again. */
const LAST_PATHS_LIMIT = 256;

/** A coordinate of a bar path: rounded to 0.01 px. */
const px = (v: number) => Math.round(v * 100) / 100;

/** The text after a coordinate's whole pixels for each hundredth: "", ".01" … ".1", ".11" … ".99". */
const HUNDREDTHS = Array.from({ length: 100 }, (_, h) => (h === 0 ? '' : String(h / 100).slice(1)));

/**
 * `px(v)` as text, written from integers and a table (V8 keeps small integers' text at hand, while a
 * fraction's shortest form is worked out each time): "129", "189.5", "159.25".
 */
export function pxText(v: number): string {
  const hundredths = Math.round(v * 100);
  if (!(hundredths >= 0 && hundredths < 1e9)) return String(px(v));
  const whole = Math.floor(hundredths / 100);
  return `${whole}${HUNDREDTHS[hundredths - whole * 100]!}`;
}

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

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The top of each block's stack on one side while its series are drawn bottom-up: the value, ms, and
 * its y as path text where a segment drawn in this pass ends there (null: not written yet).
 */
interface Stack {
  ms: Float64Array;
  text: (string | null)[];
}

/** Plot box, scales and ticks of `blocks` blocks at `widthPx` on time axis `axis`. */
export function breakdownFrame(
  blocks: number,
  widthPx: number,
  axis: BreakdownAxis,
): BreakdownFrame {
  const heightPx = BREAKDOWN_CHART_HEIGHT_PX;
  const plot = {
    left: PLOT_LEFT_PX,
    right: Math.max(PLOT_LEFT_PX + 1, widthPx - PLOT_RIGHT_GAP_PX),
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const band = bandScale(blocks, [plot.left, plot.right], 2 * CATEGORY_GAP, CATEGORY_GAP);
  const { domain, ticks } = axis.ticks;
  const y = linearScale(domain, [plot.bottom, plot.top]);
  const barWidth = Math.max(0.5, (band.bandwidth - BAR_GAP_PX) / 2);
  const barX = (i: number, side: 'static' | 'dynamic') =>
    band.start(i) + (side === 'static' ? 0 : barWidth + BAR_GAP_PX);
  return { widthPx, heightPx, plot, band, y, yTicks: ticks, barX, barWidth };
}

/**
 * Plot box, scales and the series paths of `data` at `widthPx` on time axis `axis` (in `frame`, when
 * given: the one {@link breakdownFrame} made for them).
 */
export function breakdownGeometry(
  data: BreakdownData,
  widthPx: number,
  axis: BreakdownAxis = breakdownAxis(data, null),
  frame: BreakdownFrame = breakdownFrame(data.rows.length, widthPx, axis),
): BreakdownGeometry {
  const { y, barX, barWidth } = frame;
  const domain = axis.ticks.domain;
  // Stack each bar bottom-up in series order: a segment sits on the ones below it. A series drawn
  // before from the same values on the same base and frame keeps its path (on a rate change: the
  // static bars), so only the series that moved are written again.
  const frameKey = `${widthPx} ${domain[0]} ${domain[1]} ${data.rows.length}`;
  const n = data.rows.length;
  const bottomText = pxText(y(0));
  const stackOf = (): Stack => ({
    ms: new Float64Array(n),
    text: new Array<string>(n).fill(bottomText),
  });
  const stacks: Record<'static' | 'dynamic', Stack> = { static: stackOf(), dynamic: stackOf() };
  const paths = data.series.map((series) => {
    const stack = stacks[series.side];
    const sig = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      sig[2 * i] = series.values[i] ?? 0;
      sig[2 * i + 1] = stack.ms[i]!;
    }
    const last = lastPaths.get(series.dataKey);
    let d: string;
    if (last && last.frame === frameKey && sameNumbers(last.sig, sig)) {
      d = last.d;
      for (let i = 0; i < n; i++) {
        const v = sig[2 * i]!;
        if (v > 0) {
          stack.ms[i] = sig[2 * i + 1]! + v;
          stack.text[i] = null;
        }
      }
    } else {
      // `M x y H x2 V y2 H x Z` per rectangle, the block's edges formatted once per frame; a segment's
      // bottom is the top of the one below it, formatted once.
      const edges = edgesFor(
        `${frameKey} ${series.side}`,
        n,
        (i) => barX(i, series.side),
        barWidth,
      );
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const v = sig[2 * i]!;
        if (!(v > 0)) continue;
        const below = sig[2 * i + 1]!;
        const top = below + v;
        const topText = pxText(y(top));
        const e = edges[i]!;
        parts.push(e.open, topText, e.right, stack.text[i] ?? pxText(y(below)), e.close);
        stack.ms[i] = top;
        stack.text[i] = topText;
      }
      d = parts.join('');
      if (lastPaths.size >= LAST_PATHS_LIMIT) lastPaths.clear();
      lastPaths.set(series.dataKey, { frame: frameKey, sig, d });
    }
    return { key: series.dataKey, series, d };
  });
  return { ...frame, paths };
}

/** Y tick text: "0", "0.25", "1.2e-3" (three significant digits at most). */
export function formatTimeTick(v: number): string {
  return v === 0 ? '0' : v < 0.01 ? v.toExponential(0) : String(+v.toPrecision(3));
}
