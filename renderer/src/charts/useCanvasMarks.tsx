import { useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { drawMarks, registerMarks, type Mark } from './canvasMarks';

/** Resolved colours of the current theme; cleared (and canvases redrawn) when the theme changes. */
const colors = new Map<string, string>();
const redraws = new Set<() => void>();
let themeWatch: MutationObserver | null = null;
let fontFamily: string | null = null;

function watchTheme(): void {
  if (themeWatch || typeof MutationObserver === 'undefined') return;
  themeWatch = new MutationObserver(() => {
    colors.clear();
    for (const redraw of redraws) redraw();
  });
  themeWatch.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
}

/** `var(--name[, fallback])` (nested too) to the document's value, cached per theme. */
export function themeColor(value: string): string {
  if (!value.includes('var(')) return value;
  let out = colors.get(value);
  if (out !== undefined) return out;
  const style = getComputedStyle(document.documentElement);
  out = value;
  for (let guard = 0; guard < 8 && out.includes('var('); guard++) {
    out = out.replace(
      /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g,
      (_m, name: string, fallback?: string) =>
        style.getPropertyValue(name).trim() || (fallback ?? '').trim(),
    );
  }
  colors.set(value, out);
  return out;
}

/**
 * A canvas of `widthPx` × `heightPx` CSS pixels showing `marks`, redrawn in the commit that changes
 * them (so before that frame's paint), and the anchor to put first inside the chart's `<svg>`: the
 * export draws the marks there as SVG (exportSvg.ts). Place the canvas right before the `<svg>` in a
 * `.svg-chart` box; it lies under the SVG and lets the pointer through to it.
 */
export function useCanvasMarks(
  marks: readonly Mark[],
  widthPx: number,
  heightPx: number,
): { canvas: ReactElement; anchor: ReactElement } {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const anchorRef = useRef<SVGGElement>(null);
  const [theme, setTheme] = useState(0);
  useLayoutEffect(() => {
    watchTheme();
    const redraw = () => setTheme((t) => t + 1);
    redraws.add(redraw);
    return () => void redraws.delete(redraw);
  }, []);
  useLayoutEffect(() => {
    if (anchorRef.current) registerMarks(anchorRef.current, marks);
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = Math.max(1, typeof devicePixelRatio === 'number' ? devicePixelRatio : 1);
    const w = Math.round(widthPx * dpr);
    const h = Math.round(heightPx * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    if (canvas.style.width !== `${widthPx}px`) canvas.style.width = `${widthPx}px`;
    if (canvas.style.height !== `${heightPx}px`) canvas.style.height = `${heightPx}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return; // test DOMs: the marks are still registered for the export
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, widthPx, heightPx);
    fontFamily ??= getComputedStyle(canvas).fontFamily || 'sans-serif';
    drawMarks(ctx, marks, themeColor, fontFamily);
  }, [marks, widthPx, heightPx, theme]);
  const canvas = useMemo(
    () => <canvas ref={canvasRef} className="canvas-marks" aria-hidden="true" />,
    [],
  );
  const anchor = useMemo(() => <g ref={anchorRef} data-canvas-marks="" />, []);
  return { canvas, anchor };
}
