import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_LABEL_STYLE,
  AXIS_LINE,
  AXIS_TICK,
  ChartFrame,
  GRID_STROKE,
  TOOLTIP_PROPS,
} from '../../charts';
import { formatMs } from '../../format';
import type { HardwareSpread } from '../../set/types';

const SPREAD_CHART_HEIGHT_PX = 150;
const MARGIN = { top: 14, right: 16, bottom: 18, left: 4 };

interface Bin {
  /** Bin centre, ms. */
  ms: number;
  from: number;
  to: number;
  count: number;
}

function bins(spread: HardwareSpread): Bin[] {
  return spread.counts.map((count, i) => {
    const from = (spread.edges[i] ?? 0) * 1000;
    const to = (spread.edges[i + 1] ?? 0) * 1000;
    return { ms: (from + to) / 2, from, to, count };
  });
}

function BinTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const bin = payload?.[0]?.payload as Bin | undefined;
  if (!active || !bin) return null;
  return (
    <div className="chart-tooltip" style={TOOLTIP_PROPS.contentStyle}>
      <div className="chart-tooltip-title">
        {formatMs(bin.from)} – {formatMs(bin.to)}
      </div>
      <div>
        <strong className="mono">{bin.count}</strong> image{bin.count === 1 ? '' : 's'}
      </div>
    </div>
  );
}

/** Histogram of one preset's per-image predicted latency, with the mean-rates latency marked. */
export const SpreadChart = memo(function SpreadChart({ spread }: { spread: HardwareSpread }) {
  const data = bins(spread);
  const lo = data[0]?.from ?? 0;
  const hi = data[data.length - 1]?.to ?? 1;
  const meanMs = spread.meanRatesLatencyS * 1000;
  const ticks = [0, 1, 2, 3, 4].map((k) => lo + ((hi - lo) * k) / 4);
  const digits = hi - lo < 0.1 ? 3 : hi - lo < 1 ? 2 : hi - lo < 10 ? 1 : 0;
  return (
    <ChartFrame heightPx={SPREAD_CHART_HEIGHT_PX}>
      {(width) => (
        <BarChart
          width={width}
          height={SPREAD_CHART_HEIGHT_PX}
          data={data}
          margin={MARGIN}
          barCategoryGap={1}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="ms"
            type="number"
            domain={[lo, hi]}
            ticks={ticks}
            tickFormatter={(v: number) => v.toFixed(digits)}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            label={{
              value: 'Predicted latency per image (ms)',
              position: 'insideBottom',
              offset: -10,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            allowDecimals={false}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            width={52}
            label={{
              value: 'Images',
              angle: -90,
              position: 'insideLeft',
              offset: 12,
              style: { ...AXIS_LABEL_STYLE, textAnchor: 'middle' },
            }}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            cursor={{ fill: 'var(--panel-2)' }}
            content={<BinTooltip />}
          />
          <Bar dataKey="count" fill="var(--hw-bar)" isAnimationActive={false} />
          {meanMs >= lo && meanMs <= hi ? (
            <ReferenceLine
              x={meanMs}
              stroke="var(--accent)"
              strokeWidth={2}
              strokeDasharray="4 3"
            />
          ) : null}
        </BarChart>
      )}
    </ChartFrame>
  );
});
