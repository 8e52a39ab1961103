/**
 * Chart marks that change with every rate (bars, points, their value labels) drawn into a `<canvas>`
 * under a chart's SVG frame (axes, preset names), instead of as SVG elements: a rate change then costs
 * one canvas redraw, with no style, layout or paint of SVG elements. The same list of marks is turned
 * into SVG elements for the export ({@link marksToSvg}), so an exported chart is complete.
 *
 * Colours may be `var(--…)`: the canvas resolves them against the document (cached per theme), the
 * export against the live chart, as for the rest of the exported SVG.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

interface Paint {
  /** Fill colour (any CSS colour or `var(--…)`); absent: no fill. */
  fill?: string;
  fillOpacity?: number;
  /** Fill with diagonal hatching in the fill colour (memory segments of the breakdown). */
  hatch?: boolean;
  stroke?: string;
  strokeWidth?: number;
  strokeOpacity?: number;
  /** Dash pattern of the stroke, px. */
  dash?: readonly number[];
  /** Class of the exported element (tests select marks by it). */
  className?: string;
  /** `data-*` attributes of the exported element (`{ key: 'stage1/0' }` → `data-key`). */
  data?: Readonly<Record<string, string>>;
}

export type Mark =
  | ({ kind: 'rect'; x: number; y: number; width: number; height: number } & Paint)
  | ({ kind: 'circle'; cx: number; cy: number; r: number } & Paint)
  | ({ kind: 'line'; x1: number; y1: number; x2: number; y2: number } & Paint)
  /** An SVG path string (`M…H…V…Z`), drawn with `Path2D`. */
  | ({ kind: 'path'; d: string } & Paint)
  | ({
      kind: 'text';
      x: number;
      y: number;
      text: string;
      fontSize: number;
      anchor?: 'start' | 'middle' | 'end';
      /** Baseline shift in em, as SVG's `dy` (0.32: centred on y). */
      dy?: number;
    } & Paint);

/** Resolves `var(--name[, fallback])` colours to literal ones. */
export type ColorResolver = (color: string) => string;

/** Hatch tile: stripes 5 px apart, 45°, as the breakdown's SVG patterns were. */
const HATCH_STEP_PX = 5;
const HATCH_LINE_PX = 1.2;
const HATCH_BACK_OPACITY = 0.28;

function hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const doc = ctx.canvas.ownerDocument;
  const tile = doc.createElement('canvas');
  tile.width = HATCH_STEP_PX;
  tile.height = HATCH_STEP_PX;
  const t = tile.getContext('2d');
  if (!t) return color;
  t.fillStyle = color;
  t.globalAlpha = HATCH_BACK_OPACITY;
  t.fillRect(0, 0, HATCH_STEP_PX, HATCH_STEP_PX);
  t.globalAlpha = 1;
  t.fillRect(0, 0, HATCH_LINE_PX, HATCH_STEP_PX);
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) return color;
  if (typeof DOMMatrix === 'function') pattern.setTransform(new DOMMatrix().rotate(45));
  return pattern;
}

/**
 * Draws `marks` in order into `ctx` (already scaled to CSS pixels and cleared). `font`: the chart's
 * font family, for text marks.
 */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly Mark[],
  color: ColorResolver,
  font: string,
): void {
  // Canvas state setters parse their values (fonts and colours especially): each is set only when
  // it differs from the last mark's.
  const hatches = new Map<string, CanvasPattern | string>();
  let fill: string | CanvasPattern | null = null;
  let alpha = 1;
  let fontNow = '';
  let align: CanvasTextAlign | '' = '';
  let dashed = false;
  let stroke = '';
  let lineWidth = 1;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 1;
  ctx.textBaseline = 'alphabetic';
  ctx.setLineDash([]);
  const setFill = (style: string | CanvasPattern, a: number) => {
    if (style !== fill) ctx.fillStyle = fill = style;
    if (a !== alpha) ctx.globalAlpha = alpha = a;
  };
  for (const m of marks) {
    if (m.kind === 'text') {
      const f = `${m.fontSize}px ${font}`;
      if (f !== fontNow) ctx.font = fontNow = f;
      const a: CanvasTextAlign =
        m.anchor === 'middle' ? 'center' : m.anchor === 'end' ? 'right' : 'left';
      if (a !== align) ctx.textAlign = align = a;
      setFill(color(m.fill ?? 'currentColor'), m.fillOpacity ?? 1);
      ctx.fillText(m.text, m.x, m.y + (m.dy ?? 0) * m.fontSize);
      continue;
    }
    let path: Path2D | null = null;
    ctx.beginPath();
    if (m.kind === 'rect') ctx.rect(m.x, m.y, m.width, m.height);
    else if (m.kind === 'circle') ctx.arc(m.cx, m.cy, m.r, 0, 2 * Math.PI);
    else if (m.kind === 'line') {
      ctx.moveTo(m.x1, m.y1);
      ctx.lineTo(m.x2, m.y2);
    } else path = new Path2D(m.d);
    if (m.fill && m.fill !== 'none') {
      const c = color(m.fill);
      let style: string | CanvasPattern = c;
      if (m.hatch) {
        let p = hatches.get(c);
        if (!p) {
          p = hatchPattern(ctx, c);
          hatches.set(c, p);
        }
        style = p;
      }
      setFill(style, m.fillOpacity ?? 1);
      if (path) ctx.fill(path);
      else ctx.fill();
    }
    if (m.stroke && m.stroke !== 'none') {
      const c = color(m.stroke);
      if (c !== stroke) ctx.strokeStyle = stroke = c;
      const w = m.strokeWidth ?? 1;
      if (w !== lineWidth) ctx.lineWidth = lineWidth = w;
      const a = m.strokeOpacity ?? 1;
      if (a !== alpha) ctx.globalAlpha = alpha = a;
      if (m.dash || dashed) {
        ctx.setLineDash(m.dash ? [...m.dash] : []);
        dashed = m.dash !== undefined;
      }
      if (path) ctx.stroke(path);
      else ctx.stroke();
    }
  }
}

