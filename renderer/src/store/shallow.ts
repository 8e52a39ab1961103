import { useRef } from 'react';
import { shallow } from 'zustand/vanilla/shallow';

/**
 * zustand's shallow equality without its allocations for the two shapes selectors return: arrays and
 * plain objects are compared element by element and key by key with `Object.is` (zustand builds two
 * Maps per compare). Every other value (Map, Set, other iterables, class instances) goes to zustand's
 * `shallow`, so the result is the same as zustand's for every input.
 */
export function sameShallow(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (proto === Array.prototype) {
    const x = a as readonly unknown[];
    const y = b as readonly unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (proto === Object.prototype || proto === null) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let n = 0;
    for (const k in x) {
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      if (!Object.prototype.hasOwnProperty.call(y, k) || !Object.is(x[k], y[k])) return false;
      n++;
    }
    for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k)) n--;
    return n === 0;
  }
  return shallow(a, b);
}

/**
 * Drop-in for zustand's `useShallow`: wraps a selector that builds a new object or array at every call
 * so that it returns the previous one while it is shallowly equal ({@link sameShallow}), and the
 * component does not render again. Cheaper than zustand's at every store change, for every subscriber.
 */
export function useShallow<S, U>(selector: (state: S) => U): (state: S) => U {
  const prev = useRef<U | undefined>(undefined);
  return (state) => {
    const next = selector(state);
    if (prev.current !== undefined && sameShallow(prev.current, next)) return prev.current;
    prev.current = next;
    return next;
  };
}
