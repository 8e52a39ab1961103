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
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  GRID_STROKE,
  TOOLTIP_PROPS,
  stageColor,
} from '../../charts';
import { describeDynamics } from '../strip/describe';
import type { Theory, TheoryPoint } from './theoryData';
import { formatChange } from './change';

export const THEORY_CHART_HEIGHT_PX = 340;

/** Axis ticks in the view's convention: "−20 %", "+10 %", "0 %". */
const formatTick = (v: number) => formatChange(v / 100, 0);

/** A plotted point: changes against the static network in percent (negative: cheaper). */
interface Datum {
  x: number;
  y: number;
  point: TheoryPoint;
}

const toDatum = (p: TheoryPoint): Datum => ({
  x: -p.flopsReduction * 100,
  y: -p.latencyReduction * 100,
  point: p,
});

/** One square domain for both axes (in %), so that y = x is the diagonal and 0 is always shown. */
export function sharedDomain(points: readonly TheoryPoint[]): [number, number] {
  const values = points.flatMap((p) => [-p.flopsReduction * 100, -p.latencyReduction * 100]);
  const lo = Math.floor(Math.min(-10, ...values) / 10) * 10;
  const hi = Math.ceil(Math.max(0, ...values) / 10) * 10;
  return [lo, hi];
}

function ticksOf([lo, hi]: [number, number]): number[] {
  const span = hi - lo;
  const step = span > 120 ? 25 : span > 60 ? 20 : 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

interface ShapeProps {
  cx?: number;
  cy?: number;
  payload?: Datum;
}

function BlockDot({ cx, cy, payload, selectedKey }: ShapeProps & { selectedKey: string | null }) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const selected = payload.point.key === selectedKey;
  return (
    <g>
      {selected ? (
        <circle cx={cx} cy={cy} r={9} fill="none" stroke="var(--accent)" strokeWidth={2} />
      ) : null}
      <circle
        cx={cx}
        cy={cy}
        r={selected ? 5.5 : 4.5}
        fill={stageColor(payload.point.stage)}
        fillOpacity={0.85}
        stroke="var(--panel)"
        strokeWidth={1}
      />
    </g>
  );
}

function NetworkDiamond({ cx, cy }: ShapeProps) {
  if (cx === undefined || cy === undefined) return <g />;
  const r = 8;
  return (
    <path
      d={`M${cx} ${cy - r} L${cx + r} ${cy} L${cx} ${cy + r} L${cx - r} ${cy} Z`}
      fill="var(--text)"
      stroke="var(--panel)"
      strokeWidth={1.5}
    />
  );
}

function TheoryTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const d = payload?.[0]?.payload as Datum | undefined;
  if (!active || !d) return null;
  const isNetwork = d.point.key === 'network';
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
      <div className="chart-tooltip-title">
        {isNetwork ? 'Whole network' : `Block ${d.point.key}`}
      </div>
      {d.point.dynamics ? <div>{describeDynamics(d.point.dynamics)}</div> : null}
      <div>
        FLOPs <strong className="mono">{formatChange(d.x / 100)}</strong>
      </div>
      <div>
        Latency <strong className="mono">{formatChange(d.y / 100)}</strong>
      </div>
      <div className="hint">
        {isNetwork
          ? 'FLOPs include stem and head; latency covers the blocks.'
          : 'Click to select the block'}
      </div>
    </div>
  );
}

interface TheoryChartProps {
  theory: Theory;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** Scatter of latency reduction against FLOPs reduction: one dot per block, a diamond for the network. */
export const TheoryChart = memo(function TheoryChart({
  theory,
  selectedKey,
  onSelect,
}: TheoryChartProps) {
  const domain = sharedDomain([...theory.blocks, theory.network]);
  const ticks = ticksOf(domain);
  const stages = [...new Set(theory.blocks.map((b) => b.stage))].sort((a, b) => a - b);
  const onPointClick = (item: { payload?: unknown }) => {
    const d = item.payload as Datum | undefined;
    if (d && d.point.key !== 'network') onSelect(d.point.key);
  };
  return (
    <ChartFrame heightPx={THEORY_CHART_HEIGHT_PX}>
      {(widthPx) => (
        <ScatterChart
          width={widthPx}
          height={THEORY_CHART_HEIGHT_PX}
          margin={{ top: 10, right: 20, bottom: 20, left: 14 }}
        >
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            type="number"
            dataKey="x"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={formatTick}
            label={{
              value: 'FLOPs change (% of static MACs)',
              position: 'insideBottom',
              offset: -10,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            width={58}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
            tickFormatter={formatTick}
            label={{
              value: 'Latency change (% of static)',
              angle: -90,
              position: 'insideLeft',
              dy: 90,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <ReferenceLine x={0} stroke="var(--border)" />
          <ReferenceLine y={0} stroke="var(--border)" />
          <ReferenceLine
            segment={[
              { x: domain[0], y: domain[0] },
              { x: domain[1], y: domain[1] },
            ]}
            stroke="var(--text-3)"
            strokeDasharray="5 4"
            ifOverflow="hidden"
          />
          <Tooltip {...TOOLTIP_PROPS} cursor={false} content={<TheoryTooltip />} />
          {stages.map((stage) => (
            <Scatter
              key={stage}
              name={`Stage ${stage + 1}`}
              data={theory.blocks.filter((b) => b.stage === stage).map(toDatum)}
              isAnimationActive={false}
              fill={stageColor(stage)}
              shape={(props: ShapeProps) => <BlockDot {...props} selectedKey={selectedKey} />}
              onClick={onPointClick}
              style={{ cursor: 'pointer' }}
            />
          ))}
          <Scatter
            name="Network"
            data={[toDatum(theory.network)]}
            isAnimationActive={false}
            fill="var(--text)"
            shape={(props: ShapeProps) => <NetworkDiamond {...props} />}
          />
        </ScatterChart>
      )}
    </ChartFrame>
  );
});
