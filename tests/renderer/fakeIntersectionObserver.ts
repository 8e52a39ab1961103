/**
 * A fake IntersectionObserver for jsdom, which has none: tests read what is watched and report elements
 * entering or leaving the view, as the browser would after a scroll.
 */
import { act } from '@testing-library/react';

/** The elements the fake observers watch. */
export const watched = new Set<Element>();
let notify: IntersectionObserverCallback | null = null;

class FakeIntersectionObserver {
  constructor(callback: IntersectionObserverCallback) {
    notify = callback;
  }
  observe(el: Element) {
    watched.add(el);
  }
  unobserve(el: Element) {
    watched.delete(el);
  }
  disconnect() {
    watched.clear();
  }
}

/** Makes the fake the global IntersectionObserver (in a `beforeAll`). */
export function installFakeIntersectionObserver(): void {
  globalThis.IntersectionObserver =
    FakeIntersectionObserver as unknown as typeof IntersectionObserver;
}

/** Reports `el` entering (true) or leaving (false) the view, as the browser would after a scroll. */
export function scrolled(el: Element, onScreen: boolean): void {
  act(() =>
    notify!(
      [{ target: el, isIntersecting: onScreen } as IntersectionObserverEntry],
      {} as IntersectionObserver,
    ),
  );
}
