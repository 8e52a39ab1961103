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

/**
 * A log-scale domain around the positive values, widened to whole 1-2-5 steps, and its ticks: one
 * configuration at 800×1333 costs 20× one at 224, so a linear axis would flatten the others.
 */
export function logAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  if (pos.length === 0) return { domain: [0.1, 1], ticks: [0.1, 1] };
  const steps: number[] = [];
  const lo = Math.floor(Math.log10(Math.min(...pos)));
  const hi = Math.ceil(Math.log10(Math.max(...pos)));
  for (let e = lo; e <= hi; e++) for (const m of [1, 2, 5]) steps.push(m * 10 ** e);
  const min = Math.min(...pos);
  const max = Math.max(...pos);
  const below = steps.filter((t) => t <= min);
  const above = steps.filter((t) => t >= max);
  const dLo = below[below.length - 1] ?? steps[0]!;
  const dHi = above[0] ?? steps[steps.length - 1]!;
  const inside = steps.filter((t) => t >= dLo && t <= dHi);
  // Keep about six labels: drop the 2s and 5s when the range spans many decades.
  const ticks = inside.length > 8 ? inside.filter((t) => /^1/.test(t.toPrecision(1))) : inside;
  return { domain: [dLo, dHi], ticks };
}
const tickMs = (v: number) => (v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(1))));
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
  const axis = logAxis(columns.flatMap((c) => c.curve));
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
            scale="log"
            domain={axis.domain}
            ticks={axis.ticks}
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
  const axis = logAxis(columns.flatMap((c) => Object.values(c.perPreset)));
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
            domain={axis.domain}
            ticks={axis.ticks}
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
