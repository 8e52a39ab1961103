import { memo, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  Axis,
  GridLines,
  SvgTooltip,
  bandScale,
  decadeTicks,
  linearScale,
  localPoint,
  logScale,
  ticksWithin,
  useMeasuredWidth,
  type BandScale,
  type ContinuousScale,
  useLiveHover,
  type BandHover,
} from '../../charts/svg';
import { formatMs } from '../../format';
import type { HardwareDatum, HardwarePreset } from './hardwareData';
import {
  cachedAttrWriter,
  writeText,
  type AttrWrite,
  type Live,
} from '../../components/liveWrites';

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

const barColor = (r: HardwarePreset) => (r.current ? 'var(--accent)' : 'var(--hw-bar)');

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface PresetBarsProps {
  presets: HardwarePreset[];
  /** The rows' live values (bar lengths and labels are written from these, see `write`). */
  live: Live<HardwareDatum[]>;
  testId: string;
  label: string;
  rightGapPx: number;
  /** The x scale and its ticks for the plot's horizontal extent. */
  xAxis: (range: [number, number]) => {
    x: ContinuousScale;
    ticks: { value: number; label: string }[];
  };
  title: string;
  /** One `<g>` per preset: what does not change with a rate (positions across, colours). */
  renderRow: (preset: HardwarePreset, i: number, x: ContinuousScale, band: BandScale) => ReactNode;
  /** Drawn over the rows (the ratio chart's static line). */
  overlay?: (x: ContinuousScale, plot: Plot) => ReactNode;
  /** Writes the values of `rows` into the rows' `<g>` elements (lengths, label texts and places). */
  write: (
    rows: readonly HardwareDatum[],
    groups: HTMLCollection,
    x: ContinuousScale,
    writeAttr: AttrWrite,
  ) => void;
}

/**
 * Horizontal bars, one band per preset: names on the left, an x axis with its title, hover tooltip.
 * React draws the frame and the rows' fixed parts; a rate change only writes the bars' lengths and
 * labels (`write`, called for each value published on `live` and after each render).
 */
