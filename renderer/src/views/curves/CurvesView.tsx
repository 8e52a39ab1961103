import { memo, useLayoutEffect, useMemo, type ReactElement } from 'react';
import { markDrawn } from '../../perf/probe';
import { curvesKey } from '../../worker/useAnalysis';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { useStudio } from '../../store';
import { architectureOf } from '../../store/selectors';
import { ChartCard } from '../../charts/ChartCard';
import { ChartLegend, type LegendItem } from '../../charts/ChartLegend';
import { markerFor, withMarker, type Marker } from './marker';
import { seriesColor } from './palette';
import type { CurveSeries, CurveSet } from '../../worker/types';
import { useHost } from '../../hostContext';
import type { Host } from '../../host/types';
import { hardwareLabel, modelLabel } from '../../labels';
import { curvesToCsv, curvesToJson } from './curveData';

/** View 1: latency ratio against activation rate, one curve per candidate granularity or mode. */
export function CurvesView() {
  // Results and what they are for only: a rate change re-renders the view once, when its prediction
  // arrives (the marker moves), and the chart itself only when the curves change.
  const { arch, curves, curvesConfig, analysis, analysisConfig, scope, stage } = useStudio(
    useShallow((s) => ({
      arch: architectureOf(s.config),
      curves: s.curves,
      curvesConfig: s.curvesConfig,
      analysis: s.analysis,
      analysisConfig: s.analysisConfig,
      scope: s.curveScope,
      stage: s.selectedStage,
    })),
  );
  // Drawn: the marker shows the latest prediction, on curves of the same granularities and modes.
  useLayoutEffect(() => {
    if (
      analysisConfig &&
      curvesConfig &&
      curvesKey(analysisConfig, scope, stage) === curvesKey(curvesConfig, scope, stage)
    )
      markDrawn('curves', analysisConfig);
  }, [analysisConfig, curvesConfig, scope, stage]);
  // The marker comes with the prediction it shows (and the configuration that prediction is for), so
  // it never pairs a new rate with an old latency while the worker catches up.
  const marker = analysisConfig
    ? markerFor(analysisConfig, analysis?.prediction ?? null, scope, stage)
    : NO_MARKER;
  const fresh =
    curves && curves.scope === scope && (scope === 'network' || curves.stage === stage)
      ? curves
      : null;
  // recharts draws the sampled curves only (every 0.01), memoised: a rate change never re-renders it (it
  // re-measures every line path). A rate between two samples (typed in the number box) lies on the
  // model's curve, not on the chord between the samples: the marker layer bridges the drawn line through
  // it (previous sample → marker → next sample), and `data-current-series` reports that drawn line.
  const series = fresh ? fresh.series : [];
  const lines = useMemo(
    () => (fresh ? fresh.series.map((s, i) => curveLine(s, i)) : null),
    [fresh],
  );
  const currentIndex = series.findIndex((s) => s.current);
  const current = series[currentIndex];
  const drawnCurrent = current ? withMarker(current, marker.point) : undefined;
  const bridge =
    current && drawnCurrent !== current && marker.point
      ? bridgeThrough(drawnCurrent!.points, marker.point, seriesColor(current, currentIndex))
      : null;
  const maxRatio = useMemo(
    () => Math.max(1.1, ...(fresh?.series ?? []).flatMap((s) => s.points.map((p) => p.ratio))),
    [fresh],
  );
  const curvesJson = useMemo(() => (fresh ? JSON.stringify(fresh) : undefined), [fresh]);
  const currentJson = JSON.stringify(drawnCurrent?.points ?? []);
  // Axis props must keep their identity across renders: recharts treats a new array as new axis
  // settings and redraws (and re-measures) every line.
  const tickStep = niceStep(maxRatio);
  const yTop = Math.ceil(maxRatio / tickStep - 1e-9) * tickStep;
  const yTicks = useMemo(() => niceTicks(yTop, tickStep), [yTop, tickStep]);
  const yDomain = useMemo(() => [0, yTop] as [number, number], [yTop]);
  const legend = useMemo(
    () => (fresh ? <ChartLegend items={legendItems(fresh.series)} label="Curves" /> : null),
    [fresh],
  );
  const spec = arch.stages[stage];
  const { setCurveScope, selectStage } = useStudio.getState();
  const host = useHost();
  const dataName =
    scope === 'stage' ? `latency-curves-stage${stage + 1}` : 'latency-curves-network';

  const title =
    scope === 'stage'
      ? `Stage ${stage + 1} latency vs activation rate`
      : 'Network latency vs activation rate';
  const subtitle =
    scope === 'stage' && spec
      ? `${spec.blocks} blocks at ${spec.outResolution}×${spec.outWidth ?? spec.outResolution}; other stages as configured`
      : 'Every dynamic stage at the same rate';

  return (
    <div className="curves-view">
      <div className="view-toolbar" role="group" aria-label="Curve scope">
        <div className="segmented">
          {arch.stages.map((s, i) => (
            <button
              key={i}
              type="button"
              className="btn small"
              aria-pressed={scope === 'stage' && stage === i}
              onClick={() => {
                setCurveScope('stage');
                selectStage(i);
              }}
            >
              Stage {i + 1} ·{' '}
              {s.outWidth === undefined
                ? `${s.outResolution}²`
                : `${s.outResolution}×${s.outWidth}`}
            </button>
          ))}
          <button
            type="button"
            className="btn small"
            aria-pressed={scope === 'network'}
            data-testid="curves-scope-network"
            onClick={() => setCurveScope('network')}
          >
            Whole network
          </button>
        </div>
        <span className="hint" data-testid="curves-marker">
          {marker.point
            ? `Current: rate ${marker.point.rate.toFixed(2)} → ratio ${marker.point.ratio.toFixed(3)}`
            : (marker.note ?? '')}
        </span>
      </div>
      <ChartCard
        title={title}
        subtitle={subtitle}
        exportName={
          scope === 'stage' ? `latency-curves-stage${stage + 1}` : 'latency-curves-network'
        }
        legend={legend}
        actions={
          <>
            <button
              type="button"
              className="btn small"
              disabled={!fresh}
              data-testid="curves-data-csv"
              onClick={() => fresh && void exportCurveData(host, fresh, 'csv', dataName)}
              aria-label="Export every curve's data as CSV"
            >
              Data CSV
            </button>
            <button
              type="button"
              className="btn small"
              disabled={!fresh}
              data-testid="curves-data-json"
              onClick={() => fresh && void exportCurveData(host, fresh, 'json', dataName)}
              aria-label="Export every curve's data as JSON"
            >
              Data JSON
            </button>
          </>
        }
      >
        <div
          className="chart-box"
          data-testid="curves-chart"
          data-marker={marker.point ? JSON.stringify(marker.point) : undefined}
          data-current-series={currentJson}
          data-curves={curvesJson}
        >
          {lines ? (
            <CurvesChart lines={lines} yDomain={yDomain} yTicks={yTicks} />
          ) : (
            <p className="hint">Computing curves…</p>
          )}
          {lines && marker.point ? (
            <MarkerLayer point={marker.point} yTop={yTop} bridge={bridge} />
          ) : null}
        </div>
      </ChartCard>
      <p className="hint">
        Below 1.0 the dynamic network is faster than the static one. Curves come from the analytic
        predictor on the selected hardware; lower is better. Pixel-level masks (S=1) often end above
        1.0 on a large-batch GPU.
      </p>
    </div>
  );
}

