import { memo, useLayoutEffect, useMemo, useRef } from 'react';
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
  type ContinuousScale,
  useLiveHover,
  type BandHover,
} from '../../charts/svg';
import { setExportLayer } from '../../charts/exportSvg';
import { formatMs } from '../../format';
import type { HardwareDatum, HardwarePreset } from './hardwareData';
import type { Live } from '../../components/liveWrites';
import { BAR_CHARTS, packRows, type BarChartKind, type BarRow } from './barsPlan';
import { attachBarsCanvas, releaseBarsCanvas } from './barsClient';
import { appendSvgMarks, paintMarks, themePalette } from './barsCanvas';

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

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface PresetBarsProps {
  presets: HardwarePreset[];
  /** The rows' live values (the marks are drawn from these at each value published). */
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
  /** Which chart's marks (barsPlan.ts) are drawn over the frame. */
  chart: BarChartKind;
}

/**
 * Horizontal bars, one band per preset: names on the left, an x axis with its title, hover tooltip.
 * React draws the frame (gridlines, axes, names) as SVG; the bars and their labels (barsPlan.ts) are
 * painted on a canvas over it at every value published on `live`, by the charts' worker where the
 * canvas can be handed to it (barsClient.ts), with no DOM write. The chart's export gets the same marks
 * as SVG elements (setExportLayer).
 */
function PresetBars({
  presets,
  live,
  testId,
  label,
  rightGapPx,
  xAxis,
  title,
  chart,
}: PresetBarsProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { hover, setHover, hovering, refresh } = useLiveHover<BandHover>();
  const heightPx = hardwareChartHeightPx(presets.length);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const right = Math.max(PLOT_LEFT_PX + 1, widthPx - rightGapPx);
  const plot: Plot = {
    left: PLOT_LEFT_PX,
    right,
    top: PLOT_TOP_PX,
    bottom: heightPx - PLOT_BOTTOM_GAP_PX,
  };
  const band = bandScale(presets.length, [plot.top, plot.bottom]);
  const { x, ticks } = useMemo(() => xAxis([PLOT_LEFT_PX, right]), [xAxis, right]);
  // Gridlines, both axes and the names change with the width, the x domain or the presets, not with
  // a rate: built once per such change.
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
  }, [x, ticks, presets, plot.left, plot.right, plot.top, plot.bottom, heightPx, title]);
  // The marks of a set of rows on this frame's axes (for the local painter and the export).
  const nRows = presets.length;
  const plan = useMemo(() => {
    const extent = { top: PLOT_TOP_PX, bottom: heightPx - PLOT_BOTTOM_GAP_PX };
    const rowsBand = bandScale(nRows, [extent.top, extent.bottom]);
    return (rows: readonly BarRow[]) => BAR_CHARTS[chart].marks(rows, x, rowsBand, extent);
  }, [chart, x, nRows, heightPx]);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const canvas = canvasRef.current;
    if (!svg || !canvas) return;
    let palette = themePalette(svg);
    // The canvas goes to the charts' worker once (where the browser can hand it over); an effect run
    // again gets the same channel, and the worker forgets the chart only once it is unmounted.
    const channel = attachBarsCanvas(canvas);
    const top = PLOT_TOP_PX;
    const bottom = heightPx - PLOT_BOTTOM_GAP_PX;
    const sendFrame = () =>
      channel?.post({
        kind: 'frame',
        id: channel.id,
        frame: {
          chart,
          widthPx,
          heightPx,
          dpr,
          domain: [x.domain[0], x.domain[1]],
          range: [x.range[0], x.range[1]],
          rows: nRows,
          top,
          bottom,
          palette,
        },
      });
    if (!channel) {
      canvas.width = Math.round(widthPx * dpr);
      canvas.height = Math.round(heightPx * dpr);
    }
    // After each new frame (size, axis, colours) and at every new value: posted to the worker, or
    // painted here where the canvas could not be handed over.
    const draw = () => {
      const rows = live.get();
      if (!rows) return;
      if (channel) channel.post({ kind: 'rows', id: channel.id, rows: packRows(rows) });
      else {
        const ctx = canvas.getContext('2d');
        if (ctx) paintMarks(ctx, plan(rows), palette, dpr, widthPx, heightPx);
      }
    };
    sendFrame();
    draw();
    const unsubscribe = live.subscribe(() => {
      draw();
      if (hovering.current) refresh();
    });
    const theme = new MutationObserver(() => {
      palette = themePalette(svg);
      sendFrame();
      draw();
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const unregister = setExportLayer(svg, (clone) => {
      const rows = live.get();
      const layer = clone.querySelector('[data-export-layer]') ?? clone;
      if (rows) appendSvgMarks(layer, plan(rows), palette);
    });
    return () => {
      unsubscribe();
      theme.disconnect();
      unregister();
      releaseBarsCanvas(canvas);
    };
  }, [live, plan, chart, x, nRows, widthPx, heightPx, dpr, hovering, refresh]);
  const hovered = hover ? live.get()?.[hover.index] : undefined;
  return (
    <div ref={ref} className="svg-chart" style={{ height: heightPx }} data-testid={testId}>
      <svg
        ref={svgRef}
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
        <g data-export-layer="" />
        {frame.axes}
      </svg>
      <canvas
        ref={canvasRef}
        className="svg-chart-layer"
        data-testid={`${testId}-bars`}
        aria-hidden="true"
        style={{ width: widthPx, height: heightPx }}
      />
      {hover && hovered ? (
        <SvgTooltip x={hover.x} y={hover.y} widthPx={widthPx} heightPx={heightPx}>
          <HardwareTooltip row={hovered} />
        </SvgTooltip>
      ) : null}
    </div>
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
      chart="ratio"
    />
  );
});

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
      chart="ms"
    />
  );
});
