/**
 * Shared look of the recharts charts. Every colour is a CSS variable so that a theme switch repaints the
 * charts without re-rendering them; the SVG export resolves the variables to literal colours.
 */
import type { CSSProperties } from 'react';

/** Tick text of every axis. */
export const AXIS_TICK = { fill: 'var(--text-2)', fontSize: 11 } as const;

/** Axis line and tick marks. */
export const AXIS_LINE = { stroke: 'var(--border)' } as const;

/** Grid stroke. */
export const GRID_STROKE = 'var(--chart-grid)';

/** Style of axis titles (`<Label>` / `label={{…}}`). */
export const AXIS_LABEL_STYLE: CSSProperties = { fill: 'var(--text-2)', fontSize: 11.5 };

/** Props every `<Tooltip>` shares: panel colours, no animation. */
export const TOOLTIP_PROPS = {
  isAnimationActive: false,
  contentStyle: {
    background: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    boxShadow: 'var(--shadow)',
    fontSize: 12,
    color: 'var(--text)',
    padding: '6px 10px',
  } satisfies CSSProperties,
  labelStyle: { color: 'var(--text)', fontWeight: 600, marginBottom: 2 } satisfies CSSProperties,
  itemStyle: { padding: 0 } satisfies CSSProperties,
  wrapperStyle: { zIndex: 5 } satisfies CSSProperties,
} as const;

/** Colour of a 0-based stage (four stage colours, repeated for deeper custom networks). */
export function stageColor(stage: number): string {
  return `var(--stage-${(((stage % 4) + 4) % 4) + 1})`;
}
