/** Reading the hand-drawn charts' SVG in component tests: rectangles of a path, axis ticks. */

/** One rectangle of a bar path (`M x y H x2 V y2 H x Z`, as the breakdown's geometry writes them). */
export interface PathRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangles of a bar path (breakdownGeometry.ts); fails on anything else. */
export function pathRects(d: string): PathRect[] {
  const out: PathRect[] = [];
  const re = /M(-?[\d.]+) (-?[\d.]+)H(-?[\d.]+)V(-?[\d.]+)H(-?[\d.]+)Z/g;
  let consumed = 0;
  for (const m of d.matchAll(re)) {
    const [x, y, x2, y2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    out.push({ x, y, width: x2 - x, height: y2 - y });
    consumed += m[0].length;
  }
  if (consumed !== d.length) throw new Error(`not a list of rectangles: ${d}`);
  return out;
}

/** Tick labels of an axis inside `root`: text and position (x for a bottom axis, y for a left one). */
export function axisTicks(root: Element, axis: 'x' | 'y'): { text: string; pos: number }[] {
  return Array.from(root.querySelectorAll(`.svg-axis-${axis} .svg-tick-label`)).map((t) => ({
    text: t.textContent ?? '',
    pos: Number(t.getAttribute(axis === 'x' ? 'x' : 'y')),
  }));
}
