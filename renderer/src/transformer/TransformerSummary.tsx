import { useShallow } from '../store/shallow';
import { useStudio } from '../store';
import { formatMsPrecise, formatRatio3 } from './format';
import { useTransformerAnalysis } from './useTransformerAnalysis';

/**
 * The header's numbers while a transformer is picked: latency per image, the static model's, and
 * their ratio. Also keeps the transformer's results computed (mounted exactly while one is picked).
 */
export function TransformerSummary() {
  useTransformerAnalysis();
  const { p, status, error } = useStudio(
    useShallow((s) => ({ p: s.tfPrediction, status: s.tfStatus, error: s.tfError })),
  );
  const speedup = p ? 1 / p.ratio : null;
  return (
    <div
      className="summary"
      aria-label="Predicted performance"
      data-testid="tf-summary"
      data-status={status}
      title={status === 'error' && error ? error : undefined}
    >
      <Metric
        label="Latency / image"
        testId="tf-summary-ms-per-image"
        value={p ? formatMsPrecise(p.latencyMsPerImage) : '—'}
        exact={p?.latencyMsPerImage}
        stale={status !== 'idle'}
      />
      <Metric
        label="Static / image"
        testId="tf-summary-static"
        value={p ? formatMsPrecise(p.staticMsPerImage) : '—'}
        exact={p?.staticMsPerImage}
      />
      <Metric
        label="Ratio to static"
        testId="tf-summary-ratio"
        value={p ? formatRatio3(p.ratio) : '—'}
        exact={p?.ratio}
        tone={speedup === null ? undefined : speedup >= 1 ? 'good' : 'bad'}
        title={speedup ? `${speedup.toFixed(2)}× faster than static` : undefined}
      />
    </div>
  );
}

function Metric(props: {
  label: string;
  value: string;
  testId: string;
  exact?: number | undefined;
  tone?: 'good' | 'bad' | undefined;
  title?: string | undefined;
  stale?: boolean;
}) {
  return (
    <div className="metric" title={props.title}>
      <span className="metric-label">{props.label}</span>
      <span
        className={`metric-value ${props.tone ?? ''}`}
        data-testid={props.testId}
        data-exact={props.exact === undefined ? undefined : String(props.exact)}
        style={props.stale ? { opacity: 0.6 } : undefined}
      >
        {props.value}
      </span>
    </div>
  );
}
