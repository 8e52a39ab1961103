/**
 * Which elements are on screen or close to it, from one shared IntersectionObserver: controls that
 * follow a value changing many times a second (the stage cards' rate sliders follow the global rate)
 * skip their DOM writes while scrolled out of view, so a change neither lays them out nor repaints
 * them, and catch up when they come near the view again.
 */

/** How far outside the view (the page and any scroller) an element still counts as on screen. */
const MARGIN = '240px 0px';

type Listener = (onScreen: boolean) => void;

const listeners = new WeakMap<Element, Listener>();
let observer: IntersectionObserver | null | undefined;

function shared(): IntersectionObserver | null {
  if (observer === undefined) {
    // scrollMargin widens the clip of scrollers in between (the sidebar) the way rootMargin widens the
    // page's: a row just below the sidebar's edge is caught up before a scroll reveals it.
    const init: IntersectionObserverInit & { scrollMargin?: string } = {
      rootMargin: MARGIN,
      scrollMargin: MARGIN,
    };
    observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
            for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
          }, init)
        : null;
  }
  return observer;
}

/**
 * Calls `listener` whenever `el` comes near the view (true) or leaves it (false); returns the function
 * that stops watching. Where IntersectionObserver is missing it never calls: callers treat an element
 * they have no news of as on screen.
 */
export function watchOnScreen(el: Element, listener: Listener): () => void {
  const io = shared();
  if (!io) return () => undefined;
  listeners.set(el, listener);
  io.observe(el);
  return () => {
    io.unobserve(el);
    listeners.delete(el);
  };
}
