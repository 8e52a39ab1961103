import { memo, useMemo, useState, type ReactNode } from 'react';
import {
  Axis,
  GridLines,
  SvgTooltip,
  bandScale,
  decadeTicks,
  keepMax,
  linearScale,
  localPoint,
  logScale,
  ticksWithin,
  useMeasuredWidth,
  type BandScale,
  type ContinuousScale,
} from '../../charts/svg';
import { formatMs } from '../../format';
import type { HardwareDatum } from './hardwareData';

const ROW_PX = 27;
/** Room for the preset names left of the plot, px. */
const PLOT_LEFT_PX = 142;
const PLOT_TOP_PX = 18;
/** Tick labels and the axis title under the plot, px. */
const PLOT_BOTTOM_GAP_PX = 54;

export function hardwareChartHeightPx(rows: number): number {
  return rows * ROW_PX + 68;
}

function HardwareTooltip({ row }: { row: HardwareDatum }) {
  return (
    <>
      <div className="chart-tooltip-title">
        {row.shortLabel}
        {row.current ? ' (current)' : ''}
      </div>
      <div>
        Ratio <strong className="mono">{row.ratio.toFixed(3)}</strong> · speed-up{' '}
        <span className="mono">{row.speedup.toFixed(2)}×</span>
      </div>
      <div>
        Dynamic <span className="mono">{formatMs(row.msPerImage)}</span> / image · static{' '}
        <span className="mono">{formatMs(row.staticMsPerImage)}</span>
      </div>
      <div>Batch size {row.batchSize}</div>
      {row.validated ? null : <div className="hint">Not validated against measurements</div>}
    </>
  );
}

const barColor = (r: HardwareDatum) => (r.current ? 'var(--accent)' : 'var(--hw-bar)');

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface PresetBarsProps {
  rows: HardwareDatum[];
  testId: string;
  label: string;
  rightGapPx: number;
  /** The x scale and its ticks for the plot's horizontal extent. */
  xAxis: (range: [number, number]) => {
    x: ContinuousScale;
    ticks: { value: number; label: string }[];
  };
  title: string;
  /** The bars (and anything drawn over them) of every row. */
  children: (x: ContinuousScale, band: BandScale, plot: Plot) => ReactNode;
}

