import { useEffect, type RefObject } from 'react';
import type { StudioStore } from '../../store';
import { shownMasks } from './selection';

/** How long masks may be out of date before the view says so (a drag's updates take less). */
export const LATE_AFTER_MS = 250;

/**
 * Dims the element (class `stale`, `aria-busy`) once the shown proxy masks have stayed behind the
 * configuration for `delayMs`: a quick update (most rate changes) repaints no dimming. Written to the
 * element directly from a store subscription, so a rate change re-renders nothing here.
 */
export function watchLateMasks(
  store: StudioStore,
  el: HTMLElement,
  delayMs = LATE_AFTER_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const mark = (late: boolean) => {
    if (el.classList.contains('stale') === late) return;
    el.classList.toggle('stale', late);
    el.setAttribute('aria-busy', String(late));
  };
  const update = () => {
    const stale = shownMasks(store.getState())?.stale ?? false;
    if (!stale) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      mark(false);
    } else if (timer === null) {
      timer = setTimeout(() => mark(shownMasks(store.getState())?.stale ?? false), delayMs);
    }
  };
  if (el.getAttribute('aria-busy') === null) el.setAttribute('aria-busy', 'false');
  update();
  const off = store.subscribe((s, prev) => {
    if (
      s.config !== prev.config ||
      s.proxyMasks !== prev.proxyMasks ||
      s.maskDump !== prev.maskDump
    )
      update();
  });
  return () => {
    off();
    if (timer !== null) clearTimeout(timer);
  };
}

/**
 * {@link watchLateMasks} on the element of `ref` while it is mounted; `mounted` says whether the view
 * renders it now (the watch starts again only when that changes, not at every render of the view).
 */
export function useLateMasks(
  store: StudioStore,
  ref: RefObject<HTMLElement | null>,
  mounted: boolean,
): void {
  useEffect(() => {
    const el = ref.current;
    return mounted && el ? watchLateMasks(store, el) : undefined;
  }, [store, ref, mounted]);
}