const NO_MARKER: Marker = { point: null, note: null };

/** The legend: one item per curve, then the current setting and the static network. */
function legendItems(series: readonly CurveSeries[]): LegendItem[] {
  const items: LegendItem[] = series.map((s, i) => ({
    label: s.current ? `${s.label} (current)` : s.label,
    color: seriesColor(s, i),
    swatch: s.mode === 'layer' || s.mode === 'channel' ? 'dashed' : 'line',
  }));
  items.push({ label: 'Current setting', color: 'var(--accent)', swatch: 'dot' });
  items.push({ label: 'Static network (ratio 1)', color: 'var(--text-2)', swatch: 'dashed' });
  return items;
}

/** Saves every point of every curve (CSV or JSON) through the host. */
async function exportCurveData(
  host: Host,
  set: CurveSet,
  format: 'csv' | 'json',
  name: string,
): Promise<void> {
  const { config, notify } = useStudio.getState();
  try {
    const info = await host.appInfo();
    const data =
      format === 'csv'
        ? curvesToCsv(set)
        : curvesToJson(set, {
            model: modelLabel(config),
            hardware: hardwareLabel(config),
            appVersion: info.version,
          });
    const saved = await host.saveFile({ kind: format, suggestedName: `${name}.${format}`, data });
    if (saved) notify('info', `Curve data saved as ${saved.name}.`);
  } catch (err) {
    notify(
      'error',
      `Could not export the curve data: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The current curve's points either side of an off-sample marker, with the marker between them. */
interface Bridge {
  points: { rate: number; ratio: number }[];
  color: string;
}

function bridgeThrough(
  points: readonly { rate: number; ratio: number }[],
  marker: { rate: number; ratio: number },
  color: string,
): Bridge {
  const i = points.findIndex((p) => p.rate === marker.rate && p.ratio === marker.ratio);
  return { points: points.slice(Math.max(0, i - 1), i + 2), color };
}

const CHART_MARGIN = { top: 12, right: 28, bottom: 28, left: 16 };
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 30;

/**
 * The current setting as a dot over the plot area. Positioned from the chart's fixed margins and axis
 * sizes in percentages of the plot, so it needs no measuring and moves without re-rendering the chart;
 * it is an <svg>, so chart exports include it.
 */
function MarkerLayer({
  point,
  yTop,
  bridge,
}: {
  point: { rate: number; ratio: number };
  yTop: number;
  bridge: Bridge | null;
}) {
  const style = {
    left: CHART_MARGIN.left + Y_AXIS_WIDTH,
    top: CHART_MARGIN.top,
    width: `calc(100% - ${CHART_MARGIN.left + Y_AXIS_WIDTH + CHART_MARGIN.right}px)`,
    height: `calc(100% - ${CHART_MARGIN.top + CHART_MARGIN.bottom + X_AXIS_HEIGHT}px)`,
  };
  return (
    <svg
      className="curves-marker-layer"
      style={style}
      aria-hidden="true"
      data-testid="curves-marker-dot"
    >
      {bridge ? (
        <svg viewBox="0 0 1000 1000" preserveAspectRatio="none" width="100%" height="100%">
          <polyline
            points={bridge.points
              .map((p) => `${p.rate * 1000},${(1 - p.ratio / yTop) * 1000}`)
              .join(' ')}
            fill="none"
            stroke={bridge.color}
            strokeWidth={3}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      ) : null}
      <circle
        cx={`${point.rate * 100}%`}
        cy={`${(1 - point.ratio / yTop) * 100}%`}
        r={6}
        fill="var(--accent)"
        stroke="var(--panel)"
        strokeWidth={2}
      />
    </svg>
  );
}
const X_LABEL = {
  value: 'Activation rate (fraction of units kept)',
  position: 'insideBottom' as const,
  offset: -16,
  fill: 'var(--text-2)',
};
const Y_LABEL = {
  value: 'Latency ratio (dynamic / static)',
  angle: -90,
  position: 'insideLeft' as const,
  offset: 4,
  dy: 110,
  fill: 'var(--text-2)',
};
const STATIC_LABEL = {
  value: 'static (1.0)',
  position: 'insideTopRight' as const,
  fill: 'var(--text-2)',
};
const TOOLTIP_STYLE = { background: 'var(--panel)', border: '1px solid var(--border)' };
const formatTick = (v: number) => v.toFixed(1);
const formatValue = (value: unknown) =>
  typeof value === 'number' ? value.toFixed(3) : String(value);
const formatRateLabel = (label: unknown) => `rate ${Number(label).toFixed(2)}`;
const X_DOMAIN: [number, number] = [0, 1];
const X_TICKS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** A tick step of 0.1, 0.2, 0.25, 0.5 or 1 giving at most 7 intervals up to `max`. */
function niceStep(max: number): number {
  return [0.1, 0.2, 0.25, 0.5, 1].find((s) => max / s <= 7) ?? 1;
}

/** Ticks 0, step, … up to `top`. */
function niceTicks(top: number, step: number): number[] {
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(Number(v.toFixed(4)));
  return ticks;
}

/**
 * The chart without the marker (drawn in its own layer): memoised on its props, so a rate drag never
 * re-renders recharts, which re-measures every line path on each render.
 */
const CurvesChart = memo(function CurvesChart({
  lines,
  yDomain,
  yTicks,
}: {
  lines: ReactElement[];
  yDomain: [number, number];
  yTicks: number[];
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={CHART_MARGIN}>
        <CartesianGrid stroke="var(--chart-grid)" />
        <XAxis
          type="number"
          dataKey="rate"
          domain={X_DOMAIN}
          ticks={X_TICKS}
          height={X_AXIS_HEIGHT}
          allowDuplicatedCategory={false}
          stroke="var(--text-2)"
          label={X_LABEL}
        />
        <YAxis
          type="number"
          domain={yDomain}
          ticks={yTicks}
          width={Y_AXIS_WIDTH}
          stroke="var(--text-2)"
          tickFormatter={formatTick}
          label={Y_LABEL}
        />
        <Tooltip
          formatter={formatValue}
          labelFormatter={formatRateLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        <ReferenceLine y={1} stroke="var(--text-2)" strokeDasharray="6 4" label={STATIC_LABEL} />
        {lines}
      </LineChart>
    </ResponsiveContainer>
  );
});

function curveLine(s: CurveSeries, i: number) {
  return (
    <Line
      key={s.id}
      data={s.points}
      dataKey="ratio"
      name={s.current ? `${s.label} (current)` : s.label}
      stroke={seriesColor(s, i)}
      strokeWidth={s.current ? 3 : 1.5}
      // Dashes come from CSS: a strokeDasharray prop makes recharts measure the path on every render.
      className={`curve curve-${s.mode.replace('+', '-')}`}
      dot={false}
      isAnimationActive={false}
    />
  );
}
