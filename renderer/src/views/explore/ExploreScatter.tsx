/**
 * A scatter plot for many points: the cloud is binned into 3-pixel cells and painted on a canvas (half a
 * million points draw in milliseconds); axes, the Pareto fronts, highlights and the hover ring are SVG on
 * top. Hover finds the nearest front point, else a point of the cell under the pointer.
 */
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import { formatTick, linearScale, logScale, type Scale } from './scale';

/** One coloured set of points. */
export interface ScatterSeries {
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Indices of the front, x ascending (drawn as a step line with dots). */
  front: readonly number[];
  /** Draw every point as a dot instead of binning (small sets, e.g. imported accuracies). */
  dots?: boolean;
}

/** A point to ring (an answer, the current configuration). */
export interface ScatterMark {
  x: number;
  y: number;
  color: string;
  label: string;
  shape: 'ring' | 'diamond';
}

export interface ScatterProps {
  series: readonly ScatterSeries[];
  marks?: readonly ScatterMark[];
  xLabel: string;
  yLabel: string;
  /** Formats y tick values (e.g. as percentages). */
  yTick?: (v: number) => string;
  /** Logarithmic x axis (latencies of devices far apart). */
  xLog?: boolean;
  height?: number;
  ariaLabel: string;
  tooltip: (series: number, index: number) => ReactNode;
  /** Click on a point; `shift` is true for a Shift+click. */
  onPick?: (series: number, index: number, shift: boolean) => void;
  testId?: string;
}

const M = { top: 14, right: 18, bottom: 46, left: 62 };
const CELL = 3;
const HIT_PX = 9;

