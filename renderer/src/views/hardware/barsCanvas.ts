/**
 * The hardware charts' marks (barsPlan.ts) on a canvas over the chart's SVG, and the same marks as SVG
 * elements for the chart's export. A rate change repaints the canvas: twenty bars and labels as canvas
 * drawing cost the page far less than as SVG elements, each of which Blink restyled, laid out and
 * repainted, and whose moves made it rebuild the page's compositing layers.
 */
import {
  LABEL_FONT_PX,
  OUTLINE_DASH,
  STATIC_LINE_DASH,
  type Mark,
  type MarkColor,
} from './barsPlan';

/** The theme's colour of each mark colour (CSS variables), and the labels' font family. */
export interface Palette {
  colors: Record<MarkColor, string>;
  fontFamily: string;
}

const VARIABLES: Record<MarkColor, [string, string]> = {
  accent: ['--accent', '#2563eb'],
  bar: ['--hw-bar', '#64748b'],
  static: ['--hw-static', '#cbd5e1'],
  bad: ['--bad', '#b91c1c'],
  label: ['--text-2', '#555'],
};

/**
 * The palette as the theme sets it for `el` (a style read: once per theme, never during a change's
 * writes, where it would force a style recalculation).
 */
function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const colors = {} as Record<MarkColor, string>;
  for (const [key, [name, fallback]] of Object.entries(VARIABLES) as [
    MarkColor,
    [string, string],
  ][])
    colors[key] = style.getPropertyValue(name).trim() || fallback;
  return { colors, fontFamily: style.fontFamily || 'sans-serif' };
}

let cached: { theme: string | undefined; palette: Palette } | null = null;

/**
 * {@link readPalette} of the current theme (the page's `data-theme`), read once per theme for all
 * charts: a style read during the writes of a change would force a style recalculation.
 */
export function themePalette(el: Element): Palette {
  const theme = el.ownerDocument.documentElement.dataset.theme;
  if (!cached || cached.theme !== theme) cached = { theme, palette: readPalette(el) };
  return cached.palette;
}

const labelFont = (p: Palette) => `${LABEL_FONT_PX}px ${p.fontFamily}`;

/**
 * Paints `marks` on a context whose transform maps chart pixels to the canvas (cleared first). Colour,
 * opacity and alignment are assigned only when they change: the canvas parses each colour string.
 */
export function paintMarks(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  marks: readonly Mark[],
  palette: Palette,
  dpr: number,
  widthPx: number,
  heightPx: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, Math.ceil(widthPx * dpr), Math.ceil(heightPx * dpr));
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = labelFont(palette);
  ctx.lineWidth = 1;
  ctx.textBaseline = 'alphabetic';
  let fill = '';
  let stroke = '';
  let alpha = 1;
  let align: CanvasTextAlign | '' = '';
  ctx.globalAlpha = 1;
  const setFill = (color: string) => {
    if (color !== fill) ctx.fillStyle = fill = color;
  };
  const setStroke = (color: string) => {
    if (color !== stroke) ctx.strokeStyle = stroke = color;
  };
  const setAlpha = (a: number) => {
    if (a !== alpha) ctx.globalAlpha = alpha = a;
  };
  for (const m of marks) {
    if (m.kind === 'rect') {
      const color = palette.colors[m.fill];
      setAlpha(m.alpha);
      setFill(color);
      ctx.fillRect(m.x, m.y, m.w, m.h);
      if (m.dashed) {
        setAlpha(1);
        setStroke(color);
        ctx.setLineDash(OUTLINE_DASH as number[]);
        ctx.strokeRect(m.x, m.y, m.w, m.h);
        ctx.setLineDash([]);
      }
    } else if (m.kind === 'line') {
      setAlpha(1);
      setStroke(palette.colors[m.stroke]);
      ctx.setLineDash(STATIC_LINE_DASH as number[]);
      ctx.beginPath();
      ctx.moveTo(m.x1, m.y1);
      ctx.lineTo(m.x2, m.y2);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      setAlpha(1);
      setFill(palette.colors[m.fill]);
      const a = m.anchor === 'middle' ? 'center' : 'left';
      if (a !== align) ctx.textAlign = align = a;
      ctx.fillText(m.text, m.x, m.y);
    }
  }
  setAlpha(1);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Appends `marks` to `parent` (an exported chart's SVG) as elements with their colours written out. */
export function appendSvgMarks(parent: Element, marks: readonly Mark[], palette: Palette): void {
  const doc = parent.ownerDocument;
  const el = (tag: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.appendChild(e);
    return e;
  };
  for (const m of marks) {
    if (m.kind === 'rect') {
      const color = palette.colors[m.fill];
      el('rect', {
        x: m.x,
        y: m.y,
        width: m.w,
        height: m.h,
        fill: color,
        'fill-opacity': m.alpha,
        ...(m.dashed
          ? { stroke: color, 'stroke-width': 1, 'stroke-dasharray': OUTLINE_DASH.join(' ') }
          : {}),
      });
    } else if (m.kind === 'line') {
      el('line', {
        x1: m.x1,
        y1: m.y1,
        x2: m.x2,
        y2: m.y2,
        stroke: palette.colors[m.stroke],
        'stroke-width': 1,
        'stroke-dasharray': STATIC_LINE_DASH.join(' '),
      });
    } else {
      el('text', {
        x: m.x,
        y: m.y,
        fill: palette.colors[m.fill],
        'font-size': `${LABEL_FONT_PX}px`,
        'font-family': palette.fontFamily,
        'text-anchor': m.anchor,
      }).textContent = m.text;
    }
  }
}
