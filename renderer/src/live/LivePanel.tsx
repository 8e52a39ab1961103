import { useShallow } from '../store/shallow';
import { useStudio } from '../store';
import { liveActions } from './appLive';
import { LiveBatchControls } from './LiveBatchControls';
import { OffsetControls } from './OffsetControls';
import { useLateFlag } from './useLateFlag';
import type { StudioState } from '../store';
import './live.css';

const isRunning = (s: StudioState) => s.liveBusy === 'image';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The open live model: what it is, how fast it runs here, the what-if offsets and the batch run. */
export function LivePanel() {
  const { model, timing, busy } = useStudio(
    useShallow((s) => ({
      model: s.liveModel,
      timing: s.liveTiming,
      // An image's run shows as running only once it takes a while (see useLateFlag).
      busy: s.liveBusy === 'image' ? null : s.liveBusy,
    })),
  );
  const running = useLateFlag(useStudio, isRunning);
  if (!model) {
    return busy === 'model' ? (
      <div className="live-panel card hint" role="status" data-testid="live-panel-loading">
        Opening the model…
      </div>
    ) : null;
  }
  return (
    <section className="live-panel card" data-testid="live-panel" aria-label="Live model">
      <div className="live-head">
        <div className="live-title">
          <strong data-testid="live-model-name">live: {model.fileName}</strong>
          <span className="hint">
            {model.archLabel} · {model.weightsText || 'weights not stated'} ·{' '}
            {megabytes(model.sizeBytes)} · session {Math.round(model.createMs)} ms ·{' '}
            {model.threads === 1 ? '1 thread' : `${model.threads} threads`}
          </span>
        </div>
        <span className="live-timing hint" data-testid="live-timing" role="status">
          {running
            ? 'Running…'
            : timing
              ? `${Math.round(timing.totalMs)} ms per image (model ${Math.round(timing.runMs)} ms)`
              : 'Open or drop an image'}
        </span>
        <LiveBatchControls />
        <button
          type="button"
          className="btn"
          data-testid="live-close"
          onClick={() => liveActions.closeModel()}
        >
          Close model
        </button>
      </div>
      <OffsetControls />
    </section>
  );
}
