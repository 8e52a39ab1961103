import { memo, useEffect, useMemo, useState } from 'react';
import { stageColor } from '../../charts';
import {
  Axis,
  AxisTitle,
  GridLines,
  SvgTooltip,
  localPoint,
  useMeasuredWidth,
} from '../../charts/svg';
import { describeDynamics } from '../strip/describe';
import { formatChange } from './change';
import type { Theory } from './theoryData';
import {
  growDomain,
  keepDomain,
  nearestPoint,
  sharedDomain,
  theoryGeometry,
  type PlacedPoint,
} from './theoryGeometry';

/** Axis ticks in the view's convention: "−20 %", "+10 %", "0 %". */
const formatTick = (v: number) => formatChange(v / 100, 0);

/** Quiet time after a rate change before the axes may narrow to the points again, ms. */
export const DOMAIN_SETTLE_MS = 300;

/** Hover radius around a point, px. */
const HIT_RADIUS_PX = 10;

function TheoryTooltip({ placed }: { placed: PlacedPoint }) {
  const isNetwork = placed.point.key === 'network';
  return (
    <>
      <div className="chart-tooltip-title">
        {isNetwork ? 'Whole network' : `Block ${placed.point.key}`}
      </div>
      {placed.point.dynamics ? <div>{describeDynamics(placed.point.dynamics)}</div> : null}
      <div>
        FLOPs <strong className="mono">{formatChange(placed.xPct / 100)}</strong>
      </div>
      <div>
        Latency <strong className="mono">{formatChange(placed.yPct / 100)}</strong>
      </div>
      <div className="hint">
        {isNetwork
          ? 'FLOPs include stem and head; latency covers the blocks.'
          : 'Click to select the block'}
      </div>
    </>
  );
}

/** Points of no theory: the frame's geometry depends only on the width and the domain. */
const NO_POINTS: Theory = {
  blocks: [],
  stages: [],
  network: { key: 'network', stage: -1, flopsReduction: 0, latencyReduction: 0, dynamics: null },
};

/**
 * Gridlines, the zero lines, the diagonal and both axes (the y title is drawn after the points): they
 * change with the width and the drawn domain, which a rate change keeps (see keepDomain), so a rate
 * change re-renders only the points.
 */
const TheoryFrame = memo(function TheoryFrame({
  widthPx,
  lo,
  hi,
}: {
  widthPx: number;
  lo: number;
  hi: number;
}) {
  const { plot, x, y, ticks, heightPx } = theoryGeometry(NO_POINTS, widthPx, [lo, hi]);
  const xTicks = ticks.map((v) => ({ key: v, pos: x(v), label: formatTick(v) }));
  const yTicks = ticks.map((v) => ({ key: v, pos: y(v), label: formatTick(v) }));
  return (
    <>
      <GridLines
        direction="horizontal"
        positions={yTicks.map((t) => t.pos)}
        extent={[plot.left, plot.right]}
      />
      <GridLines
        direction="vertical"
        positions={xTicks.map((t) => t.pos)}
        extent={[plot.top, plot.bottom]}
      />
      <path
        className="theory-zero"
        d={`M${x(0)} ${plot.top}V${plot.bottom}M${plot.left} ${y(0)}H${plot.right}`}
        fill="none"
        stroke="var(--border)"
      />
      <line
        className="theory-diagonal"
        x1={x(lo)}
        y1={y(lo)}
        x2={x(hi)}
        y2={y(hi)}
        stroke="var(--text-3)"
        strokeDasharray="5 4"
      />
      <Axis
        side="bottom"
        at={plot.bottom}
        extent={[plot.left, plot.right]}
        ticks={xTicks}
        title="FLOPs change (% of static MACs)"
        titleAt={heightPx - 8}
      />
      <Axis side="left" at={plot.left} extent={[plot.top, plot.bottom]} ticks={yTicks} />
    </>
  );
});

