import type { MouseEvent as ReactMouseEvent } from 'react';

/** The pointer's position inside the element that handles the event, px. */
export function localPoint(e: ReactMouseEvent<Element>): { x: number; y: number } {
  const r = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

const px = (v: number) => Math.round(v * 100) / 100;

/**
 * A rectangle as a path segment, corners rounded to 0.01 px (several go into one `<path>` of one
 * colour: one element per colour instead of one per rectangle).
 */
export function rectPath(x: number, y: number, w: number, h: number): string {
  return `M${px(x)} ${px(y)}H${px(x + w)}V${px(y + h)}H${px(x)}Z`;
}
