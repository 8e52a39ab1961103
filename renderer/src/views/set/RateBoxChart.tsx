import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  GRID_STROKE,
  TOOLTIP_PROPS,
  stageColor,
} from '../../charts';
import { formatPercent } from '../../format';
import type { RateDistribution, SetBlockOverview } from '../../set/types';

const RATE_CHART_HEIGHT_PX = 250;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 4 };

/** Which rate of each block the chart shows. */
export type RateKind = 'spatial' | 'conv1' | 'channel' | 'gate';

export const RATE_KIND_LABEL: Record<RateKind, string> = {
  spatial: 'Spatial rate',
  conv1: 'conv1 rate',
  channel: 'Channel rate',
  gate: 'Layer kept',
};

interface Row {
  key: string;
  stage: number;
  index: number;
  dist: RateDistribution;
  /** The full [0, 1] range: the bar spans the whole plot, the shape draws the box inside it. */
  span: [number, number];
}

/** Rows of the blocks that have the chosen rate, in network order. */
function rateRows(blocks: readonly SetBlockOverview[], kind: RateKind): Row[] {
  const rows: Row[] = [];
  for (const block of blocks) {
    const dist = block[kind];
    if (!dist) continue;
    const index = Number(block.key.split('/')[1] ?? 0);
    rows.push({ key: block.key, stage: block.stage, index, dist, span: [0, 1] });
  }
  return rows;
}

interface BoxShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: unknown;
}

/** One block's box: whiskers p10–p90, box p25–p75, median line, mean dot. */
function BoxShape({ x = 0, y = 0, width = 0, height = 0, payload }: BoxShapeProps) {
  const row = payload as Row | undefined;
  if (!row || height <= 0) return <g />;
  const py = (v: number) => y + height * (1 - v);
  const d = row.dist;
  const color = stageColor(row.stage);
  const boxW = Math.max(3, Math.min(18, width * 0.62));
  const cx = x + width / 2;
  const top = py(d.p75);
  const boxH = Math.max(1.5, py(d.p25) - top);
  return (
    <g data-testid="set-rate-box">
      <line
        x1={cx}
        x2={cx}
        y1={py(d.p90)}
        y2={py(d.p10)}
        stroke={color}
        strokeWidth={1.2}
        strokeDasharray="3 2"
      />
      <line x1={cx - boxW / 4} x2={cx + boxW / 4} y1={py(d.p90)} y2={py(d.p90)} stroke={color} />
      <line x1={cx - boxW / 4} x2={cx + boxW / 4} y1={py(d.p10)} y2={py(d.p10)} stroke={color} />
      <rect
        x={cx - boxW / 2}
        y={top}
        width={boxW}
        height={boxH}
        fill={color}
        fillOpacity={0.28}
        stroke={color}
        strokeWidth={1.2}
        rx={1.5}
      />
      <line
        x1={cx - boxW / 2}
        x2={cx + boxW / 2}
        y1={py(d.p50)}
        y2={py(d.p50)}
        stroke={color}
        strokeWidth={2}
      />
      <circle
        cx={cx}
        cy={py(d.mean)}
        r={2.2}
        fill="var(--panel)"
        stroke={color}
        strokeWidth={1.2}
      />
    </g>
  );
}

interface TipProps {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  kind: RateKind;
}

function BoxTooltip({ active, payload, kind }: TipProps) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  const d = row.dist;
  const cells: Array<[string, number]> = [
    ['Mean', d.mean],
    ['p10', d.p10],
    ['p25', d.p25],
    ['Median', d.p50],
    ['p75', d.p75],
    ['p90', d.p90],
    ['Range', d.max - d.min],
  ];
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
      <div className="chart-tooltip-title">
        Block {row.key} · {RATE_KIND_LABEL[kind].toLowerCase()}
      </div>
      <table className="chart-tooltip-table">
        <tbody>
          {cells.map(([label, v]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="mono">{formatPercent(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { index?: number };
  rows: Row[];
}

/** Block index in its stage colour; the stage name under each stage's first block. */
function BlockTick({ x = 0, y = 0, payload, rows }: TickProps) {
  const row = rows[payload?.index ?? -1];
  if (!row) return <g />;
  const color = stageColor(row.stage);
  return (
    <g>
      <text x={Number(x)} y={Number(y) + 10} fontSize={10.5} textAnchor="middle" fill={color}>
        {row.index}
      </text>
      {row.index === 0 ? (
        <text
          x={Number(x)}
          y={Number(y) + 24}
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

/** Per block along the network, the spread of one rate across the set's images (box plots). */
export const RateBoxChart = memo(function RateBoxChart({
  blocks,
  kind,
}: {
  blocks: readonly SetBlockOverview[];
  kind: RateKind;
}) {
  const rows = rateRows(blocks, kind);
  return (
    <ChartFrame heightPx={RATE_CHART_HEIGHT_PX}>
      {(width) => (
        <BarChart
          width={width}
          height={RATE_CHART_HEIGHT_PX}
          data={rows}
          margin={MARGIN}
          barCategoryGap={1}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="key"
            interval={0}
            tickLine={false}
            axisLine={AXIS_LINE}
            height={32}
            tick={(props: Omit<TickProps, 'rows'>) => <BlockTick {...props} rows={rows} />}
          />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}`}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            width={52}
            label={{
              value: `${RATE_KIND_LABEL[kind]} (%)`,
              angle: -90,
              position: 'insideLeft',
              offset: 12,
              style: { ...AXIS_LABEL_STYLE, textAnchor: 'middle' },
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            cursor={{ fill: 'var(--panel-2)' }}
            content={<BoxTooltip kind={kind} />}
          />
          <Bar dataKey="span" isAnimationActive={false} shape={<BoxShape />} />
        </BarChart>
      )}
    </ChartFrame>
  );
});
