/**
 * Live values of a view: the numbers that change with every rate change are written into the elements
 * that show them, without a React render of the charts or tables around them. A view renders its
 * structure (presets, axes, rows) with React and publishes each new result here; the parts subscribed
 * write only the attributes and texts that differ from what is on screen.
 */
import { textNodeOf, writeText as writeNodeText } from '../../components/figureWriter';

export interface Live<T> {
  /** The latest value (null before the first). */
  get: () => T | null;
  /** Publishes a value to every subscriber, synchronously. */
  set: (value: T) => void;
  /** Calls `fn` with each value published from now on; returns the unsubscribe function. */
  subscribe: (fn: (value: T) => void) => () => void;
}

export function createLive<T>(): Live<T> {
  let current: T | null = null;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => current,
    set: (value) => {
      current = value;
      for (const fn of listeners) fn(value);
    },
    subscribe: (fn) => {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
  };
}

/** Sets an attribute only when its value differs. */
export function writeAttr(el: Element | null | undefined, name: string, value: string): void {
  if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Sets an element's text only when it differs (its one text node's data, not a new node). */
export function writeText(el: Element | null | undefined, text: string): void {
  if (el) writeNodeText(textNodeOf(el), text);
}
