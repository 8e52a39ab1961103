import type { ReactNode } from 'react';
import { useMeasuredWidth } from './svg/useMeasuredWidth';

interface ChartFrameProps {
  heightPx: number;
  /** Renders the chart at the measured width. */
  children: (widthPx: number) => ReactNode;
  className?: string;
}

/**
 * Measures its own width (until measured, and in test DOMs: useMeasuredWidth's fallback) and renders a fixed-size chart into it. Charts get explicit pixel sizes rather
 * than recharts' ResponsiveContainer so that they also render (and can be tested) where there is no
 * layout engine, and so that the exported SVG has definite dimensions.
 */
export function ChartFrame({ heightPx, children, className }: ChartFrameProps) {
  const [ref, widthPx] = useMeasuredWidth<HTMLDivElement>();
  return (
    <div ref={ref} className={className ?? 'chart-frame'} style={{ height: heightPx }}>
      {children(widthPx)}
    </div>
  );
}
