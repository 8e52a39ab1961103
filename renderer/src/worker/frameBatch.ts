/**
 * Applies results at the next animation frame, the latest per kind only: results that arrive together
 * (prediction, curves, hardware rows, masks) update the store in one task, so React renders them in one
 * commit right before the paint, and a result superseded before the frame is never rendered. A timer
 * stands in where frames do not run (hidden window, test DOM).
 */
const pending = new Map<string, () => void>();
let scheduled = false;

/** Fallback delay when no animation frame comes (hidden page), ms. */
const FALLBACK_MS = 100;

function flush(): void {
  scheduled = false;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) job();
}

/** Runs `apply` at the next frame, replacing a pending job of the same `kind`. */
export function applyInFrame(kind: string, apply: () => void): void {
  pending.set(kind, apply);
  if (scheduled) return;
  scheduled = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, FALLBACK_MS);
}
