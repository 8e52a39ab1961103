import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { TOOLTIP_PROPS } from '../theme';

/** Distance between the pointer and the tooltip, px. */
const OFFSET_PX = 12;

interface SvgTooltipProps {
  /** Pointer position inside the chart, px. */
  x: number;
  y: number;
  /** Size of the chart the tooltip must stay inside, px. */
  widthPx: number;
  heightPx: number;
  children: ReactNode;
}

/**
 * An HTML tooltip beside the pointer, kept inside the chart: right of the pointer unless it would
 * overflow, then left; vertically centred on the pointer and clamped. Positioned after measuring
 * itself (only while hovering; never part of an export).
 */
export function SvgTooltip({ x, y, widthPx, heightPx, children }: SvgTooltipProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const right = x + OFFSET_PX;
    const left = right + w <= widthPx ? right : Math.max(0, x - OFFSET_PX - w);
    const top = Math.min(Math.max(0, y - h / 2), Math.max(0, heightPx - h));
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
  });
  return (
    <div
      ref={ref}
      className="chart-tooltip svg-tooltip"
      data-export-ignore=""
      role="tooltip"
      style={{ ...TOOLTIP_PROPS.contentStyle, visibility: 'hidden' }}
    >
      {children}
    </div>
  );
}
