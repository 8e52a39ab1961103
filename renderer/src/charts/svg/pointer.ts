import type { MouseEvent as ReactMouseEvent } from 'react';

/** The pointer's position inside the element that handles the event, px. */
export function localPoint(e: ReactMouseEvent<Element>): { x: number; y: number } {
  const r = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}
