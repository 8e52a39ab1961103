import { useStudio } from '../store';

/** Error and info banners (bad files, solver results); each can be dismissed. */
export function Notices() {
  const notices = useStudio((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`banner ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" className="btn small" onClick={() => useStudio.getState().dismissNotice(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