function extent(
  series: readonly ScatterSeries[],
  axis: 'x' | 'y',
  positive: boolean,
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const a = s[axis];
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v) || (positive && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** `#rrggbb` → [r, g, b]. */
function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function ExploreScatter(props: ScatterProps) {
  const { series, marks = [], height = 400 } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const gridRef = useRef<{ idx: Int32Array; ser: Int8Array; cols: number } | null>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<{ s: number; i: number; px: number; py: number } | null>(null);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, Math.floor(el.clientWidth))));
    ro.observe(el);
    setWidth(Math.max(320, Math.floor(el.clientWidth)));
    return () => ro.disconnect();
  }, []);

  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const { xs, ys } = useMemo((): { xs: Scale; ys: Scale } => {
    const [x0, x1] = extent(series, 'x', props.xLog === true);
    const [y0, y1] = extent(series, 'y', false);
    return {
      xs: props.xLog ? logScale(x0, x1, 0, plotW) : linearScale(x0, x1, 0, plotW, 7),
      ys: linearScale(y0, y1, plotH, 0, 6),
    };
  }, [series, plotW, plotH, props.xLog]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(plotW * dpr);
    canvas.height = Math.round(plotH * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plotW, plotH);
    const cols = Math.ceil(plotW / CELL);
    const rows = Math.ceil(plotH / CELL);
    const idx = new Int32Array(cols * rows).fill(-1);
    const ser = new Int8Array(cols * rows);
    series.forEach((s, si) => {
      const counts = new Uint32Array(cols * rows);
      for (let i = 0; i < s.x.length; i++) {
        const x = s.x[i]!;
        const y = s.y[i]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const c = Math.floor(xs(x) / CELL);
        const r = Math.floor(ys(y) / CELL);
        if (c < 0 || r < 0 || c >= cols || r >= rows) continue;
        const cell = r * cols + c;
        counts[cell]!++;
        idx[cell] = i;
        ser[cell] = si;
      }
      if (s.dots) return;
      const [cr, cg, cb] = rgb(s.color);
      for (let cell = 0; cell < counts.length; cell++) {
        const n = counts[cell]!;
        if (n === 0) continue;
        const alpha = Math.min(0.6, 0.14 + 0.08 * Math.log2(n));
        ctx.fillStyle = `rgba(${cr},${cg},${cb},${alpha})`;
        ctx.fillRect((cell % cols) * CELL, Math.floor(cell / cols) * CELL, CELL, CELL);
      }
    });
    gridRef.current = { idx, ser, cols };
  }, [series, xs, ys, plotW, plotH]);

  function nearest(px: number, py: number) {
    const best = { s: -1, i: -1, d: Infinity };
    const consider = (s: number, i: number) => {
      const x = series[s]!.x[i]!;
      const y = series[s]!.y[i]!;
      const d = Math.hypot(xs(x) - px, ys(y) - py);
      if (d <= HIT_PX && d < best.d) Object.assign(best, { s, i, d });
    };
    series.forEach((s, si) => {
      if (s.dots) for (let i = 0; i < s.x.length; i++) consider(si, i);
      else for (const i of s.front) consider(si, i);
    });
    if (best.s >= 0) return best;
    const g = gridRef.current;
    if (!g) return null;
    const c0 = Math.floor(px / CELL);
    const r0 = Math.floor(py / CELL);
    for (let dr = -2; dr <= 2; dr++)
      for (let dc = -2; dc <= 2; dc++) {
        const c = c0 + dc;
        const r = r0 + dr;
        if (c < 0 || r < 0 || c >= g.cols) continue;
        const cell = r * g.cols + c;
        if (cell >= g.idx.length || g.idx[cell]! < 0) continue;
        consider(g.ser[cell]!, g.idx[cell]!);
      }
    return best.s >= 0 ? best : null;
  }

  function onMove(e: ReactPointerEvent<SVGSVGElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left - M.left;
    const py = e.clientY - rect.top - M.top;
    const hit = nearest(px, py);
    setHover(hit ? { s: hit.s, i: hit.i, px, py } : null);
  }

  const frontPath = (s: ScatterSeries) => {
    let d = '';
    s.front.forEach((i, k) => {
      const x = xs(s.x[i]!);
      const y = ys(s.y[i]!);
      d += k === 0 ? `M${x},${y}` : `H${x}V${y}`;
    });
    return d;
  };
  const yTick = props.yTick ?? formatTick;
  const hoverPoint = hover ? series[hover.s] : undefined;
  return (
    <div className="explore-plot" ref={wrapRef} style={{ height }} data-testid={props.testId}>
      <canvas
        ref={canvasRef}
        className="explore-canvas"
        style={{ left: M.left, top: M.top, width: plotW, height: plotH }}
      />
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={props.ariaLabel}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => hover && props.onPick?.(hover.s, hover.i, e.shiftKey)}
        style={{ cursor: hover && props.onPick ? 'pointer' : 'default' }}
      >
        <g transform={`translate(${M.left},${M.top})`}>
          {ys.ticks.map((t) => (
            <g key={`y${t}`} transform={`translate(0,${ys(t)})`}>
              <line x2={plotW} className="explore-grid" />
              <text x={-8} dy="0.32em" textAnchor="end" className="explore-tick">
                {yTick(t)}
              </text>
            </g>
          ))}
          {xs.ticks.map((t) => (
            <g key={`x${t}`} transform={`translate(${xs(t)},0)`}>
              <line y2={plotH} className="explore-grid" />
              <text y={plotH + 16} textAnchor="middle" className="explore-tick">
                {formatTick(t)}
              </text>
            </g>
          ))}
          <rect width={plotW} height={plotH} className="explore-frame" />
          {series.map((s, si) => (
            <g key={`s${si}`}>
              {s.dots
                ? Array.from({ length: s.x.length }, (_, i) => (
                    <circle
                      key={i}
                      cx={xs(s.x[i]!)}
                      cy={ys(s.y[i]!)}
                      r={4}
                      fill={s.color}
                      fillOpacity={0.55}
                    />
                  ))
                : null}
              <path d={frontPath(s)} fill="none" stroke={s.color} strokeWidth={2} />
              {s.front.map((i) => (
                <circle
                  key={i}
                  cx={xs(s.x[i]!)}
                  cy={ys(s.y[i]!)}
                  r={s.dots ? 5 : 3}
                  fill={s.color}
                  stroke="var(--panel)"
                  strokeWidth={1}
                />
              ))}
            </g>
          ))}
          {marks.map((m, k) =>
            m.shape === 'ring' ? (
              <circle
                key={`m${k}`}
                cx={xs(m.x)}
                cy={ys(m.y)}
                r={8}
                fill="none"
                stroke={m.color}
                strokeWidth={2.5}
              >
                <title>{m.label}</title>
              </circle>
            ) : (
              <rect
                key={`m${k}`}
                x={xs(m.x) - 6}
                y={ys(m.y) - 6}
                width={12}
                height={12}
                transform={`rotate(45 ${xs(m.x)} ${ys(m.y)})`}
                fill="var(--panel)"
                stroke={m.color}
                strokeWidth={2.5}
              >
                <title>{m.label}</title>
              </rect>
            ),
          )}
          {hover && hoverPoint ? (
            <circle
              cx={xs(hoverPoint.x[hover.i]!)}
              cy={ys(hoverPoint.y[hover.i]!)}
              r={6}
              fill="none"
              stroke="var(--text)"
              strokeWidth={2}
            />
          ) : null}
          <text x={plotW / 2} y={plotH + 36} textAnchor="middle" className="explore-axis-title">
            {props.xLabel}
          </text>
          <text
            transform={`translate(${-48},${plotH / 2}) rotate(-90)`}
            textAnchor="middle"
            className="explore-axis-title"
          >
            {props.yLabel}
          </text>
        </g>
      </svg>
      {hover ? (
        <div
          className="explore-tooltip"
          role="tooltip"
          style={tooltipPosition(hover.px + M.left, hover.py + M.top, width)}
        >
          {props.tooltip(hover.s, hover.i)}
        </div>
      ) : null}
    </div>
  );
}

function tooltipPosition(x: number, y: number, width: number): CSSProperties {
  const left = x > width - 300 ? undefined : x + 14;
  const right = x > width - 300 ? width - x + 14 : undefined;
  return { left, right, top: Math.max(4, y - 10) };
}
