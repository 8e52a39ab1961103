import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { stageColor } from '../../charts';
import {
  Axis,
  GridLines,
  SvgTooltip,
  localPoint,
  useLiveHover,
  type BandHover,
  useMeasuredWidth,
} from '../../charts/svg';
import { cachedAttrWriter, type Live } from '../../components/liveWrites';
import type { BreakdownData, BreakdownSeries, TimeUnit } from './breakdownData';
import {
  breakdownAxis,
  breakdownFrame,
  breakdownGeometry,
  formatTimeTick,
  type BreakdownAxis,
} from './breakdownGeometry';
import { BreakdownTooltip } from './BreakdownTooltip';
import { opInfo } from './ops';

interface BreakdownChartProps {
  /**
   * The blocks and series to draw (and their numbers, without `live`): its series keys must be those
   * of every value published on `live` until the next render.
   */
  data: BreakdownData;
  /** The time axis (default: fitted to `data`). */
  axis?: BreakdownAxis;
  /** The latest numbers, written into the bars at each value without a render. */
  live?: Pick<Live<{ data: BreakdownData }>, 'get' | 'subscribe'>;
  unit: TimeUnit;
  batchSize: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** Memory segments are hatched in the operator's colour; ids must be valid in `url(#…)`. */
function hatchId(prefix: string, op: string): string {
  return `${prefix}-hatch-${op.replace(/[^a-z0-9]/gi, '_')}`;
}

/** Hatch patterns of the operators (they change only when the set of operators does). */
const HatchPatterns = memo(function HatchPatterns({
  ops,
  prefix,
}: {
  ops: string;
  prefix: string;
}) {
  return (
    <defs>
      {ops
        .split(' ')
        .filter(Boolean)
        .map((op) => (
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
  );
});

/**
 * Block ticks: the index inside its stage in the stage colour, and under a stage's first block the
 * stage name. Depends only on the blocks ("1/0 1/1 2/0 …") and the band, not on the numbers.
 */
const BlockTicks = memo(function BlockTicks({
  ticks,
  left,
  right,
  at,
}: {
  ticks: string;
  left: number;
  right: number;
  at: number;
}) {
  const blocks = (ticks ? ticks.split(' ') : []).map((t) => {
    const [stage, index] = t.split('/').map(Number);
    return { tick: t, stage: stage! - 1, index: index! };
  });
  const step = (right - left) / Math.max(1, blocks.length);
  return (
    <Axis
      side="bottom"
      at={at}
      extent={[left, right]}
      tickSize={0}
      ticks={blocks.map((b, i) => ({
        key: b.tick,
        pos: left + step * (i + 0.5),
        label: String(b.index),
      }))}
      title="Block (index within stage)"
      titleAt={at + 54}
      renderLabel={(t, y) => {
        const b = blocks.find((x) => x.tick === t.key)!;
        const color = stageColor(b.stage);
        return (
          <>
            <text
              className="svg-tick-label"
              x={t.pos}
              y={y + 9}
              textAnchor="middle"
              style={{ fill: color, fontSize: 10.5 }}
            >
              {t.label}
            </text>
            {b.index === 0 ? (
              <text
                className="svg-tick-label"
                x={t.pos - step / 2 + 1}
                y={y + 24}
                textAnchor="start"
                style={{ fill: color, fontWeight: 600 }}
              >
                {`Stage ${b.stage + 1}`}
              </text>
            ) : null}
          </>
        );
      }}
    />
  );
});

/**
 * The stacked segments: one path per series, static ones muted, memory hatched. The paths' `d` is not
 * React's: the chart writes it (see `BreakdownChart`), so a rate change draws without a render.
 */
const SeriesPaths = memo(function SeriesPaths({
  series,
  prefix,
  ref,
}: {
  series: readonly BreakdownSeries[];
  prefix: string;
  ref: Ref<SVGGElement>;
}) {
  return (
    <g className="breakdown-bars" ref={ref}>
      {series.map((s) => (
        <path
          key={s.dataKey}
          className={`breakdown-series breakdown-${s.side}`}
          data-series={s.dataKey}
          fill={s.part === 'memory' && s.op !== null ? `url(#${hatchId(prefix, s.op)})` : s.color}
          fillOpacity={s.side === 'static' ? 0.45 : s.part === 'unsplit' ? 0.75 : 1}
        />
      ))}
    </g>
  );
});

/**
 * Stacked bars per block: static (muted, left) and dynamic (right), by operator; memory hatched.
 * React draws what `data` lays out (blocks, series, axis); the bars' numbers are those published on
 * `live` (or `data`'s own without it), written into the paths at each value without a render.
 */
export const BreakdownChart = memo(function BreakdownChart({
  data,
  axis: axisProp,
  live,
  unit,
  batchSize,
  selectedKey,
  onSelect,
}: BreakdownChartProps) {
  const prefix = useId().replace(/[^a-z0-9]/gi, '');
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const barsRef = useRef<SVGGElement>(null);
  const { hover, setHover, hovering, refresh } = useLiveHover<BandHover>();
  const ownAxis = useMemo(() => breakdownAxis(data, null), [data]);
  const axis = axisProp ?? ownAxis;
  const g = useMemo(
    () => breakdownFrame(data.rows.length, widthPx, axis),
    [data.rows.length, widthPx, axis],
  );
  const ticks = useMemo(() => data.rows.map((r) => r.tick).join(' '), [data]);
  const ops = useMemo(() => data.ops.join(' '), [data]);
  const unitLabel = unit === 'image' ? 'ms per image' : `ms per batch of ${batchSize}`;
  const { plot, band } = g;
  const selectedIndex = data.rows.findIndex((r) => r.key === selectedKey);
  // The numbers the tooltip shows.
  const shown = live?.get()?.data ?? data;
  // The bars: each path's `d` compared with what was written last, never read back.
  const [writeAttr] = useState(cachedAttrWriter);
  useLayoutEffect(() => {
    const paths = barsRef.current?.children;
    if (!paths) return;
    const byKey = new Map<string, Element>();
    data.series.forEach((s, i) => {
      const el = paths[i];
      if (el) byKey.set(s.dataKey, el);
    });
    const write = (d: BreakdownData) => {
      // Another network's value (before the render that lays it out) waits for that render.
      if (d.rows.length !== data.rows.length) return;
      for (const p of breakdownGeometry(d, widthPx, axis, g).paths) {
        writeAttr(byKey.get(p.key), 'd', p.d);
      }
    };
    const now = live?.get()?.data ?? data;
    write(now);
    // A value published between this render and its effects (a new shape's first) reaches the tooltip.
    if (hovering.current && now !== shown) refresh();
    return live?.subscribe((v) => {
      write(v.data);
      if (hovering.current) refresh();
    });
  }, [data, live, widthPx, axis, g, writeAttr, shown, hovering, refresh]);
  const hovered = hover ? shown.rows[hover.index] : undefined;
  // The y gridlines and axis change with their ticks' values and places (the largest bar's scale) or
  // the unit, seldom with a rate: built once per such change, so a rate change reconciles the bars.
  const yTicks = g.yTicks.map((v) => ({ key: v, pos: g.y(v), label: formatTimeTick(v) }));
  const yKey = yTicks.map((t) => `${t.key}@${t.pos}`).join(' ');
  const yFrame = useMemo(
    () => ({
      grid: (
        <GridLines
          direction="horizontal"
          positions={yTicks.map((t) => t.pos)}
          extent={[plot.left, plot.right]}
        />
      ),
      axis: (
        <Axis
          side="left"
          at={plot.left}
          extent={[plot.top, plot.bottom]}
          ticks={yTicks}
          title={`Time (${unitLabel})`}
          titleAt={24}
        />
      ),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the frame shows (yKey)
    [yKey, plot.left, plot.right, plot.top, plot.bottom, unitLabel],
  );
  const stepRect = (i: number) => ({
    x: band.start(i) - band.step * 0.18,
    y: plot.top,
    width: band.step,
    height: plot.bottom - plot.top,
  });
  return (
    <div
      ref={ref}
      className="svg-chart"
      style={{ height: g.heightPx }}
      data-testid="breakdown-chart"
    >
      <svg
        width={g.widthPx}
        height={g.heightPx}
        role="img"
        aria-label="Stacked bars of predicted time per block, static and dynamic"
        style={{ cursor: 'pointer' }}
        onPointerMove={(e) => {
          const p = localPoint(e);
          const inside = p.y >= plot.top && p.y <= plot.bottom;
          const index = inside ? band.indexAt(p.x) : -1;
          setHover(index < 0 ? null : { index, ...p });
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const index = band.indexAt(localPoint(e).x);
          const row = data.rows[index];
          if (row) onSelect(row.key);
        }}
      >
        <HatchPatterns ops={ops} prefix={prefix} />
        {yFrame.grid}
        {hover ? <rect className="svg-cursor" {...stepRect(hover.index)} /> : null}
        {selectedIndex >= 0 ? (
          <rect
            className="breakdown-selected"
            {...stepRect(selectedIndex)}
            fill="var(--accent)"
            fillOpacity={0.1}
            stroke="var(--accent)"
            strokeOpacity={0.6}
          />
        ) : null}
        <SeriesPaths series={data.series} prefix={prefix} ref={barsRef} />
        <BlockTicks ticks={ticks} left={plot.left} right={plot.right} at={plot.bottom} />
        {yFrame.axis}
      </svg>
      {hover && hovered ? (
        <SvgTooltip x={hover.x} y={hover.y} widthPx={g.widthPx} heightPx={g.heightPx}>
          <BreakdownTooltip row={hovered} index={hover.index} data={shown} />
        </SvgTooltip>
      ) : null}
    </div>
  );
});
