import { memo } from 'react';
import {
  CartesianGrid,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CalibrationPoint } from '../../../core/calibrate';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  ChartLegend,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../charts';

const HEIGHT_PX = 300;
/** One colour per operator family, readable on light and dark panels. */
const PALETTE = [
  '#2563eb',
  '#0d9488',
  '#d97706',
  '#c026d3',
  '#dc2626',
  '#16a34a',
  '#7c3aed',
  '#0891b2',
  '#ca8a04',
  '#f472b6',
  '#4b5563',
  '#65a30d',
  '#ea580c',
  '#854d0e',
];

interface Datum {
  x: number;
  y: number;
  point: CalibrationPoint;
}

/** Log-scale domain of both axes: whole decades around every value, so y = x is the diagonal. */
function logDomain(values: readonly number[]): [number, number] {
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  return [lo, hi === lo ? hi * 10 : hi];
}

function decades([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) out.push(v);
  return out;
}

const fmtMs = (v: number): string =>
  v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(1)));

function PointTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const d = payload?.[0]?.payload as Datum | undefined;
  if (!active || !d) return null;
  const err = (d.y / d.x - 1) * 100;
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
      <div className="chart-tooltip-title">
        {d.point.family} (line {d.point.line}){d.point.heldOut ? ', held out' : ''}
      </div>
      <div>
        Measured <strong className="mono">{d.x.toPrecision(3)} ms</strong>
      </div>
      <div>
        Predicted <strong className="mono">{d.y.toPrecision(3)} ms</strong> ({err >= 0 ? '+' : ''}
        {err.toFixed(1)} %)
      </div>
    </div>
  );
}

/** Predicted against measured latency per batch, log–log, one colour per operator family. */
export const CalibrationScatter = memo(function CalibrationScatter({
  points,
  which,
}: {
  points: readonly CalibrationPoint[];
  which: 'before' | 'after';
}) {
  const families = [...new Set(points.map((p) => p.family))];
  const data = points.map((p) => ({
    x: p.measuredS * 1e3,
    y: (which === 'after' ? p.afterS : p.beforeS) * 1e3,
    point: p,
  }));
  const domain = logDomain(data.flatMap((d) => [d.x, d.y]));
  const ticks = decades(domain);
  return (
    <div data-testid="calibration-scatter">
      <ChartFrame heightPx={HEIGHT_PX}>
        {(widthPx) => (
          <ScatterChart
            width={widthPx}
            height={HEIGHT_PX}
            margin={{ top: 8, right: 16, bottom: 22, left: 16 }}
          >
            <CartesianGrid stroke={GRID_STROKE} />
            <XAxis
              type="number"
              dataKey="x"
              scale="log"
              domain={domain}
              ticks={ticks}
              tickFormatter={fmtMs}
              allowDataOverflow
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
              label={{
                value: 'Measured latency (ms per batch)',
                position: 'insideBottom',
                offset: -12,
                style: AXIS_LABEL_STYLE,
              }}
            />
            <YAxis
              type="number"
              dataKey="y"
              scale="log"
              domain={domain}
              ticks={ticks}
              tickFormatter={fmtMs}
              allowDataOverflow
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
              width={56}
              label={{
                value: 'Predicted (ms per batch)',
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                dy: 70,
                style: AXIS_LABEL_STYLE,
              }}
            />
            <ReferenceLine
              segment={[
                { x: domain[0], y: domain[0] },
                { x: domain[1], y: domain[1] },
              ]}
              stroke="var(--text-3)"
              strokeDasharray="4 3"
              ifOverflow="hidden"
            />
            <Tooltip {...TOOLTIP_PROPS} content={<PointTooltip />} cursor={false} />
            {families.map((f, i) => (
              <Scatter
                key={f}
                name={f}
                data={data.filter((d) => d.point.family === f)}
                fill={PALETTE[i % PALETTE.length]}
                fillOpacity={0.8}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        )}
      </ChartFrame>
      <ChartLegend
        label="Operator families"
        items={[
          ...families.map((f, i) => ({
            label: f,
            color: PALETTE[i % PALETTE.length]!,
            swatch: 'dot' as const,
          })),
          { label: 'predicted = measured', color: 'var(--text-3)', swatch: 'dashed' as const },
        ]}
      />
    </div>
  );
});
