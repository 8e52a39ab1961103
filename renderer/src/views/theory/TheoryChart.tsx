import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { stageColor } from '../../charts';
import {
  Axis,
  AxisTitle,
  GridLines,
  SvgTooltip,
  localPoint,
  useMeasuredWidth,
  useLiveHover,
} from '../../charts/svg';
import { describeDynamics } from '../strip/describe';
import { formatChange } from './change';
import type { Theory } from './theoryData';
import { cachedAttrWriter, type AttrWrite, type Live } from '../../components/liveWrites';
import {
  nearestPoint,
  theoryGeometry,
  type PlacedPoint,
  type TheoryGeometry,
} from './theoryGeometry';
import type { TheoryLive } from './viewState';

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
  /** The blocks (in order, with their stages) as when the shape last changed; the numbers are on `live`. */
  theory: Theory;
  /** The latest numbers: the points' places are written from these (see `placePoints`). */
  live: Live<TheoryLive>;
  /** The drawn domain of both axes, %. */
  lo: number;
  hi: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** The point of `key` (a block's or 'network'). */
const placedOf = (g: TheoryGeometry, key: string) =>
  key === 'network' ? g.network : g.blocks.find((p) => p.point.key === key);

/** The network's diamond around its place. */
const diamond = (n: PlacedPoint, r: number) =>
  `M${n.cx} ${n.cy - r}L${n.cx + r} ${n.cy}L${n.cx} ${n.cy + r}L${n.cx - r} ${n.cy}Z`;

/** Radius of the network's diamond, px. */
const DIAMOND_PX = 8;

/**
 * Writes the places of `g`'s points into the points' group (a circle per block in `g`'s order, then the
 * network's path) and the selection ring, through `writeAttr` (only what differs from the last write).
 */
function placePoints(
  g: TheoryGeometry,
  points: HTMLCollection,
  ring: Element | null,
  selectedKey: string | null,
  writeAttr: AttrWrite,
): void {
  const n = Math.min(g.blocks.length, points.length - 1);
  for (let i = 0; i < n; i++) {
    const p = g.blocks[i]!;
    writeAttr(points[i], 'cx', String(p.cx));
    writeAttr(points[i], 'cy', String(p.cy));
  }
  writeAttr(points[points.length - 1], 'd', diamond(g.network, DIAMOND_PX));
  const selected = ring ? g.blocks.find((p) => p.point.key === selectedKey) : undefined;
  if (selected) {
    writeAttr(ring, 'cx', String(selected.cx));
    writeAttr(ring, 'cy', String(selected.cy));
  }
}

/**
 * Scatter of latency change against FLOPs change: one dot per block, a diamond for the network. React
 * draws the frame and the points' fixed parts (colour, size); a rate change only writes their places.
 */
export const TheoryChart = memo(function TheoryChart({
  theory,
  live,
  lo,
  hi,
  selectedKey,
  onSelect,
}: TheoryChartProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  const { hover, setHover, hovering, refresh } = useLiveHover<{
    key: string;
    x: number;
    y: number;
  }>();
  const pointsRef = useRef<SVGGElement>(null);
  const ringRef = useRef<SVGCircleElement>(null);
  // The frame's geometry (the points in drawing order, at the places of the shape's numbers).
  const frame = useMemo(() => theoryGeometry(theory, widthPx, [lo, hi]), [theory, widthPx, lo, hi]);
  /** The latest points' geometry (hit tests and the tooltip read it). */
  const latest = () => {
    const now = live.get();
    return now ? theoryGeometry(now.theory, widthPx, [lo, hi]) : frame;
  };
  const selected = frame.blocks.some((p) => p.point.key === selectedKey);
  useLayoutEffect(() => {
    const points = pointsRef.current?.children;
    if (!points) return;
    // Places compared with what was written last, not read back.
    const writeAttr = cachedAttrWriter();
    const write = (v: TheoryLive) => {
      // Numbers for another domain or other blocks: the render for them writes them.
      const { shape } = v;
      if (shape.theory !== theory || shape.domain[0] !== lo || shape.domain[1] !== hi) return;
      placePoints(
        theoryGeometry(v.theory, widthPx, [lo, hi]),
        points,
        ringRef.current,
        selectedKey,
        writeAttr,
      );
    };
    const now = live.get();
    if (now) write(now);
    return live.subscribe((v) => {
      write(v);
      if (hovering.current) refresh();
    });
  }, [live, theory, widthPx, lo, hi, selectedKey, frame, selected, hovering, refresh]);
  const g = frame;
  const hovered = hover ? placedOf(latest(), hover.key) : undefined;
  return (
    <div ref={ref} className="svg-chart" style={{ height: g.heightPx }} data-testid="theory-chart">
      <svg
        width={g.widthPx}
        height={g.heightPx}
        role="img"
        aria-label="Latency change against FLOPs change, per block and for the network"
        onPointerMove={(e) => {
          const p = localPoint(e);
          const now = latest();
          const near = nearestPoint([...now.blocks, now.network], p.x, p.y, HIT_RADIUS_PX);
          setHover(near ? { key: near.point.key, ...p } : null);
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const p = localPoint(e);
          const near = nearestPoint(latest().blocks, p.x, p.y, HIT_RADIUS_PX);
          if (near) onSelect(near.point.key);
        }}
        style={{ cursor: hover && hover.key !== 'network' ? 'pointer' : undefined }}
      >
        <TheoryFrame widthPx={g.widthPx} lo={lo} hi={hi} />
        <g className="theory-points" ref={pointsRef}>
          {g.blocks.map((p) => (
            <circle
              key={p.point.key}
              className="theory-point"
              data-key={p.point.key}
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
            fill="var(--text)"
            stroke="var(--panel)"
            strokeWidth={1.5}
          />
        </g>
        {selected ? (
          <circle
            className="theory-selected"
            ref={ringRef}
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
