import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from '../store/shallow';
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
        <div className="tf-chart-box auto" data-testid="tf-hardware-chart">
          <RatioChart rows={rows} currentId={currentId} />
        </div>
      </ChartCard>
      <section className="card tf-card" aria-label="Hardware table">
        <div className="tf-table-scroll">
          <table className="data tf-hw-table" data-testid="tf-hardware-table">
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
                    {deviceName(r.id)}
                    {r.validated ? (
                      ''
                    ) : (
                      <span className="hint tf-not-validated"> not validated</span>
                    )}
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
        </div>
        <p className="hint">
          Per-image latency is the batch latency divided by the preset’s batch. Presets marked “not
          validated” come from spec sheets and were never compared with measurements.
        </p>
      </section>
    </div>
  );
}

const MARGIN = { top: 8, right: 24, bottom: 28, left: 8 };

const RatioChart = memo(function RatioChart({
  rows,
  currentId,
}: {
  rows: TfHardwareRow[];
  currentId: string | null;
}) {
  const data = rows.map((r) => ({ id: r.id, name: deviceName(r.id), ratio: r.ratio }));
  const x = niceAxis(Math.max(1.05, ...rows.map((r) => r.ratio)), 6);
  const height = rows.length * 24 + 56;
  return (
    <ChartFrame heightPx={height}>
      {(width) => (
        <BarChart width={width} height={height} data={data} margin={MARGIN} layout="vertical">
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <YAxis
            type="category"
            dataKey="name"
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={false}
            width={150}
            interval={0}
          />
          <XAxis
            type="number"
            domain={[0, x.top]}
            ticks={x.ticks}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            label={{
              value: 'Latency ratio to static (dynamic / static)',
              position: 'insideBottom',
              offset: -16,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v: unknown) => (typeof v === 'number' ? formatRatio3(v) : String(v))}
          />
          <ReferenceLine x={1} stroke="var(--text-2)" strokeDasharray="6 4" />
          <Bar dataKey="ratio" name="Ratio to static" isAnimationActive={false} barSize={14}>
            {data.map((d) => (
              <Cell key={d.id} fill={d.id === currentId ? 'var(--accent)' : 'var(--stage-2)'} />
            ))}
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
});

/** "A100 SXM4 40 GB" — the preset's short name without its parenthetical note. */
export function deviceName(id: string): string {
  return presetShortLabel(id).replace(/\s*\(.*\)\s*$/, '');
}
