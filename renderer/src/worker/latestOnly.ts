/**
 * Runs async jobs so that at most one is in flight and only the newest pending input is run next:
 * while the user drags a slider, intermediate values are skipped instead of queued.
 */
export function latestOnly<I, O>(
  run: (input: I) => Promise<O>,
  onResult: (output: O, input: I, elapsedMs: number) => void,
  onError: (error: unknown, input: I) => void,
) {
  let busy = false;
  let pending: { input: I } | null = null;

  const pump = () => {
    if (busy || !pending) return;
    const { input } = pending;
    pending = null;
    busy = true;
    const t0 = performance.now();
    run(input)
      .then((out) => {
        // A newer input supersedes this result only if it is already waiting; otherwise show it.
        if (!pending) onResult(out, input, performance.now() - t0);
      })
      .catch((err: unknown) => onError(err, input))
      .finally(() => {
        busy = false;
        pump();
      });
  };

  return (input: I) => {
    pending = { input };
    pump();
  };
}
