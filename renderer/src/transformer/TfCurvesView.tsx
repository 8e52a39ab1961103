import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useShallow } from '../store/shallow';
import { ChartCard } from '../charts/ChartCard';
import { ChartFrame } from '../charts/ChartFrame';
import { ChartLegend, type LegendItem } from '../charts/ChartLegend';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../charts/theme';
import { useStudio } from '../store';
import { PARADIGM_COLOR, niceAxis } from './chartScale';
import { formatMsPrecise } from './format';
import type { TfCurve, TfCurveSet } from './tfCompute';
import { MODE_LABEL, type Paradigm } from './tfConfig';
import { useTfChartContext } from './useTfChartContext';

const SERIES_LABEL: Record<Paradigm, string> = {
  token: 'Token keep rate t',
  head: 'Head keep rate k/H',
  attn: 'Attention execution rate a',
  mlp: 'MLP execution rate m',
};

/** Latency per image against each paradigm's rate (set in every block), the current point marked. */
export function TfCurvesView() {
  const { curves, mode } = useStudio(
    useShallow((s) => ({ curves: s.tfCurves, mode: s.transformer?.mode ?? 'static' })),
  );
  const context = useTfChartContext();
  const legend: LegendItem[] = [
    ...(curves?.curves ?? []).map((c) => ({
      label: SERIES_LABEL[c.paradigm],
      color: PARADIGM_COLOR[c.paradigm],
      swatch: 'line' as const,
    })),
    { label: 'Current setting', color: 'var(--text)', swatch: 'dot' },
    { label: 'Static model', color: 'var(--text-2)', swatch: 'dashed' },
  ];
  const currents = (curves?.curves ?? []).filter((c) => c.current);
  return (
    <div className="tf-view">
      <ChartCard
        title="Latency per image vs keep rate"
        subtitle={`Each curve sets one rate in every block (its switch on), the rest as configured · mode ${MODE_LABEL[mode].toLowerCase()}`}
        exportName="transformer-latency-curves"
        context={context}
        legend={curves ? <ChartLegend items={legend} label="Curves" /> : null}
      >
        <div
          className="tf-chart-box"
          data-testid="tf-curves-chart"
          data-curves={curves ? JSON.stringify(curves) : undefined}
        >
          {curves ? <CurvesChart set={curves} /> : <p className="hint">Computing curves…</p>}
        </div>
      </ChartCard>
      <p className="hint" data-testid="tf-curves-current">
        {currents.length === 0
          ? 'The static model uses no rate: pick a mode to place the current setting on its curves.'
          : currents
              .map((c) => {
                const cur = c.current!;
                return `${SERIES_LABEL[c.paradigm]}: ${cur.uniform ? '' : 'mean '}${cur.rate.toFixed(3)} → ${formatMsPrecise(cur.msPerImage)}`;
              })
              .join(' · ')}
      </p>
    </div>
  );
}

const MARGIN = { top: 14, right: 24, bottom: 30, left: 12 };
const X_TICKS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const X_DOMAIN: [number, number] = [0, 1];

const CurvesChart = memo(function CurvesChart({ set }: { set: TfCurveSet }) {
  const max = Math.max(
    set.staticMsPerImage,
    ...set.curves.flatMap((c) => c.points.map((p) => p.msPerImage)),
  );
  const y = useMemo(() => niceAxis(max * 1.05), [max]);
  return (
    <ChartFrame heightPx={380}>
      {(width) => (
        <LineChart width={width} height={380} margin={MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            type="number"
            dataKey="rate"
            domain={X_DOMAIN}
            ticks={X_TICKS}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            allowDuplicatedCategory={false}
            label={{
              value: 'Keep / execution rate (fraction of every block)',
              position: 'insideBottom',
              offset: -18,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            type="number"
            domain={[0, y.top]}
            ticks={y.ticks}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            width={58}
            label={{
              value: 'Latency per image (ms)',
              angle: -90,
              position: 'insideLeft',
              offset: 6,
              dy: 70,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v: unknown) => (typeof v === 'number' ? formatMsPrecise(v) : String(v))}
            labelFormatter={(l: unknown) => `rate ${Number(l).toFixed(3)}`}
          />
          <ReferenceLine
            y={set.staticMsPerImage}
            stroke="var(--text-2)"
            strokeDasharray="6 4"
            label={{
              value: `static ${formatMsPrecise(set.staticMsPerImage)}`,
              position: 'insideTopRight',
              fill: 'var(--text-2)',
              fontSize: 11,
            }}
          />
          {set.curves.map((c) => curveLine(c))}
          {set.curves.map((c) =>
            c.current ? (
              <ReferenceDot
                key={`cur-${c.paradigm}`}
                x={c.current.rate}
                y={c.current.msPerImage}
                r={6}
                fill={PARADIGM_COLOR[c.paradigm]}
                stroke="var(--text)"
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            ) : null,
          )}
        </LineChart>
      )}
    </ChartFrame>
  );
});

function curveLine(c: TfCurve) {
  return (
    <Line
      key={c.paradigm}
      data={c.points}
      dataKey="msPerImage"
      name={SERIES_LABEL[c.paradigm]}
      type="linear"
      stroke={PARADIGM_COLOR[c.paradigm]}
      strokeWidth={2}
      dot={c.paradigm === 'head' ? { r: 3, fill: PARADIGM_COLOR.head } : false}
      isAnimationActive={false}
    />
  );
}
