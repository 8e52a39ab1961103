import { useEffect, useState } from 'react';
import { useStudio } from '../store';
import { dropExpired, type Notice } from '../store/notices';

/** How long the fade-out at the end of an info notice's life takes, ms. */
const FADE_MS = 600;

/**
 * Error and info notices (bad files, solver results), at most two, floating over the top of the view so
 * they never push the chart or its legend under the strip. Info notices fade out after a few seconds;
 * errors stay until dismissed. A notice may carry one action (Undo).
 */
export function Notices() {
  const notices = useStudio((s) => s.notices);
  const next = Math.min(...notices.map((n) => n.expiresAt ?? Infinity));
  useEffect(() => {
    if (!Number.isFinite(next)) return;
    const t = setTimeout(
      () => {
        const s = useStudio.getState();
        const kept = dropExpired(s.notices, Date.now());
        if (kept !== s.notices) useStudio.setState({ notices: kept });
      },
      Math.max(0, next - Date.now()) + 20,
    );
    return () => clearTimeout(t);
  }, [next, notices]);
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}

function NoticeItem({ notice: n }: { notice: Notice }) {
  // The fade is scheduled once, when the notice appears (re-renders must not restart it).
  const [fade] = useState(() =>
    n.expiresAt === null
      ? undefined
      : { animationDelay: `${Math.max(0, n.expiresAt - Date.now() - FADE_MS)}ms` },
  );
  const dismiss = () => useStudio.getState().dismissNotice(n.id);
  return (
    <div
      className={`banner ${n.kind}${fade ? ' fading' : ''}`}
      style={fade}
      role={n.kind === 'error' ? 'alert' : 'status'}
      data-testid={`notice-${n.kind}`}
    >
      <span className="banner-text">{n.text}</span>
      {n.action ? (
        <button
          type="button"
          className="btn small"
          onClick={() => {
            n.action!.run();
            dismiss();
          }}
        >
          {n.action.label}
        </button>
      ) : null}
      <button type="button" className="btn small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
