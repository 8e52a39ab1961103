import { memo, useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
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
import type { BreakdownData, BreakdownRow, BreakdownSeries, TimeUnit } from './breakdownData';
import { opInfo } from './ops';

export const BREAKDOWN_CHART_HEIGHT_PX = 310;
const Y_AXIS_PX = 58;
const MARGIN = { top: 8, right: 12, bottom: 16, left: 14 };

interface BreakdownChartProps {
  data: BreakdownData;
  unit: TimeUnit;
  batchSize: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** Memory segments are hatched in the operator's colour; ids must be valid in `url(#…)`. */
function hatchId(prefix: string, op: string): string {
  return `${prefix}-hatch-${op.replace(/[^a-z0-9]/gi, '_')}`;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { index?: number };
  rows: BreakdownRow[];
  /** Width of one block's band, px (the stage name starts at the band's left edge). */
  bandPx: number;
}

/**
 * Block tick: the index inside its stage in the stage colour, and under a stage's first block the stage
 * name. Short upright labels stay legible and apart even with ResNet-101's 33 blocks at 1280 px.
 */
function BlockTick({ x = 0, y = 0, payload, rows, bandPx }: TickProps) {
  const row = rows[payload?.index ?? -1];
  if (!row) return <g />;
  const cx = Number(x);
  const top = Number(y);
  const color = stageColor(row.stage);
  return (
    <g>
      <text x={cx} y={top + 10} fontSize={10.5} textAnchor="middle" fill={color}>
        {row.index}
      </text>
      {row.index === 0 ? (
        <text
          x={cx - bandPx / 2 + 1}
          y={top + 25}
          fontSize={11}
          fontWeight={600}
          textAnchor="start"
          fill={color}
        >
          {`Stage ${row.stage + 1}`}
        </text>
      ) : null}
    </g>
  );
}

interface TipProps {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  data: BreakdownData;
}

/** Tooltip: the block's totals, then its dynamic operators (largest first). */
function BreakdownTooltip({ active, payload, data }: TipProps) {
  const row = payload?.[0]?.payload as BreakdownRow | undefined;
  if (!active || !row) return null;
  const byOp = new Map<string, number>();
  for (const s of data.series) {
    if (s.side !== 'dynamic') continue;
    const name = s.op === null ? 'Launch overhead' : opInfo(s.op).label;
    byOp.set(name, (byOp.get(name) ?? 0) + Number(row[s.dataKey] ?? 0));
  }
  const ops = [...byOp].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const ratio = row.staticMs > 0 ? row.dynamicMs / row.staticMs : NaN;
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
      <div className="chart-tooltip-title">Block {row.key}</div>
      <div>
        Dynamic <strong className="mono">{formatMs(row.dynamicMs)}</strong> · static{' '}
        <span className="mono">{formatMs(row.staticMs)}</span> · ratio{' '}
        <span className="mono">{Number.isFinite(ratio) ? ratio.toFixed(3) : '—'}</span>
      </div>
      <table className="chart-tooltip-table">
        <tbody>
          {ops.map(([name, v]) => (
            <tr key={name}>
              <td>{name}</td>
              <td className="mono">{formatMs(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="hint">Click to see the block&apos;s operators</div>
    </div>
  );
}

interface SegmentedBarProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: unknown;
  series: BreakdownSeries[];
  prefix: string;
  muted: boolean;
}

/**
 * One whole bar (a block's static or dynamic time) drawn as its stacked segments. Two recharts bars with
 * this shape replace dozens of stacked series: recharts re-renders every series on each update, which made
 * the chart cost over a second per slider move on ResNet-101.
 */
function SegmentedBar({
  x = 0,
  y = 0,
  width = 0,
  height = 0,
  payload,
  series,
  prefix,
  muted,
}: SegmentedBarProps) {
  const row = payload as BreakdownRow | undefined;
  if (!row || height <= 0 || width <= 0) return <g />;
  const values = series.map((s) => Number(row[s.dataKey] ?? 0));
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return <g />;
  // Segment tops, bottom-up: each segment sits on the ones below it.
  const rects: { s: BreakdownSeries; top: number; h: number }[] = [];
  let bottom = y + height;
  series.forEach((s, i) => {
    const h = (height * values[i]!) / total;
    if (h <= 0) return;
    bottom -= h;
    rects.push({ s, top: bottom, h });
  });
  return (
    <g className="breakdown-bar">
      {rects.map(({ s, top, h }) => (
        <rect
          key={s.dataKey}
          x={x}
          y={top}
          width={width}
          height={h}
          fill={s.part === 'memory' && s.op !== null ? `url(#${hatchId(prefix, s.op)})` : s.color}
          fillOpacity={muted ? 0.45 : s.part === 'unsplit' ? 0.75 : 1}
        />
      ))}
    </g>
  );
}

const shapeBox = (p: BarShapeProps) => ({
  x: p.x,
  y: p.y,
  width: p.width,
  height: p.height,
  payload: p.payload as unknown,
});

/** Stacked bars per block: static (muted, left) and dynamic (right), by operator; memory hatched. */
export const BreakdownChart = memo(function BreakdownChart({
  data,
  unit,
  batchSize,
  selectedKey,
  onSelect,
}: BreakdownChartProps) {
  const prefix = useId().replace(/[^a-z0-9]/gi, '');
  const selected = data.rows.find((r) => r.key === selectedKey);
  const unitLabel = unit === 'image' ? 'ms per image' : `ms per batch of ${batchSize}`;
  const staticSeries = data.series.filter((s) => s.side === 'static');
  const dynamicSeries = data.series.filter((s) => s.side === 'dynamic');
  return (
    <ChartFrame heightPx={BREAKDOWN_CHART_HEIGHT_PX}>
      {(widthPx) => {
        const bandPx =
          (widthPx - Y_AXIS_PX - MARGIN.left - MARGIN.right) / Math.max(1, data.rows.length);
        return (
          <BarChart
            width={widthPx}
            height={BREAKDOWN_CHART_HEIGHT_PX}
            data={data.rows}
            margin={MARGIN}
            barGap={1}
            barCategoryGap="18%"
            style={{ cursor: 'pointer' }}
            accessibilityLayer
            onClick={(state) => {
              const i = Number(state.activeTooltipIndex);
              const row = Number.isInteger(i) ? data.rows[i] : undefined;
              if (row) onSelect(row.key);
            }}
          >
            <defs>
              {data.ops.map((op) => (
                <pattern
                  key={op}
                  id={hatchId(prefix, op)}
                  width="5"
                  height="5"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width="5" height="5" fill={opInfo(op).color} fillOpacity={0.28} />
                  <line x1="0" y1="0" x2="0" y2="5" stroke={opInfo(op).color} strokeWidth={2.4} />
                </pattern>
              ))}
            </defs>
            <CartesianGrid vertical={false} stroke={GRID_STROKE} />
            {selected ? (
              <ReferenceArea
                x1={selected.tick}
                x2={selected.tick}
                fill="var(--accent)"
                fillOpacity={0.1}
                stroke="var(--accent)"
                strokeOpacity={0.6}
                ifOverflow="visible"
              />
            ) : null}
            <XAxis
              dataKey="tick"
              interval={0}
              tickLine={false}
              axisLine={AXIS_LINE}
              height={44}
              tick={<BlockTick rows={data.rows} bandPx={bandPx} />}
              label={{
                value: 'Block (index within stage)',
                position: 'insideBottom',
                offset: -6,
                style: AXIS_LABEL_STYLE,
              }}
            />
            <YAxis
              tick={AXIS_TICK}
              axisLine={AXIS_LINE}
              tickLine={AXIS_LINE}
              width={Y_AXIS_PX}
              tickFormatter={(v: number) =>
                v === 0 ? '0' : v < 0.01 ? v.toExponential(0) : String(+v.toPrecision(3))
              }
              label={{
                value: `Time (${unitLabel})`,
                angle: -90,
                position: 'insideLeft',
                offset: 0,
                dy: 60,
                style: AXIS_LABEL_STYLE,
              }}
            />
            <Tooltip
              {...TOOLTIP_PROPS}
              cursor={{ fill: 'var(--panel-2)', fillOpacity: 0.7 }}
              content={<BreakdownTooltip data={data} />}
            />
            <Bar
              dataKey="staticMs"
              name="Static"
              isAnimationActive={false}
              shape={(p: BarShapeProps) => (
                <SegmentedBar {...shapeBox(p)} series={staticSeries} prefix={prefix} muted />
              )}
            />
            <Bar
              dataKey="dynamicMs"
              name="Dynamic"
              isAnimationActive={false}
              shape={(p: BarShapeProps) => (
                <SegmentedBar
                  {...shapeBox(p)}
                  series={dynamicSeries}
                  prefix={prefix}
                  muted={false}
                />
              )}
            />
          </BarChart>
        );
      }}
    </ChartFrame>
  );
});
