import { useLayoutEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { markDrawn } from '../perf/probe';
import { useStudio } from '../store';
import { BrandMark } from './BrandMark';
import { formatMs, formatRatio, formatSeconds } from '../format';
import { modelLabel, hardwareLabel } from '../labels';
import { TransformerSummary } from '../transformer/TransformerSummary';
import { variantLabel } from '../transformer/tfConfig';

/** Title bar: what is being tuned (model, hardware) and the numbers that matter for it. */
export function Header() {
  const { config, analysis, analysisConfig, past, future, theme, transformer } = useStudio(
    useShallow((s) => ({
      transformer: s.transformer?.model ?? null,
      config: s.config,
      analysis: s.analysis,
      analysisConfig: s.analysisConfig,
      past: s.past.length,
      future: s.future.length,
      theme: s.theme,
    })),
  );
  useLayoutEffect(() => markDrawn('header', analysisConfig), [analysisConfig]);
  const { undo, redo, cycleTheme, setHelpOpen, setPaletteOpen } = useStudio.getState();
  const p = analysis?.prediction;
  const speedup = p ? p.staticLatencyS / p.latencyS : null;
  return (
    <header className="app-header">
      <div className="brand">
        <BrandMark />
        <span>LAUDNet Studio</span>
      </div>
      <div className="header-context" aria-label="Current model and hardware">
        <span className="chip" data-testid="header-model">
          Model <strong>{transformer ? variantLabel(transformer) : modelLabel(config)}</strong>
        </span>
        <span className="chip" data-testid="header-hardware">
          Hardware <strong>{hardwareLabel(config)}</strong>
          {p ? <span>· batch {p.batchSize}</span> : null}
        </span>
      </div>
      {transformer ? <TransformerSummary /> : null}
      <div
        className="summary"
        aria-label="Predicted performance"
        data-testid="summary"
        hidden={transformer !== null}
      >
        <Metric
          label="Latency / image"
          testId="summary-ms-per-image"
          value={p ? formatMs(p.latencyMsPerImage) : '—'}
          exact={p?.latencyMsPerImage}
        />
        <Metric
          label="Batch latency"
          testId="summary-batch-latency"
          value={p ? formatSeconds(p.latencyS) : '—'}
          exact={p?.latencyS}
        />
        <Metric
          label="Speed-up vs static"
          testId="summary-speedup"
          value={speedup !== null ? `${speedup.toFixed(2)}×` : '—'}
          tone={speedup === null ? undefined : speedup >= 1 ? 'good' : 'bad'}
        />
        <Metric
          label="FLOPs ratio"
          testId="summary-flops-ratio"
          value={analysis ? formatRatio(analysis.flopsRatio) : '—'}
          exact={analysis?.flopsRatio}
          title={
            analysis
              ? `Counted as the reference training code counts FLOPs (its --target_rate): ${(analysis.flops.dynamicMacs / 1e9).toFixed(3)} of ${(analysis.flops.staticMacs / 1e9).toFixed(3)} GMACs. Torchvision-style static MACs: ${(analysis.flops.torchvisionStaticMacs / 1e9).toFixed(3)} G.`
              : undefined
          }
        />
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="btn icon"
          onClick={undo}
          disabled={past === 0}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
        >
          ↶
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={redo}
          disabled={future === 0}
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
        >
          ↷
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={cycleTheme}
          aria-label={`Theme: ${theme}`}
          title={`Theme: ${theme} (click to change)`}
        >
          {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={() => setPaletteOpen(true)}
          aria-label="Command palette"
          title="Command palette (Ctrl+K)"
        >
          ⌘
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={() => setHelpOpen(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
    </header>
  );
}

function Metric(props: {
  label: string;
  value: string;
  testId: string;
  tone?: 'good' | 'bad' | undefined;
  /** Full-precision value for tests and screen readers' detail (the text is rounded). */
  exact?: number | undefined;
  /** What the figure counts, shown on hover. */
  title?: string | undefined;
}) {
  return (
    <div className="metric" title={props.title}>
      <span className="metric-label">{props.label}</span>
      <span
        className={`metric-value ${props.tone ?? ''}`}
        data-testid={props.testId}
        data-exact={props.exact === undefined ? undefined : String(props.exact)}
      >
        {props.value}
      </span>
    </div>
  );
}
