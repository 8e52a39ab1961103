/**
 * Geometry of the theory-vs-practice scatter: one square domain for both axes (so that y = x is the
 * diagonal), its ticks, and each point's position, for a measured width.
 */
import { linearScale, type ContinuousScale } from '../../charts/svg/scale';
import type { Theory, TheoryPoint } from './theoryData';

export const THEORY_CHART_HEIGHT_PX = 340;
const PLOT_LEFT_PX = 72;
const PLOT_RIGHT_GAP_PX = 20;
const PLOT_TOP_PX = 10;
const PLOT_BOTTOM_GAP_PX = 50;

/** One square domain for both axes (in %), so that y = x is the diagonal and 0 is always shown. */
export function sharedDomain(points: readonly TheoryPoint[]): [number, number] {
  // A loop, not a spread of every value: the view asks at every rate change.
  let min = -10;
  let max = 0;
  for (const p of points) {
    const x = -p.flopsReduction * 100;
    const y = -p.latencyReduction * 100;
    min = Math.min(min, x, y);
    max = Math.max(max, x, y);
  }
  return [Math.floor(min / 10) * 10, Math.ceil(max / 10) * 10];
}

/** Headroom added on a side the points outgrow, in %, so that a drag does not move the axes at once. */
const DOMAIN_PAD = 10;

/**
 * The domain to draw during a drag: the one drawn before, stretched (with {@link DOMAIN_PAD} of headroom)
 * on a side a point leaves, never narrowed; the points' own, padded, when there is none yet.
 */
export function growDomain(
  drawn: readonly [number, number] | null,
  needed: readonly [number, number],
): [number, number] {
  const [lo, hi] = needed;
  if (!drawn) return [lo - DOMAIN_PAD, hi + DOMAIN_PAD];
  return [lo < drawn[0] ? lo - DOMAIN_PAD : drawn[0], hi > drawn[1] ? hi + DOMAIN_PAD : drawn[1]];
}

/**
 * The domain to draw once the rates rest, so that axes, ticks and gridlines stay put while rates move:
 * {@link growDomain}'s, unless the points would span under half of it: then their own, padded.
 */
export function keepDomain(
  drawn: readonly [number, number] | null,
  needed: readonly [number, number],
): [number, number] {
  const next = growDomain(drawn, needed);
  const [lo, hi] = needed;
  if (hi - lo < 0.5 * (next[1] - next[0])) return [lo - DOMAIN_PAD, hi + DOMAIN_PAD];
  return next;
}

/** Ticks of the shared domain: every 10, 20 or 25 points depending on its span. */
export function domainTicks([lo, hi]: readonly [number, number]): number[] {
  const span = hi - lo;
  const step = span > 120 ? 25 : span > 60 ? 20 : 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/** A plotted point: its changes in percent (negative: cheaper) and its position, px. */
export interface PlacedPoint {
  point: TheoryPoint;
  /** FLOPs change, %. */
  xPct: number;
  /** Latency change, %. */
  yPct: number;
  cx: number;
  cy: number;
}

export interface TheoryGeometry {
  widthPx: number;
  heightPx: number;
  plot: { left: number; right: number; top: number; bottom: number };
  domain: [number, number];
  ticks: number[];
  x: ContinuousScale;
  y: ContinuousScale;
  /** Blocks in stage order (drawn in this order), then the network. */
  blocks: PlacedPoint[];
  network: PlacedPoint;
}

/** `domain`: the one to draw (see {@link keepDomain}); by default the points' own. */
export function theoryGeometry(
  theory: Theory,
  widthPx: number,
  domain: [number, number] = sharedDomain([...theory.blocks, theory.network]),
): TheoryGeometry {
  const heightPx = THEORY_CHART_HEIGHT_PX;
  const plot = {
    left: PLOT_LEFT_PX,
    right: Math.max(PLOT_LEFT_PX + 1, widthPx - PLOT_RIGHT_GAP_PX),
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const x = linearScale(domain, [plot.left, plot.right]);
  const y = linearScale(domain, [plot.bottom, plot.top]);
  const place = (point: TheoryPoint): PlacedPoint => {
    const xPct = -point.flopsReduction * 100;
    const yPct = -point.latencyReduction * 100;
    return { point, xPct, yPct, cx: x(xPct), cy: y(yPct) };
  };
  const blocks = [...theory.blocks].sort((a, b) => a.stage - b.stage).map(place);
  return {
    widthPx,
    heightPx,
    plot,
    domain,
    ticks: domainTicks(domain),
    x,
    y,
    blocks,
    network: place(theory.network),
  };
}

/** The point nearest to (px, py) within `radiusPx`, or null. */
export function nearestPoint(
  points: readonly PlacedPoint[],
  px: number,
  py: number,
  radiusPx: number,
): PlacedPoint | null {
  let best: PlacedPoint | null = null;
  let bestD = radiusPx * radiusPx;
  for (const p of points) {
    const d = (p.cx - px) ** 2 + (p.cy - py) ** 2;
    if (d <= bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}
