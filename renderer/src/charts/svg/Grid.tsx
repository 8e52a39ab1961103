/** Gridlines as one path: horizontal lines at `positions` (y) across `extent` (x), or vertical ones. */
export function GridLines({
  direction,
  positions,
  extent,
}: {
  direction: 'horizontal' | 'vertical';
  positions: readonly number[];
  extent: readonly [number, number];
}) {
  const [from, to] = extent;
  const d = positions
    .map((p) => (direction === 'horizontal' ? `M${from} ${p}H${to}` : `M${p} ${from}V${to}`))
    .join('');
  return d ? <path className="svg-grid" d={d} /> : null;
}
