import { useShallow } from '../store/shallow';
import { useStudio } from '../store';

/** The status bar's predictor state while a transformer is picked. */
export function TransformerStatus() {
  const { status, error, ms, blocks } = useStudio(
    useShallow((s) => ({
      status: s.tfStatus,
      error: s.tfError,
      ms: s.tfComputeMs,
      blocks: s.transformer?.tokenRate.length ?? 0,
    })),
  );
  const dot = status === 'busy' ? 'busy' : status === 'error' ? 'error' : '';
  return (
    <>
      <span data-testid="tf-status">
        <span className={`status-dot ${dot}`} />
        {status === 'error'
          ? `Predictor error: ${error ?? 'unknown'}`
          : status === 'busy'
            ? 'Predicting…'
            : ms !== null
              ? `Predicted in ${ms.toFixed(1)} ms`
              : 'Predictor starting…'}
      </span>
      <span>{blocks} transformer blocks</span>
    </>
  );
}
