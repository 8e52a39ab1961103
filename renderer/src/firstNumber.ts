import { useStudio, type StudioState } from './store';

/** The longest the work held back for the first number waits on a slow or failing predictor, ms. */
const FALLBACK_MS = 4000;

let shown: Promise<void> | null = null;

const settled = (s: StudioState) => s.analysis !== null || s.status === 'error';

/**
 * Resolves once the first prediction (or its error) has been painted, or 4 s after the first call at the
 * latest: work the first number does not need (the curves' worker, warm-ups) starts after it, so that
 * it does not compete with the first prediction and the first frame for the machine's cores.
 */
export function afterFirstNumber(): Promise<void> {
  shown ??= new Promise<void>((resolve) => {
    let done = false;
    let unsubscribe = () => {};
    const finish = () => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, FALLBACK_MS);
    // After the frame that paints the number: rAF runs before that paint, the timeout after it.
    const afterPaint = () => {
      if (typeof requestAnimationFrame === 'function')
        requestAnimationFrame(() => setTimeout(finish, 0));
      else setTimeout(finish, 0);
    };
    if (settled(useStudio.getState())) afterPaint();
    else
      unsubscribe = useStudio.subscribe((s) => {
        if (!settled(s)) return;
        unsubscribe();
        afterPaint();
      });
  });
  return shown;
}
