/**
 * Serialises the chart(s) of a card into one standalone SVG document: the card's title, every chart
 * `<svg>` at its on-screen position, and the HTML legend redrawn in SVG. Styles that come from CSS
 * (classes, `var(--…)` colours of the current theme) are resolved and inlined, so the file looks the same
 * in any viewer and does not depend on the app's stylesheet.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the live elements' computed style onto the clones. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

const TITLE_FONT_PX = 14;
const SUBTITLE_FONT_PX = 11.5;
const LEGEND_FONT_PX = 11.5;
const LEGEND_ROW_PX = 18;
const PAD_PX = 12;

export interface ChartMeta {
  title: string;
  subtitle?: string | undefined;
}

export interface SerialisedChart {
  svg: string;
  widthPx: number;
  heightPx: number;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Replaces every `var(--name[, fallback])` in `value` with the variable's value as seen from `el`. */
export function resolveCssVariables(value: string, el: Element): string {
  if (!value.includes('var(')) return value;
  const style = getComputedStyle(el);
  const rootStyle = getComputedStyle(el.ownerDocument.documentElement);
  // Innermost first, so that fallbacks which are themselves variables resolve too.
  let out = value;
  for (let guard = 0; guard < 8 && out.includes('var('); guard++) {
    out = out.replace(
      /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g,
      (_m, name: string, fallback?: string) => {
        // The theme defines its variables on :root; asking the root too covers engines without inheritance.
        const v = style.getPropertyValue(name).trim() || rootStyle.getPropertyValue(name).trim();
        return v || (fallback ?? '').trim();
      },
    );
  }
  return out;
}

/** Copies computed presentation styles from `live` onto `clone`, recursively; drops hidden elements. */
function inlineStyles(live: Element, clone: Element): void {
  const style = getComputedStyle(live);
  if (style.display === 'none' || style.visibility === 'hidden') {
    clone.remove();
    return;
  }
  const declarations: string[] = [];
  for (const prop of INLINED_PROPERTIES) {
    const v = style.getPropertyValue(prop);
    if (v && !v.includes('var(')) declarations.push(`${prop}:${v}`);
  }
  for (const attr of Array.from(clone.attributes)) {
    if (attr.value.includes('var('))
      clone.setAttribute(attr.name, resolveCssVariables(attr.value, live));
  }
  const existing = clone.getAttribute('style');
  const merged = [declarations.join(';'), existing ? resolveCssVariables(existing, live) : '']
    .filter(Boolean)
    .join(';');
  if (merged) clone.setAttribute('style', merged);
  clone.removeAttribute('class');
  const liveChildren = Array.from(live.children);
  const cloneChildren = Array.from(clone.children);
  liveChildren.forEach((child, i) => {
    const c = cloneChildren[i];
    if (c) inlineStyles(child, c);
  });
}

/** What a chart draws outside its `<svg>` (a canvas over it), added to the `<svg>`'s exported copy. */
const exportLayers = new WeakMap<SVGSVGElement, (clone: SVGSVGElement) => void>();

/**
 * Registers `add`, which writes into an exported copy of `svg` what the chart draws over it on a canvas
 * (as SVG elements, so the export stays vector); returns the function that removes it.
 */
export function setExportLayer(
  svg: SVGSVGElement,
  add: (clone: SVGSVGElement) => void,
): () => void {
  exportLayers.set(svg, add);
  return () => {
    if (exportLayers.get(svg) === add) exportLayers.delete(svg);
  };
}

/** A styled, standalone copy of a live `<svg>`, placed at (x, y). */
function cloneSvg(
  live: SVGSVGElement,
  x: number,
  y: number,
  width: number,
  height: number,
): string {
  const clone = live.cloneNode(true) as SVGSVGElement;
  inlineStyles(live, clone);
  exportLayers.get(live)?.(clone);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('x', String(x));
  clone.setAttribute('y', String(y));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(clone);
}

/** Chart `<svg>` elements of a card: top-level ones, not legend swatches or icons. */
export function chartSvgs(root: Element): SVGSVGElement[] {
  return Array.from(root.querySelectorAll('svg')).filter(
    (svg) =>
      svg.parentElement?.closest('svg') === null &&
      !svg.closest('.chart-legend, .recharts-legend-wrapper, [data-export-ignore]'),
  );
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const rect = svg.getBoundingClientRect();
  const width = rect.width || Number(svg.getAttribute('width')) || 0;
  const height = rect.height || Number(svg.getAttribute('height')) || 0;
  return { width: Math.round(width), height: Math.round(height) };
}

