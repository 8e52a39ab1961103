import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { ChartCard } from '../charts/ChartCard';
import { ChartFrame } from '../charts/ChartFrame';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../charts/theme';
import { presetShortLabel } from '../labels';
import { useStudio } from '../store';
import { niceAxis } from './chartScale';
import { formatMsPrecise, formatRatio3 } from './format';
import type { TfHardwareRow } from './tfCompute';
import { useTfChartContext } from './useTfChartContext';

/** The configuration on every hardware preset: latency per image, static, ratio. */
export function TfHardwareView() {
  const { rows, hardware } = useStudio(
    useShallow((s) => ({ rows: s.tfHardware, hardware: s.config.hardware })),
  );
  const context = useTfChartContext();
  const currentId = hardware.kind === 'preset' ? hardware.id : null;
  if (!rows) return <p className="hint">Predicting on every preset…</p>;
  return (
    <div className="tf-view">
      <ChartCard
        title="Latency ratio to static on each device"
        subtitle="The same rates on every preset (each with its own batch); below 1 the dynamic model is faster"
        exportName="transformer-hardware"
        context={context}
      >
        <div className="tf-chart-box short" data-testid="tf-hardware-chart">
          <RatioChart rows={rows} currentId={currentId} />
        </div>
      </ChartCard>
      <section className="card tf-card" aria-label="Hardware table">
        <table className="data" data-testid="tf-hardware-table">
          <thead>
            <tr>
              <th>Device</th>
              <th>Batch</th>
              <th>Latency / image</th>
              <th>Static / image</th>
              <th>Ratio</th>
              <th>Speed-up</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                data-testid={`tf-hw-${r.id}`}
                className={r.id === currentId ? 'selected' : undefined}
              >
                <td>
                  {presetShortLabel(r.id)}
                  {r.validated ? '' : <span className="hint"> · not validated</span>}
                </td>
                <td>{r.batchSize}</td>
                <td data-exact={String(r.msPerImage)}>{formatMsPrecise(r.msPerImage)}</td>
                <td data-exact={String(r.staticMsPerImage)}>
                  {formatMsPrecise(r.staticMsPerImage)}
                </td>
                <td>{formatRatio3(r.ratio)}</td>
                <td>{(1 / r.ratio).toFixed(2)}×</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Per-image latency is the batch latency divided by the preset’s batch. Presets marked “not
          validated” come from spec sheets and were never compared with measurements.
        </p>
      </section>
    </div>
  );
}

const MARGIN = { top: 12, right: 20, bottom: 28, left: 12 };

const RatioChart = memo(function RatioChart({
  rows,
  currentId,
}: {
  rows: TfHardwareRow[];
  currentId: string | null;
}) {
  const data = rows.map((r) => ({ id: r.id, name: presetShortLabel(r.id), ratio: r.ratio }));
  const y = niceAxis(Math.max(1.05, ...rows.map((r) => r.ratio)), 5);
  return (
    <ChartFrame heightPx={240}>
      {(width) => (
        <BarChart width={width} height={240} data={data} margin={MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="name"
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            interval={0}
          />
          <YAxis
            domain={[0, y.top]}
            ticks={y.ticks}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            width={52}
            label={{
              value: 'Ratio to static',
              angle: -90,
              position: 'insideLeft',
              offset: 6,
              dy: 44,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v: unknown) => (typeof v === 'number' ? formatRatio3(v) : String(v))}
          />
          <ReferenceLine y={1} stroke="var(--text-2)" strokeDasharray="6 4" />
          <Bar dataKey="ratio" name="Ratio to static" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={d.id === currentId ? 'var(--accent)' : 'var(--stage-2)'} />
            ))}
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
});
