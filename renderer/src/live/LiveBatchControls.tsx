import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { liveBatch } from './appLiveBatch';
import { pickImageFolder } from './imageFolder';

/** Batch run over a folder of images: start, progress, cancel, save the set summary. */
export function LiveBatchControls() {
  const host = useHost();
  const progress = useStudio((s) => s.liveBatch);
  const hasSummary = useStudio((s) => s.imageSet !== null) && liveBatch.hasSummary;
  return (
    <div className="live-batch" data-testid="live-batch">
      {progress ? (
        <div className="live-batch-row" role="status">
          <progress
            max={progress.total}
            value={progress.done}
            aria-label="Batch progress"
            data-testid="live-batch-progress"
          />
          <span className="hint">
            {progress.done} of {progress.total}
            {progress.failed > 0 ? ` (${progress.failed} failed)` : ''}
          </span>
          <button
            type="button"
            className="btn"
            data-testid="live-batch-cancel"
            onClick={() => liveBatch.cancel()}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="live-batch-row">
          <button
            type="button"
            className="btn"
            data-testid="live-batch-run"
            title="Runs the model on every image of a folder; the set statistics (as the exporter's summary.npz) open in the image set view"
            onClick={() => void pickImageFolder().then((folder) => folder && liveBatch.run(folder))}
          >
            Run on a folder…
          </button>
          {hasSummary ? (
            <button
              type="button"
              className="btn"
              data-testid="live-batch-save"
              onClick={() => void liveBatch.saveSummary(host)}
            >
              Save set summary…
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
