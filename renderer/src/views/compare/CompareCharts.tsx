import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  GRID_STROKE,
  TOOLTIP_PROPS,
  stageColor,
} from '../../charts';
import { formatMs } from '../../format';
import { CURVE_RATES, presetColumns, type CompareColumn } from './compareData';

/** Colour of the i-th pinned configuration (the four stage colours, which are distinct in both themes). */
export const pinColor = (i: number) => stageColor(i);

const MARGIN = { top: 12, right: 24, bottom: 8, left: 8 };
const tickMs = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));
const tooltipMs = (v: unknown) => (typeof v === 'number' ? formatMs(v) : String(v));

/** ms per image against a uniform activation rate, one line per configuration. */
export const CompareCurvesChart = memo(function CompareCurvesChart({
  columns,
}: {
  columns: readonly CompareColumn[];
}) {
  const data = CURVE_RATES.map((rate, i) => {
    const row: Record<string, number> = { rate };
    columns.forEach((c) => {
      const v = c.curve[i];
      if (v !== undefined && Number.isFinite(v)) row[`c${c.id}`] = v;
    });
    return row;
  });
  return (
    <ChartFrame heightPx={300}>
      {(width) => (
        <LineChart width={width} height={300} data={data} margin={MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            type="number"
            dataKey="rate"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            height={40}
            label={{
              value: 'Uniform activation rate',
              position: 'insideBottom',
              offset: 0,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            type="number"
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={tickMs}
            width={64}
            label={{
              value: 'Latency (ms/image)',
              angle: -90,
              position: 'insideLeft',
              offset: 12,
              style: { ...AXIS_LABEL_STYLE, textAnchor: 'middle' },
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={tooltipMs}
            labelFormatter={(r) => `rate ${Number(r).toFixed(2)}`}
          />
          {columns.map((c, i) => (
            <Line
              key={c.id}
              dataKey={`c${c.id}`}
              name={c.label}
              stroke={pinColor(i)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  );
});

/** ms per image on every hardware preset, one bar per configuration (log scale: Jetsons are slower). */
export const CompareHardwareChart = memo(function CompareHardwareChart({
  columns,
}: {
  columns: readonly CompareColumn[];
}) {
  const presets = presetColumns();
  const data = presets.map((p) => {
    const row: Record<string, number | string> = { preset: `${p.label}${p.validated ? '' : ' †'}` };
    columns.forEach((c) => {
      const v = c.perPreset[p.id];
      if (v !== undefined && Number.isFinite(v) && v > 0) row[`c${c.id}`] = v;
    });
    return row;
  });
  const height = 320;
  return (
    <ChartFrame heightPx={height}>
      {(width) => (
        <BarChart width={width} height={height} data={data} margin={MARGIN} barGap={1}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="preset"
            tick={{ ...AXIS_TICK, fontSize: 10.5 }}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            interval={0}
            angle={-30}
            textAnchor="end"
            height={70}
          />
          <YAxis
            scale="log"
            domain={['auto', 'auto']}
            allowDataOverflow
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={tickMs}
            width={64}
            label={{
              value: 'Latency (ms/image, log)',
              angle: -90,
              position: 'insideLeft',
              offset: 12,
              style: { ...AXIS_LABEL_STYLE, textAnchor: 'middle' },
            }}
          />
          <Tooltip {...TOOLTIP_PROPS} formatter={tooltipMs} />
          {columns.map((c, i) => (
            <Bar
              key={c.id}
              dataKey={`c${c.id}`}
              name={c.label}
              fill={pinColor(i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
});
