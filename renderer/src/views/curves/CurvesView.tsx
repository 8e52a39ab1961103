import { memo, useMemo, type ReactElement } from 'react';
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
import { useShallow } from '../../store/shallow';
import { useStudio } from '../../store';
import { architectureOf } from '../../store/selectors';
import { ChartCard } from '../../charts/ChartCard';
import { ChartLegend, type LegendItem } from '../../charts/ChartLegend';
import {
  CHART_MARGIN,
  CurrentHint,
  CurvesMarker,
  X_AXIS_HEIGHT,
  Y_AXIS_WIDTH,
} from './CurvesMarker';
import { seriesColor } from './palette';
import type { CurveSeries, CurveSet } from '../../worker/types';
import { useHost } from '../../hostContext';
import type { Host } from '../../host/types';
import { hardwareLabel, modelLabel } from '../../labels';
import { curvesToCsv, curvesToJson } from './curveData';

/** View 1: latency ratio against activation rate, one curve per candidate granularity or mode. */
export function CurvesView() {
  // The curves and what they are for only: a rate change re-renders the marker parts (CurrentHint,
  // CurvesMarker) when its prediction arrives, never the toolbar, the card or the chart.
  const { arch, curves, scope, stage } = useStudio(
    useShallow((s) => ({
      arch: architectureOf(s.config),
      curves: s.curves,
      scope: s.curveScope,
      stage: s.selectedStage,
    })),
  );
  const fresh =
    curves && curves.scope === scope && (scope === 'network' || curves.stage === stage)
      ? curves
      : null;
  // recharts draws the sampled curves only (every 0.01), memoised: a rate change never re-renders it (it
  // re-measures every line path). A rate between two samples (typed in the number box) lies on the
  // model's curve, not on the chord between the samples: the marker layer bridges the drawn line through
  // it (previous sample → marker → next sample), and `data-current-series` reports that drawn line.
  const lines = useMemo(
    () => (fresh ? fresh.series.map((s, i) => curveLine(s, i)) : null),
    [fresh],
  );
  const maxRatio = useMemo(
    () => Math.max(1.1, ...(fresh?.series ?? []).flatMap((s) => s.points.map((p) => p.ratio))),
    [fresh],
  );
  const curvesJson = useMemo(() => (fresh ? JSON.stringify(fresh) : undefined), [fresh]);
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
        <CurrentHint scope={scope} stage={stage} />
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
        <div className="chart-box" data-testid="curves-chart" data-curves={curvesJson}>
          {lines ? (
            <CurvesChart lines={lines} yDomain={yDomain} yTicks={yTicks} />
          ) : (
            <p className="hint">Computing curves…</p>
          )}
          <CurvesMarker
            fresh={fresh}
            drawn={lines !== null}
            yTop={yTop}
            scope={scope}
            stage={stage}
          />
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
