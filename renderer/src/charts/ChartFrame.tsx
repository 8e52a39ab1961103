import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Width used until the frame has been measured (and in test DOMs, which have no layout). */
export const FALLBACK_CHART_WIDTH_PX = 720;

interface ChartFrameProps {
  heightPx: number;
  /** Renders the chart at the measured width. */
  children: (widthPx: number) => ReactNode;
  className?: string;
}

/**
 * Measures its own width and renders a fixed-size chart into it. Charts get explicit pixel sizes rather
 * than recharts' ResponsiveContainer so that they also render (and can be tested) where there is no
 * layout engine, and so that the exported SVG has definite dimensions.
 */
export function ChartFrame({ heightPx, children, className }: ChartFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(FALLBACK_CHART_WIDTH_PX);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Zero means "not laid out" (hidden tab, test DOM): keep the last usable width.
      if (w > 0) setWidthPx(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className={className ?? 'chart-frame'} style={{ height: heightPx }}>
      {children(widthPx)}
    </div>
  );
}