function PresetBars({
  presets,
  live,
  testId,
  label,
  rightGapPx,
  xAxis,
  title,
  renderRow,
  overlay,
  write,
}: PresetBarsProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const barsRef = useRef<SVGGElement>(null);
  const { hover, setHover, hovering, refresh } = useLiveHover<BandHover>();
  const heightPx = hardwareChartHeightPx(presets.length);
  const right = Math.max(PLOT_LEFT_PX + 1, widthPx - rightGapPx);
  const plot: Plot = {
    left: PLOT_LEFT_PX,
    right,
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const band = bandScale(presets.length, [plot.top, plot.bottom]);
  const { x, ticks } = useMemo(() => xAxis([PLOT_LEFT_PX, right]), [xAxis, right]);
  // Gridlines, both axes and the rows' fixed parts change with the width, the x domain or the presets,
  // not with a rate: built once per such change.
  const frame = useMemo(() => {
    const xTicks = ticks.map((t) => ({ key: t.value, pos: x(t.value), label: t.label }));
    const yTicks = presets.map((r, i) => ({
      key: r.id,
      pos: band.center(i),
      label: `${r.shortLabel}${r.validated ? '' : ' †'}`,
    }));
    const current = new Set(presets.filter((r) => r.current).map((r) => r.id));
    return {
      grid: (
        <GridLines
          direction="vertical"
          positions={xTicks.map((t) => t.pos)}
          extent={[plot.top, plot.bottom]}
        />
      ),
      rows: (
        <g className="hw-bars" ref={barsRef}>
          {presets.map((p, i) => renderRow(p, i, x, band))}
        </g>
      ),
      overlay: overlay?.(x, plot),
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- plot and band follow from these
  }, [
    x,
    ticks,
    presets,
    plot.left,
    plot.right,
    plot.top,
    plot.bottom,
    heightPx,
    title,
    renderRow,
    overlay,
  ]);
  useLayoutEffect(() => {
    const groups = barsRef.current?.children;
    if (!groups) return;
    const now = live.get();
    // The bars' lengths and the labels' places, compared with what was written last, not read back.
    const writeAttr = cachedAttrWriter();
    if (now) write(now, groups, x, writeAttr);
    return live.subscribe((rows) => {
      write(rows, groups, x, writeAttr);
      if (hovering.current) refresh();
    });
  }, [live, write, x, frame, hovering, refresh]);
  const hovered = hover ? live.get()?.[hover.index] : undefined;
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
        {frame.rows}
        {frame.overlay}
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

/** A ratio bar and its label; length, label text and place are written by {@link writeRatioRows}. */
function ratioRow(p: HardwarePreset, i: number, x: ContinuousScale, band: BandScale): ReactNode {
  return (
    <g key={p.id}>
      <rect
        className="hw-bar"
        x={x(0)}
        y={band.center(i) - 7.5}
        height={15}
        fill={barColor(p)}
        fillOpacity={p.validated ? 1 : 0.5}
        stroke={p.validated ? 'none' : barColor(p)}
        strokeDasharray="3 2"
      />
      <text className="svg-bar-label" y={band.center(i)} dy="0.32em" />
    </g>
  );
}

function writeRatioRows(
  rows: readonly HardwareDatum[],
  groups: HTMLCollection,
  x: ContinuousScale,
  writeAttr: AttrWrite,
): void {
  const x0 = x(0);
  const n = Math.min(rows.length, groups.length);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const [bar, text] = groups[i]!.children;
    writeAttr(bar, 'width', String(Math.max(0, x(r.ratio) - x0)));
    writeAttr(text, 'x', String(x(r.ratio) + 5));
    writeText(text, r.ratio.toFixed(3));
  }
}

/** The line at ratio 1 (static) and its label. */
function staticLine(x: ContinuousScale, plot: Plot): ReactNode {
  return (
    <>
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
  );
}

interface RatioChartProps {
  presets: HardwarePreset[];
  live: Live<HardwareDatum[]>;
  /** The x axis' top (see keepMax): a rate change keeps it while the bars fit. */
  maxX: number;
}

/** Horizontal bars of the latency ratio per preset, with the static line at 1. */
export const RatioChart = memo(function RatioChart({ presets, live, maxX }: RatioChartProps) {
  const xAxis = useMemo(
    () => (range: [number, number]) => ({
      x: linearScale([0, maxX], range),
      ticks: ticksWithin(0, maxX, 5).map((v) => ({ value: v, label: String(v) })),
    }),
    [maxX],
  );
  return (
    <PresetBars
      presets={presets}
      live={live}
      testId="hardware-ratio-chart"
      label="Latency ratio, dynamic over static, per hardware preset"
      rightGapPx={48}
      xAxis={xAxis}
      title="Latency ratio, dynamic / static (lower is faster)"
      renderRow={ratioRow}
      overlay={staticLine}
      write={writeRatioRows}
    />
  );
});

/** Static and dynamic bars of a preset and the dynamic label (written by the chart's `write`). */
function msRow(p: HardwarePreset, i: number, x: ContinuousScale, band: BandScale): ReactNode {
  const c = band.center(i);
  const x0 = x.domain[0];
  return (
    <g key={p.id}>
      <rect className="hw-bar-static" x={x(x0)} y={c - 8.5} height={8} fill="var(--hw-static)" />
      <rect
        className="hw-bar"
        x={x(x0)}
        y={c + 0.5}
        height={8}
        fill={barColor(p)}
        fillOpacity={p.validated ? 1 : 0.5}
      />
      <text className="svg-bar-label" y={c + 4.5} dy="0.32em" />
    </g>
  );
}

function writeMsRows(
  rows: readonly HardwareDatum[],
  groups: HTMLCollection,
  x: ContinuousScale,
  writeAttr: AttrWrite,
) {
  const x0 = x(x.domain[0]);
  const n = Math.min(rows.length, groups.length);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const [staticBar, bar, text] = groups[i]!.children;
    writeAttr(staticBar, 'width', String(Math.max(0, x(r.staticMsPerImage) - x0)));
    writeAttr(bar, 'width', String(Math.max(0, x(r.msPerImage) - x0)));
    writeAttr(text, 'x', String(x(r.msPerImage) + 5));
    writeText(text, formatMs(r.msPerImage));
  }
}

interface MsPerImageChartProps {
  presets: HardwarePreset[];
  live: Live<HardwareDatum[]>;
  /** The log domain (see {@link msAxisDomain}). */
  lo: number;
  hi: number;
}

/** Horizontal bars of ms per image, static and dynamic, on a log axis (Jetson boards are 50× slower). */
export const MsPerImageChart = memo(function MsPerImageChart({
  presets,
  live,
  lo,
  hi,
}: MsPerImageChartProps) {
  const xAxis = useMemo(
    () => (range: [number, number]) => ({
      x: logScale([lo, hi], range),
      ticks: decadeTicks([lo, hi]).ticks.map((v) => ({ value: v, label: String(v) })),
    }),
    [lo, hi],
  );
  return (
    <PresetBars
      presets={presets}
      live={live}
      testId="hardware-ms-chart"
      label="Latency per image, static and dynamic, per hardware preset (log scale)"
      rightGapPx={64}
      xAxis={xAxis}
      title="Latency per image (ms, log scale)"
      renderRow={msRow}
      write={writeMsRows}
    />
  );
});
