import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Width used until the element has been measured (and in test DOMs, which have no layout). */
export const FALLBACK_WIDTH_PX = 720;

/**
 * The width of an element, from a ResizeObserver: measured when it is laid out and when it resizes,
 * never on a data change, so a chart redraws for new numbers without asking for layout.
 */
export function useMeasuredWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [widthPx, setWidthPx] = useState(FALLBACK_WIDTH_PX);
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
  return [ref, widthPx];
}
