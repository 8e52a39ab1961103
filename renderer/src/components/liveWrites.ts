/**
 * Live values of a view: the numbers that change with every rate change are written into the elements
 * that show them, without a React render of the charts or tables around them. A view renders its
 * structure (presets, axes, rows) with React and publishes each new result here; the parts subscribed
 * write only the attributes and texts that differ from what is on screen.
 */
import { textNodeOf, writeText as writeNodeText } from './figureWriter';

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

/** Sets attribute `name` of `el` to `value` where it differs from what is there. */
export type AttrWrite = (el: Element | null | undefined, name: string, value: string) => void;

/**
 * An {@link AttrWrite} that remembers what it wrote and compares with that, reading an attribute from
 * the element only the first time (reading an SVG geometry attribute serialises its value: a few µs
 * for each of the charts' 50 writes per rate change). Attributes it writes must be written by it
 * alone (React leaves them unset).
 */
export function cachedAttrWriter(): AttrWrite {
  const written = new WeakMap<Element, Map<string, string>>();
  return (el, name, value) => {
    if (!el) return;
    let values = written.get(el);
    if (!values) {
      values = new Map();
      written.set(el, values);
    }
    const last = values.get(name) ?? el.getAttribute(name);
    if (last !== value) el.setAttribute(name, value);
    values.set(name, value);
  };
}

/** Sets an element's text only when it differs (its one text node's data, not a new node). */
export function writeText(el: Element | null | undefined, text: string): void {
  if (el) writeNodeText(textNodeOf(el), text);
}