interface TheoryChartProps {
  theory: Theory;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** Scatter of latency change against FLOPs change: one dot per block, a diamond for the network. */
export const TheoryChart = memo(function TheoryChart({
  theory,
  selectedKey,
  onSelect,
}: TheoryChartProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const [hover, setHover] = useState<{ key: string; x: number; y: number } | null>(null);
  // A rate change moves the points, not the axes: the drawn domain grows at once when a point leaves it
  // (derived state from the previous render), and narrows to the points only once the rates have rested
  // for DOMAIN_SETTLE_MS, so that a drag whose points come and go does not redraw the frame each time.
  const needed = useMemo(() => sharedDomain([...theory.blocks, theory.network]), [theory]);
  const [drawn, setDrawn] = useState<[number, number]>(() => keepDomain(null, needed));
  const domain = growDomain(drawn, needed);
  if (domain[0] !== drawn[0] || domain[1] !== drawn[1]) setDrawn(domain);
  useEffect(() => {
    const settle = setTimeout(
      () =>
        setDrawn((d) => {
          const rest = keepDomain(d, needed);
          return rest[0] === d[0] && rest[1] === d[1] ? d : rest;
        }),
      DOMAIN_SETTLE_MS,
    );
    return () => clearTimeout(settle);
  }, [needed]);
  const [lo, hi] = domain;
  const g = useMemo(() => theoryGeometry(theory, widthPx, [lo, hi]), [theory, widthPx, lo, hi]);
  const all = useMemo(() => [...g.blocks, g.network], [g]);
  const hovered = hover ? all.find((p) => p.point.key === hover.key) : undefined;
  const selected = g.blocks.find((p) => p.point.key === selectedKey);
  const r = 8;
  const n = g.network;
  return (
    <div ref={ref} className="svg-chart" style={{ height: g.heightPx }} data-testid="theory-chart">
      <svg
        width={g.widthPx}
        height={g.heightPx}
        role="img"
        aria-label="Latency change against FLOPs change, per block and for the network"
        onPointerMove={(e) => {
          const p = localPoint(e);
          const near = nearestPoint(all, p.x, p.y, HIT_RADIUS_PX);
          setHover(near ? { key: near.point.key, ...p } : null);
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const p = localPoint(e);
          const near = nearestPoint(g.blocks, p.x, p.y, HIT_RADIUS_PX);
          if (near) onSelect(near.point.key);
        }}
        style={{ cursor: hover && hover.key !== 'network' ? 'pointer' : undefined }}
      >
        <TheoryFrame widthPx={g.widthPx} lo={lo} hi={hi} />
        <g className="theory-points">
          {g.blocks.map((p) => (
            <circle
              key={p.point.key}
              className="theory-point"
              data-key={p.point.key}
              cx={p.cx}
              cy={p.cy}
              r={p.point.key === selectedKey ? 5.5 : 4.5}
              fill={stageColor(p.point.stage)}
              fillOpacity={0.85}
              stroke="var(--panel)"
              strokeWidth={1}
            />
          ))}
          <path
            className="theory-point theory-network"
            data-key="network"
            d={`M${n.cx} ${n.cy - r}L${n.cx + r} ${n.cy}L${n.cx} ${n.cy + r}L${n.cx - r} ${n.cy}Z`}
            fill="var(--text)"
            stroke="var(--panel)"
            strokeWidth={1.5}
          />
        </g>
        {selected ? (
          <circle
            className="theory-selected"
            cx={selected.cx}
            cy={selected.cy}
            r={9}
            fill="none"
            stroke="var(--accent)"
            strokeWidth={2}
          />
        ) : null}
        {/* The rotated y title after the points: painted before them, it makes each move re-layerize. */}
        <AxisTitle
          side="left"
          extent={[g.plot.top, g.plot.bottom]}
          title="Latency change (% of static)"
          titleAt={24}
        />
      </svg>
      {hover && hovered ? (
        <SvgTooltip x={hover.x} y={hover.y} widthPx={g.widthPx} heightPx={g.heightPx}>
          <TheoryTooltip placed={hovered} />
        </SvgTooltip>
      ) : null}
    </div>
  );
});
