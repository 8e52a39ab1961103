import type { ReactNode } from 'react';

/** One tick of an axis: where it sits along the axis and what it reads. */
export interface AxisTick {
  /** Stable React key (the tick's value or category). */
  key: string | number;
  /** Position along the axis, px. */
  pos: number;
  label: string;
}

interface AxisProps {
  side: 'bottom' | 'left';
  /** Where the axis line runs: its y for a bottom axis, its x for a left one. */
  at: number;
  /** Start and end of the axis line along the axis, px. */
  extent: readonly [number, number];
  ticks: readonly AxisTick[];
  /** Length of the tick marks, px (0: labels only). */
  tickSize?: number;
  /** Axis title with its unit ("Time (ms per image)"). */
  title?: string;
  /** Title baseline: its y under a bottom axis, its x left of a left axis (the title reads upwards). */
  titleAt?: number;
  /** Draws a tick's label instead of the default text (custom colours, two-line labels). */
  renderLabel?: (tick: AxisTick, labelAt: number) => ReactNode;
}

/** Gap between a tick mark's end and its label, px. */
const LABEL_GAP_PX = 3;

/**
 * An axis: its line, tick marks (one path), labels and title. Labels carry `svg-tick-label` and the
 * group `svg-axis-x` or `svg-axis-y`, which tests and the no-overlap checks select.
 */
export function Axis({
  side,
  at,
  extent,
  ticks,
  tickSize = 5,
  title,
  titleAt,
  renderLabel,
}: AxisProps) {
  const [from, to] = extent;
  const bottom = side === 'bottom';
  const line = bottom ? `M${from} ${at}H${to}` : `M${at} ${from}V${to}`;
  const marks =
    tickSize > 0
      ? ticks
          .map((t) => (bottom ? `M${t.pos} ${at}v${tickSize}` : `M${at} ${t.pos}h${-tickSize}`))
          .join('')
      : '';
  const labelAt = bottom ? at + tickSize + LABEL_GAP_PX : at - tickSize - LABEL_GAP_PX;
  return (
    <g className={`svg-axis ${bottom ? 'svg-axis-x' : 'svg-axis-y'}`}>
      <path className="svg-axis-line" d={line} />
      {marks ? <path className="svg-axis-line" d={marks} /> : null}
      {ticks.map((t) =>
        renderLabel ? (
          <g key={t.key}>{renderLabel(t, labelAt)}</g>
        ) : bottom ? (
          <text
            key={t.key}
            className="svg-tick-label"
            x={t.pos}
            y={labelAt}
            dy="0.71em"
            textAnchor="middle"
          >
            {t.label}
          </text>
        ) : (
          <text
            key={t.key}
            className="svg-tick-label"
            x={labelAt}
            y={t.pos}
            dy="0.32em"
            textAnchor="end"
          >
            {t.label}
          </text>
        ),
      )}
      {title && titleAt !== undefined ? (
        <AxisTitle side={side} extent={extent} title={title} titleAt={titleAt} />
      ) : null}
    </g>
  );
}

/**
 * An axis title alone, as {@link Axis} draws it: under a bottom axis, or left of a left one reading
 * upwards (rotated). A chart may draw it after its marks: a rotated title painted before marks that
 * move makes every repaint of those marks re-layerize (measured on the Theory chart).
 */
export function AxisTitle({
  side,
  extent,
  title,
  titleAt,
}: {
  side: 'bottom' | 'left';
  extent: readonly [number, number];
  title: string;
  titleAt: number;
}) {
  const mid = (extent[0] + extent[1]) / 2;
  return side === 'bottom' ? (
    <text className="svg-axis-title" x={mid} y={titleAt} textAnchor="middle">
      {title}
    </text>
  ) : (
    <text
      className="svg-axis-title"
      x={-mid}
      y={titleAt}
      transform="rotate(-90)"
      textAnchor="middle"
    >
      {title}
    </text>
  );
}