/**
 * The marks as SVG elements (for the export): one `<g>` in drawing order, hatch patterns in its own
 * `<defs>`, colours resolved with `color`.
 */
export function marksToSvg(
  doc: Document,
  marks: readonly Mark[],
  color: ColorResolver,
): SVGGElement {
  const g = doc.createElementNS(SVG_NS, 'g');
  const hatchIds = new Map<string, string>();
  let defs: SVGDefsElement | null = null;
  const hatchId = (c: string): string => {
    let id = hatchIds.get(c);
    if (id) return id;
    id = `marks-hatch-${hatchIds.size}`;
    hatchIds.set(c, id);
    defs ??= g.insertBefore(doc.createElementNS(SVG_NS, 'defs'), g.firstChild);
    const pattern = doc.createElementNS(SVG_NS, 'pattern');
    pattern.setAttribute('id', id);
    pattern.setAttribute('width', String(HATCH_STEP_PX));
    pattern.setAttribute('height', String(HATCH_STEP_PX));
    pattern.setAttribute('patternUnits', 'userSpaceOnUse');
    pattern.setAttribute('patternTransform', 'rotate(45)');
    pattern.innerHTML =
      `<rect width="${HATCH_STEP_PX}" height="${HATCH_STEP_PX}" fill="${c}" fill-opacity="${HATCH_BACK_OPACITY}"/>` +
      `<rect width="${HATCH_LINE_PX}" height="${HATCH_STEP_PX}" fill="${c}"/>`;
    defs.appendChild(pattern);
    return id;
  };
  for (const m of marks) {
    const el = doc.createElementNS(SVG_NS, m.kind);
    const set = (name: string, v: string | number) => el.setAttribute(name, String(v));
    if (m.kind === 'rect') {
      set('x', m.x);
      set('y', m.y);
      set('width', m.width);
      set('height', m.height);
    } else if (m.kind === 'circle') {
      set('cx', m.cx);
      set('cy', m.cy);
      set('r', m.r);
    } else if (m.kind === 'line') {
      set('x1', m.x1);
      set('y1', m.y1);
      set('x2', m.x2);
      set('y2', m.y2);
    } else if (m.kind === 'path') set('d', m.d);
    else {
      set('x', m.x);
      set('y', m.y);
      if (m.dy) set('dy', `${m.dy}em`);
      set('font-size', m.fontSize);
      if (m.anchor && m.anchor !== 'start') set('text-anchor', m.anchor);
      el.textContent = m.text;
    }
    if (m.fill && m.fill !== 'none') {
      const c = color(m.fill);
      set('fill', m.hatch ? `url(#${hatchId(c)})` : c);
      if (m.fillOpacity !== undefined && m.fillOpacity !== 1) set('fill-opacity', m.fillOpacity);
    } else set('fill', 'none');
    if (m.stroke && m.stroke !== 'none') {
      set('stroke', color(m.stroke));
      set('stroke-width', m.strokeWidth ?? 1);
      if (m.strokeOpacity !== undefined && m.strokeOpacity !== 1)
        set('stroke-opacity', m.strokeOpacity);
      if (m.dash) set('stroke-dasharray', m.dash.join(' '));
    }
    if (m.className) set('class', m.className);
    if (m.data) for (const [k, v] of Object.entries(m.data)) set(`data-${k}`, v);
    g.appendChild(el);
  }
  return g;
}

/** The marks each chart's anchor (`<g data-canvas-marks>` inside its `<svg>`) stands for. */
const registry = new WeakMap<Element, readonly Mark[]>();

/** Records the marks drawn for `anchor` (the export reads them back with {@link marksOf}). */
export function registerMarks(anchor: Element, marks: readonly Mark[]): void {
  registry.set(anchor, marks);
}

/** The marks drawn on the canvas that `anchor` stands for (empty when none were drawn). */
export function marksOf(anchor: Element): readonly Mark[] {
  return registry.get(anchor) ?? [];
}
