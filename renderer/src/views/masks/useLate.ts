import { useEffect, useState } from 'react';

/** How long masks may be out of date before the view says so (a drag's updates take less). */
export const LATE_AFTER_MS = 250;

/**
 * `flag`, but true only once it has stayed true for `delayMs`: the masks view dims its cards while new
 * masks are computed, and a quick update (most rate changes) should not repaint the cards twice.
 */
export function useLate(flag: boolean, delayMs = LATE_AFTER_MS): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setLate(true), delayMs);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [flag, delayMs]);
  return flag && late;
}
