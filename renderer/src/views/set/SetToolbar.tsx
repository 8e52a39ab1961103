import { memo } from 'react';
import type { Host } from '../../host/types';
import { useStudio } from '../../store';
import type { SetProgress } from '../../store/setSlice';
import type { SetOverview } from '../../set/types';
import { formatPercent } from '../../format';
import { setActions } from './setAppActions';

async function pick(host: Host, how: 'folder' | 'files'): Promise<void> {
  try {
    const folder = how === 'folder' ? await host.openFolder?.() : await host.openFiles?.();
    if (folder) await setActions.openFolder(folder);
  } catch (err) {
    useStudio
      .getState()
      .notify(
        'error',
        `The set could not be opened: ${err instanceof Error ? err.message : String(err)}`,
      );
  }
}

interface ToolbarProps {
  host: Host;
  overview: SetOverview | null;
  progress: SetProgress | null;
}

/** Open buttons, what is open, progress, and "Use the set's rates". */
export const SetToolbar = memo(function SetToolbar({ host, overview, progress }: ToolbarProps) {
  return (
    <div className="set-toolbar" role="toolbar" aria-label="Image set">
      {host.openFolder ? (
        <button
          type="button"
          className="btn"
          data-testid="open-set-folder"
          onClick={() => void pick(host, 'folder')}
        >
          Open folder…
        </button>
      ) : null}
      {host.openFiles ? (
        <button
          type="button"
          className="btn"
          data-testid="open-set-files"
          onClick={() => void pick(host, 'files')}
        >
          Open files…
        </button>
      ) : null}
      {progress ? (
        <span className="set-progress" role="status" data-testid="set-progress">
          {progress.phase} · {progress.name}
          {progress.total > 1 ? (
            <>
              {' '}
              <progress max={progress.total} value={progress.done} />{' '}
              <span className="mono">
                {progress.done}/{progress.total}
              </span>
            </>
          ) : null}
        </span>
      ) : overview ? (
        <span className="set-summary" data-testid="set-summary">
          <strong>{overview.name}</strong> · {overview.archLabel} ·{' '}
          <span className="mono">{overview.images.toLocaleString('en-US')}</span> images · mean
          FLOPs <span className="mono">{formatPercent(overview.meanFlopsRatio)}</span>
          {overview.origin === 'dumps' ? <span className="hint"> · built from dumps</span> : null}
        </span>
      ) : null}
      <span className="set-toolbar-spacer" />
      {overview ? (
        <button
          type="button"
          className="btn primary"
          data-testid="use-set-rates"
          onClick={() => void setActions.useSetRates()}
          title="Set every block's spatial, conv1 and channel rates and layer keep probabilities to the set's means (undoable)"
        >
          Use the set&apos;s rates
        </button>
      ) : null}
    </div>
  );
});
