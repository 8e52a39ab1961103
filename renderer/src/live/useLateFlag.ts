/**
 * A busy flag shown only once it has lasted a while: a quick image open (most live runs) changes
 * nothing on screen — no "Decoding…" or "Running…" text laid out and removed, no pulsing dot animated
 * frame after frame — while a slow one still says so. Read from a store subscription, so the component
 * re-renders only when the shown flag changes.
 */
import { useEffect, useState } from 'react';
import type { StudioState, StudioStore } from '../store';

/** How long a busy state lasts before it is shown (ms). */
export const SHOW_BUSY_AFTER_MS = 300;

/**
 * True once `busy(state)` has been true for `delayMs` without a break; false again as soon as it is
 * false. `busy` should be a stable function (module level), else the subscription is renewed per render.
 */
export function useLateFlag(
  store: StudioStore,
  busy: (state: StudioState) => boolean,
  delayMs = SHOW_BUSY_AFTER_MS,
): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      if (!busy(store.getState())) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        setLate(false);
      } else if (timer === null) {
        timer = setTimeout(() => setLate(busy(store.getState())), delayMs);
      }
    };
    update();
    const off = store.subscribe(update);
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, busy, delayMs]);
  return late;
}