/** Horizontal bars, one band per preset: names on the left, an x axis with its title, hover tooltip. */
function PresetBars({ rows, testId, label, rightGapPx, xAxis, title, children }: PresetBarsProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const heightPx = hardwareChartHeightPx(rows.length);
  const plot: Plot = {
    left: PLOT_LEFT_PX,
    right: Math.max(PLOT_LEFT_PX + 1, widthPx - rightGapPx),
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const band = bandScale(rows.length, [plot.top, plot.bottom]);
  const { x } = xAxis([plot.left, plot.right]);
  // Gridlines and both axes change with the width, the x domain or the presets' labels, not with a
  // rate: built once per such change, so a rate change reconciles only the bars.
  const labelsKey = rows
    .map((r) => `${r.id}|${r.shortLabel}|${r.validated ? 1 : 0}|${r.current ? 1 : 0}`)
    .join(' ');
  const frame = useMemo(
    () => {
      const { x: fx, ticks } = xAxis([plot.left, plot.right]);
      const xTicks = ticks.map((t) => ({ key: t.value, pos: fx(t.value), label: t.label }));
      const fband = bandScale(rows.length, [plot.top, plot.bottom]);
      const yTicks = rows.map((r, i) => ({
        key: r.id,
        pos: fband.center(i),
        label: `${r.shortLabel}${r.validated ? '' : ' †'}`,
      }));
      const current = new Set(rows.filter((r) => r.current).map((r) => r.id));
      return {
        grid: (
          <GridLines
            direction="vertical"
            positions={xTicks.map((t) => t.pos)}
            extent={[plot.top, plot.bottom]}
          />
        ),
        axes: (
          <>
            <Axis
              side="bottom"
              at={plot.bottom}
              extent={[plot.left, plot.right]}
              ticks={xTicks}
              title={title}
              titleAt={heightPx - 8}
            />
            <Axis
              side="left"
              at={plot.left}
              extent={[plot.top, plot.bottom]}
              ticks={yTicks}
              tickSize={0}
              renderLabel={(t, labelX) => (
                <text
                  className={`svg-tick-label${current.has(String(t.key)) ? ' hw-current' : ''}`}
                  x={labelX - 2}
                  y={t.pos}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {t.label}
                </text>
              )}
            />
          </>
        ),
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the frame shows (labelsKey)
    [xAxis, plot.left, plot.right, plot.top, plot.bottom, heightPx, title, labelsKey],
  );
  const hovered = hover ? rows[hover.index] : undefined;
  return (
    <div ref={ref} className="svg-chart" style={{ height: heightPx }} data-testid={testId}>
      <svg
        width={widthPx}
        height={heightPx}
        role="img"
        aria-label={label}
        onPointerMove={(e) => {
          const p = localPoint(e);
          const inside = p.x >= plot.left && p.x <= plot.right;
          const index = inside ? band.indexAt(p.y) : -1;
          setHover(index < 0 ? null : { index, ...p });
        }}
        onPointerLeave={() => setHover(null)}
      >
        {frame.grid}
        {hover ? (
          <rect
            className="svg-cursor"
            x={plot.left}
            y={band.start(hover.index)}
            width={plot.right - plot.left}
            height={band.step}
          />
        ) : null}
        {children(x, band, plot)}
        {frame.axes}
      </svg>
      {hover && hovered ? (
        <SvgTooltip x={hover.x} y={hover.y} widthPx={widthPx} heightPx={heightPx}>
          <HardwareTooltip row={hovered} />
        </SvgTooltip>
      ) : null}
    </div>
  );
}

/** Horizontal bars of the latency ratio per preset, with the static line at 1. */
export const RatioChart = memo(function RatioChart({ rows }: { rows: HardwareDatum[] }) {
  // One step of headroom (0.2) over the largest ratio, kept while the bars fit (derived state).
  const needed = (Math.ceil(Math.max(1.1, ...rows.map((r) => r.ratio)) * 5) + 1) / 5;
  const [drawnMax, setDrawnMax] = useState(needed);
  const maxX = keepMax(drawnMax, needed);
  if (maxX !== drawnMax) setDrawnMax(maxX);
  const xAxis = useMemo(
    () => (range: [number, number]) => ({
      x: linearScale([0, maxX], range),
      ticks: ticksWithin(0, maxX, 5).map((v) => ({ value: v, label: String(v) })),
    }),
    [maxX],
  );
  return (
    <PresetBars
      rows={rows}
      testId="hardware-ratio-chart"
      label="Latency ratio, dynamic over static, per hardware preset"
      rightGapPx={48}
      xAxis={xAxis}
      title="Latency ratio, dynamic / static (lower is faster)"
    >
      {(x, band, plot) => (
        <>
          <g className="hw-bars">
            {rows.map((r, i) => (
              <g key={r.id}>
                <rect
                  className="hw-bar"
                  x={x(0)}
                  y={band.center(i) - 7.5}
                  width={Math.max(0, x(r.ratio) - x(0))}
                  height={15}
                  fill={barColor(r)}
                  fillOpacity={r.validated ? 1 : 0.5}
                  stroke={r.validated ? 'none' : barColor(r)}
                  strokeDasharray="3 2"
                />
                <text className="svg-bar-label" x={x(r.ratio) + 5} y={band.center(i)} dy="0.32em">
                  {r.ratio.toFixed(3)}
                </text>
              </g>
            ))}
          </g>
          <line
            x1={x(1)}
            x2={x(1)}
            y1={plot.top}
            y2={plot.bottom}
            stroke="var(--bad)"
            strokeDasharray="4 3"
          />
          <text
            className="svg-bar-label"
            x={x(1)}
            y={plot.top - 5}
            textAnchor="middle"
            style={{ fill: 'var(--bad)' }}
          >
            static
          </text>
        </>
      )}
    </PresetBars>
  );
});

/** Horizontal bars of ms per image, static and dynamic, on a log axis (Jetson boards are 50× slower). */
export const MsPerImageChart = memo(function MsPerImageChart({ rows }: { rows: HardwareDatum[] }) {
  const [lo, hi] = decadeTicks(rows.flatMap((r) => [r.msPerImage, r.staticMsPerImage])).domain;
  const xAxis = useMemo(
    () => (range: [number, number]) => ({
      x: logScale([lo, hi], range),
      ticks: decadeTicks([lo, hi]).ticks.map((v) => ({ value: v, label: String(v) })),
    }),
    [lo, hi],
  );
  return (
    <PresetBars
      rows={rows}
      testId="hardware-ms-chart"
      label="Latency per image, static and dynamic, per hardware preset (log scale)"
      rightGapPx={64}
      xAxis={xAxis}
      title="Latency per image (ms, log scale)"
    >
      {(x, band) => (
        <g className="hw-bars">
          {rows.map((r, i) => {
            const c = band.center(i);
            const x0 = x(lo);
            return (
              <g key={r.id}>
                <rect
                  className="hw-bar-static"
                  x={x0}
                  y={c - 8.5}
                  width={Math.max(0, x(r.staticMsPerImage) - x0)}
                  height={8}
                  fill="var(--hw-static)"
                />
                <rect
                  className="hw-bar"
                  x={x0}
                  y={c + 0.5}
                  width={Math.max(0, x(r.msPerImage) - x0)}
                  height={8}
                  fill={barColor(r)}
                  fillOpacity={r.validated ? 1 : 0.5}
                />
                <text className="svg-bar-label" x={x(r.msPerImage) + 5} y={c + 4.5} dy="0.32em">
                  {formatMs(r.msPerImage)}
                </text>
              </g>
            );
          })}
        </g>
      )}
    </PresetBars>
  );
});