interface Placed {
  svg: SVGSVGElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions of the charts relative to the first one (stacked vertically when there is no layout). */
function place(svgs: SVGSVGElement[]): Placed[] {
  const rects = svgs.map((s) => s.getBoundingClientRect());
  const laidOut = rects.every((r) => r.width > 0 && r.height > 0);
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  let stackY = 0;
  return svgs.map((svg, i) => {
    const { width, height } = sizeOf(svg);
    const r = rects[i]!;
    const placed = laidOut
      ? { svg, x: Math.round(r.left - left), y: Math.round(r.top - top), width, height }
      : { svg, x: 0, y: stackY, width, height };
    stackY += height;
    return placed;
  });
}

/** Rough text width for legend layout (the export cannot measure text without a layout engine). */
function approxTextWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.56;
}

/** Greedy word wrap to lines of at most `widthPx` (estimated). */
export function wrapText(text: string, widthPx: number, fontPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && approxTextWidth(candidate, fontPx) > widthPx) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function legendMarkup(
  root: Element,
  widthPx: number,
  y0: number,
  textColor: string,
): { markup: string; heightPx: number } {
  const items = Array.from(root.querySelectorAll('[data-legend-item]'));
  if (items.length === 0) return { markup: '', heightPx: 0 };
  const parts: string[] = [];
  let x = PAD_PX;
  let y = y0;
  for (const item of items) {
    const label = item.textContent?.trim() ?? '';
    const itemWidth = 14 + 5 + approxTextWidth(label, LEGEND_FONT_PX) + 14;
    if (x > PAD_PX && x + itemWidth > widthPx - PAD_PX) {
      x = PAD_PX;
      y += LEGEND_ROW_PX;
    }
    const swatch = item.querySelector('svg');
    if (swatch instanceof SVGSVGElement) parts.push(cloneSvg(swatch, x, y + 3, 14, 10));
    parts.push(
      `<text x="${x + 19}" y="${y + 12}" font-size="${LEGEND_FONT_PX}" fill="${escapeXml(textColor)}">${escapeXml(label)}</text>`,
    );
    x += itemWidth;
  }
  return { markup: parts.join(''), heightPx: y - y0 + LEGEND_ROW_PX };
}

/**
 * Serialises the charts inside `root` (a chart card) with a title header and the legend.
 * @throws Error when `root` holds no chart.
 */
export function serialiseChart(root: Element, meta: ChartMeta): SerialisedChart {
  const svgs = chartSvgs(root);
  if (svgs.length === 0) throw new Error('There is no chart to export yet.');
  const placed = place(svgs);
  const chartsWidth = Math.max(...placed.map((p) => p.x + p.width));
  const chartsHeight = Math.max(...placed.map((p) => p.y + p.height));
  const widthPx = Math.max(chartsWidth + 2 * PAD_PX, 320);
  const background = resolveCssVariables('var(--panel, #ffffff)', root);
  const text = resolveCssVariables('var(--text, #1b1f24)', root);
  const text2 = resolveCssVariables('var(--text-2, #57606a)', root);
  const font = getComputedStyle(root).fontFamily || 'sans-serif';
  const header: string[] = [
    `<text x="${PAD_PX}" y="${PAD_PX + TITLE_FONT_PX}" font-size="${TITLE_FONT_PX}" font-weight="600" fill="${escapeXml(text)}">${escapeXml(meta.title)}</text>`,
  ];
  let headerHeight = PAD_PX + TITLE_FONT_PX + 6;
  for (const line of meta.subtitle
    ? wrapText(meta.subtitle, widthPx - 2 * PAD_PX, SUBTITLE_FONT_PX)
    : []) {
    header.push(
      `<text x="${PAD_PX}" y="${headerHeight + SUBTITLE_FONT_PX}" font-size="${SUBTITLE_FONT_PX}" fill="${escapeXml(text2)}">${escapeXml(line)}</text>`,
    );
    headerHeight += SUBTITLE_FONT_PX + 4;
  }
  headerHeight += 6;
  const charts = placed.map((p) =>
    cloneSvg(p.svg, PAD_PX + p.x, headerHeight + p.y, p.width, p.height),
  );
  const legend = legendMarkup(root, widthPx, headerHeight + chartsHeight + 6, text2);
  const heightPx = Math.ceil(
    headerHeight + chartsHeight + (legend.heightPx ? legend.heightPx + 6 : 0) + PAD_PX,
  );
  const svg =
    `<svg xmlns="${SVG_NS}" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" ` +
    `font-family="${escapeXml(font)}">` +
    `<rect x="0" y="0" width="${widthPx}" height="${heightPx}" fill="${escapeXml(background)}"/>` +
    header.join('') +
    charts.join('') +
    legend.markup +
    '</svg>';
  return { svg, widthPx, heightPx };
}
