import { memo, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { stageColor } from '../../charts';
import { Axis, GridLines, SvgTooltip, localPoint, useMeasuredWidth } from '../../charts/svg';
import { describeDynamics } from '../strip/describe';
import { formatChange } from './change';
import type { Theory } from './theoryData';
import {
  THEORY_CHART_HEIGHT_PX,
  nearestPoint,
  theoryGeometry,
  type PlacedPoint,
} from './theoryGeometry';
import { writeAttr, type Live } from '../hardware/live';

/** Axis ticks in the view's convention: "−20 %", "+10 %", "0 %". */
const formatTick = (v: number) => formatChange(v / 100, 0);

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
 * Gridlines, the zero lines, the diagonal and both axes: they change with the width and the drawn
 * domain, which a rate change keeps (see keepDomain), so a rate change re-renders only the points.
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
      <Axis
        side="left"
        at={plot.left}
        extent={[plot.top, plot.bottom]}
        ticks={yTicks}
        title="Latency change (% of static)"
        titleAt={24}
      />
    </>
  );
});

/** What the scatter draws of a theory that a rate change leaves alone: its blocks' keys and stages. */
export interface TheoryPointsShape {
  /** Blocks in drawing order (by stage), each with its stage. */
  blocks: { key: string; stage: number }[];
}

/** A key equal for theories drawn with the same points (see {@link TheoryPointsShape}). */
export function pointsKey(theory: Theory): string {
  return [...theory.blocks]
    .sort((a, b) => a.stage - b.stage)
    .map((b) => `${b.key}:${b.stage}`)
    .join(' ');
}

/** The points of `theory` in drawing order (the geometry's order: by stage). */
export function pointsShape(theory: Theory): TheoryPointsShape {
  return {
    blocks: [...theory.blocks]
      .sort((a, b) => a.stage - b.stage)
      .map((b) => ({ key: b.key, stage: b.stage })),
  };
}

/** The network's diamond around (cx, cy). */
const diamond = (cx: number, cy: number, r: number) =>
  `M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`;

const DIAMOND_R = 8;

/**
 * Writes the points' places (only those that differ): the blocks' dots, the network's diamond and the
 * selection ring (the children of `points` in drawing order, then the diamond).
 */
function writePoints(
  g: ReturnType<typeof theoryGeometry>,
  points: SVGGElement,
  ring: SVGCircleElement | null,
  selectedKey: string | null,
): void {
  const dots = points.children;
  const n = Math.min(g.blocks.length, dots.length - 1);
  for (let i = 0; i < n; i++) {
    const p = g.blocks[i]!;
    writeAttr(dots[i], 'cx', String(p.cx));
    writeAttr(dots[i], 'cy', String(p.cy));
    if (ring && p.point.key === selectedKey) {
      writeAttr(ring, 'cx', String(p.cx));
      writeAttr(ring, 'cy', String(p.cy));
    }
  }
  writeAttr(dots[dots.length - 1], 'd', diamond(g.network.cx, g.network.cy, DIAMOND_R));
}

interface TheoryChartProps {
  shape: TheoryPointsShape;
  /** The theory of the live configuration: the points' places are written from it. */
  live: Live<Theory>;
  /** The drawn domain, in % (see keepDomain): a rate change keeps it while the points fit. */
  lo: number;
  hi: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/**
 * Scatter of latency change against FLOPs change: one dot per block, a diamond for the network.
 * Rendered with the points' keys, the domain and the selection; a rate change writes the points'
 * places in place (see {@link writePoints}).
 */
export const TheoryChart = memo(function TheoryChart({
  shape,
  live,
  lo,
  hi,
  selectedKey,
  onSelect,
}: TheoryChartProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const pointsRef = useRef<SVGGElement>(null);
  const ringRef = useRef<SVGCircleElement>(null);
  const [hover, setHoverState] = useState<{ key: string; x: number; y: number } | null>(null);
  const hovering = useRef(false);
  const setHover = (h: { key: string; x: number; y: number } | null) => {
    hovering.current = h !== null;
    setHoverState(h);
  };
  // The tooltip shows live numbers: while it is open, a new theory renders it again.
  const [, refresh] = useReducer((k: number) => k + 1, 0);
  useLayoutEffect(() => {
    const points = pointsRef.current;
    if (!points) return;
    const write = (theory: Theory) =>
      writePoints(theoryGeometry(theory, widthPx, [lo, hi]), points, ringRef.current, selectedKey);
    const now = live.get();
    if (now) write(now);
    return live.subscribe((theory) => {
      write(theory);
      if (hovering.current) refresh();
    });
  }, [live, widthPx, lo, hi, selectedKey, shape]);
  /** The points where they are now (pointer events and the tooltip). */
  const placed = () => {
    const theory = live.get();
    return theory ? theoryGeometry(theory, widthPx, [lo, hi]) : null;
  };
  const heightPx = THEORY_CHART_HEIGHT_PX;
  const now = hover ? placed() : null;
  const hovered = now ? [...now.blocks, now.network].find((p) => p.point.key === hover?.key) : null;
  const selected = shape.blocks.find((b) => b.key === selectedKey);
  return (
    <div ref={ref} className="svg-chart" style={{ height: heightPx }} data-testid="theory-chart">
      <svg
        width={widthPx}
        height={heightPx}
        role="img"
        aria-label="Latency change against FLOPs change, per block and for the network"
        onPointerMove={(e) => {
          const g = placed();
          if (!g) return;
          const p = localPoint(e);
          const near = nearestPoint([...g.blocks, g.network], p.x, p.y, HIT_RADIUS_PX);
          setHover(near ? { key: near.point.key, ...p } : null);
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const g = placed();
          if (!g) return;
          const p = localPoint(e);
          const near = nearestPoint(g.blocks, p.x, p.y, HIT_RADIUS_PX);
          if (near) onSelect(near.point.key);
        }}
        style={{ cursor: hover && hover.key !== 'network' ? 'pointer' : undefined }}
      >
        <TheoryFrame widthPx={widthPx} lo={lo} hi={hi} />
        <g className="theory-points" ref={pointsRef}>
          {shape.blocks.map((b) => (
            <circle
              key={b.key}
              className="theory-point"
              data-key={b.key}
              r={b.key === selectedKey ? 5.5 : 4.5}
              fill={stageColor(b.stage)}
              fillOpacity={0.85}
              stroke="var(--panel)"
              strokeWidth={1}
            />
          ))}
          <path
            className="theory-point theory-network"
            data-key="network"
            fill="var(--text)"
            stroke="var(--panel)"
            strokeWidth={1.5}
          />
        </g>
        {selected ? (
          <circle
            ref={ringRef}
            className="theory-selected"
            r={9}
            fill="none"
            stroke="var(--accent)"
            strokeWidth={2}
          />
        ) : null}
      </svg>
      {hover && hovered ? (
        <SvgTooltip x={hover.x} y={hover.y} widthPx={widthPx} heightPx={heightPx}>
          <TheoryTooltip placed={hovered} />
        </SvgTooltip>
      ) : null}
    </div>
  );
});
