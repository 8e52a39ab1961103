/** "Latency curves" → "latency curves" inside a sentence; "3D view" stays as it is. */
const inSentence = (label: string) => label.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());

/**
 * What a view's pane shows while its code loads: a quiet line in the pane's place (the pane keeps its
 * size, so nothing around it moves). It fades in after a moment, so a fast load shows no flash.
 */
export function ViewLoading({ label }: { label: string }) {
  return (
    <div className="view-loading" aria-live="polite" aria-busy="true" data-testid="view-loading">
      Loading {inSentence(label)}…
    </div>
  );
}
