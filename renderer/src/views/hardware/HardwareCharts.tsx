import { memo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../../charts';
import { formatMs } from '../../format';
import { logTicks, type HardwareDatum } from './hardwareData';

const ROW_PX = 27;
const Y_AXIS_PX = 138;

export function hardwareChartHeightPx(rows: number): number {
  return rows * ROW_PX + 68;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { index?: number };
  rows: HardwareDatum[];
}

/** Preset name; the current one in bold accent, unvalidated ones with a dagger. */
function PresetTick({ x = 0, y = 0, payload, rows }: TickProps) {
  const row = rows[payload?.index ?? -1];
  if (!row) return <g />;
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      dy={4}
      textAnchor="end"
      fontSize={11}
      fontWeight={row.current ? 700 : 400}
      fill={row.current ? 'var(--accent)' : 'var(--text-2)'}
    >
      {`${row.shortLabel}${row.validated ? '' : ' †'}`}
    </text>
  );
}

function HardwareTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const row = payload?.[0]?.payload as HardwareDatum | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
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
    </div>
  );
}

const barColor = (r: HardwareDatum) => (r.current ? 'var(--accent)' : 'var(--hw-bar)');

/** Horizontal bars of the latency ratio per preset, with the static line at 1. */
export const RatioChart = memo(function RatioChart({ rows }: { rows: HardwareDatum[] }) {
  const heightPx = hardwareChartHeightPx(rows.length);
  const maxRatio = Math.max(1.1, ...rows.map((r) => r.ratio));
  return (
    <ChartFrame heightPx={heightPx}>
      {(widthPx) => (
        <BarChart
          width={widthPx}
          height={heightPx}
          data={rows}
          layout="vertical"
          margin={{ top: 18, right: 48, bottom: 24, left: 4 }}
        >
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis
            type="number"
            domain={[0, Math.ceil(maxRatio * 5) / 5]}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            label={{
              value: 'Latency ratio, dynamic / static (lower is faster)',
              position: 'insideBottom',
              offset: -14,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            type="category"
            dataKey="shortLabel"
            width={Y_AXIS_PX}
            interval={0}
            tickLine={false}
            axisLine={AXIS_LINE}
            tick={<PresetTick rows={rows} />}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            cursor={{ fill: 'var(--panel-2)', fillOpacity: 0.7 }}
            content={<HardwareTooltip />}
          />
          <ReferenceLine
            x={1}
            stroke="var(--bad)"
            strokeDasharray="4 3"
            label={{ value: 'static', position: 'top', fill: 'var(--bad)', fontSize: 10.5 }}
          />
          <Bar dataKey="ratio" name="Latency ratio" isAnimationActive={false} barSize={15}>
            {rows.map((r) => (
              <Cell
                key={r.id}
                fill={barColor(r)}
                fillOpacity={r.validated ? 1 : 0.5}
                stroke={r.validated ? 'none' : barColor(r)}
                strokeDasharray="3 2"
              />
            ))}
            <LabelList
              dataKey="ratio"
              position="right"
              fontSize={10.5}
              fill="var(--text-2)"
              formatter={(v: unknown) => Number(v).toFixed(3)}
            />
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
});

/** Horizontal bars of ms per image, static and dynamic, on a log axis (Jetson boards are 50× slower). */
export const MsPerImageChart = memo(function MsPerImageChart({ rows }: { rows: HardwareDatum[] }) {
  const heightPx = hardwareChartHeightPx(rows.length);
  const { domain, ticks } = logTicks(rows.flatMap((r) => [r.msPerImage, r.staticMsPerImage]));
  return (
    <ChartFrame heightPx={heightPx}>
      {(widthPx) => (
        <BarChart
          width={widthPx}
          height={heightPx}
          data={rows}
          layout="vertical"
          barGap={1}
          margin={{ top: 18, right: 64, bottom: 24, left: 4 }}
        >
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis
            type="number"
            scale="log"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={(v: number) => String(v)}
            label={{
              value: 'Latency per image (ms, log scale)',
              position: 'insideBottom',
              offset: -14,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            type="category"
            dataKey="shortLabel"
            width={Y_AXIS_PX}
            interval={0}
            tickLine={false}
            axisLine={AXIS_LINE}
            tick={<PresetTick rows={rows} />}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            cursor={{ fill: 'var(--panel-2)', fillOpacity: 0.7 }}
            content={<HardwareTooltip />}
          />
          <Bar
            dataKey="staticMsPerImage"
            name="Static"
            isAnimationActive={false}
            barSize={8}
            fill="var(--hw-static)"
          />
          <Bar dataKey="msPerImage" name="Dynamic" isAnimationActive={false} barSize={8}>
            {rows.map((r) => (
              <Cell key={r.id} fill={barColor(r)} fillOpacity={r.validated ? 1 : 0.5} />
            ))}
            <LabelList
              dataKey="msPerImage"
              position="right"
              fontSize={10.5}
              fill="var(--text-2)"
              formatter={(v: unknown) => formatMs(Number(v))}
            />
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
});
