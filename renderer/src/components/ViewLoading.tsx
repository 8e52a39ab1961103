/**
 * What a view's pane shows while its code loads: a quiet line in the pane's place (the pane keeps its
 * size, so nothing around it moves). It fades in after a moment, so a fast load shows no flash.
 */
export function ViewLoading({ label }: { label: string }) {
  return (
    <div className="view-loading" role="status" aria-live="polite" data-testid="view-loading">
      <span className="view-loading-spinner" aria-hidden="true" />
      Loading {label.toLowerCase()}…
    </div>
  );
}
