/**
 * Which elements are on screen or close to it, from shared IntersectionObservers: controls that follow
 * a value changing many times a second (the stage cards' rate sliders follow the global rate) skip their
 * DOM writes while scrolled out of view, so a change neither lays them out nor repaints them, and catch
 * up when they come near the view again, or at the first scroll after they fell behind
 * ({@link onNextScroll}). offScreenSet.ts does the same for a set of elements (the masks view's
 * filmstrip rows, the hardware table's rows).
 */

/** How far outside the view (the page and any scroller) an element still counts as on screen. */
export const NEAR_MARGIN = '240px 0px';

type Listener = (onScreen: boolean) => void;

const listeners = new WeakMap<Element, Listener>();
const observers = new Map<string, IntersectionObserver | null>();

function shared(margin: string): IntersectionObserver | null {
  let observer = observers.get(margin);
  if (observer === undefined) {
    // scrollMargin widens the clip of scrollers in between (the sidebar) the way rootMargin widens the
    // page's: a row just below the sidebar's edge is caught up before a scroll reveals it.
    const init: IntersectionObserverInit & { scrollMargin?: string } = {
      rootMargin: margin,
      scrollMargin: margin,
    };
    observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
            for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
          }, init)
        : null;
    observers.set(margin, observer);
  }
  return observer;
}

/**
 * Calls `listener` whenever `el` comes within `margin` of the view (true) or leaves it (false); returns
 * the function that stops watching. Where IntersectionObserver is missing it never calls: callers treat
 * an element they have no news of as on screen.
 */
export function watchOnScreen(
  el: Element,
  listener: Listener,
  margin: string = NEAR_MARGIN,
): () => void {
  const io = shared(margin);
  if (!io) return () => undefined;
  listeners.set(el, listener);
  io.observe(el);
  return () => {
    io.unobserve(el);
    listeners.delete(el);
  };
}

const scrollJobs = new Set<() => void>();

function listen(on: boolean): void {
  if (on) {
    document.addEventListener('scroll', runScrollJobs, { capture: true, passive: true });
    window.addEventListener('resize', runScrollJobs);
  } else {
    document.removeEventListener('scroll', runScrollJobs, true);
    window.removeEventListener('resize', runScrollJobs);
  }
}

function runScrollJobs(): void {
  const jobs = [...scrollJobs];
  scrollJobs.clear();
  listen(false);
  for (const job of jobs) job();
}

/**
 * Runs `job` once, at the next scroll of the page or of any scroller in it (the sidebar), or at the next
 * resize of the window (which can bring a row into view without a scroll). Both events are dispatched in
 * the frame that shows the new layout, before it is painted: an element that fell behind while out of
 * view and catches up here is never painted stale, however far the scroll went. (A row uncovered by
 * content above it shrinking is caught up by its IntersectionObserver, a frame later.) Returns the
 * function that cancels the job.
 */
export function onNextScroll(job: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  if (scrollJobs.size === 0) listen(true);
  scrollJobs.add(job);
  return () => {
    scrollJobs.delete(job);
    if (scrollJobs.size === 0) listen(false);
  };
}
