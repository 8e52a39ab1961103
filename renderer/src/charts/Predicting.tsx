/** The quiet placeholder of a view whose numbers are not there yet. */
export function Predicting({ what = 'Predicting…' }: { what?: string }) {
  return (
    <p className="view-empty" role="status">
      {what}
    </p>
  );
}
