import { memo, useLayoutEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { markDrawn } from '../perf/probe';
import { useStudio } from '../store';
import type { ThemePreference } from '../store/uiSlice';
import { BrandMark } from './BrandMark';
import { formatMs, formatRatio, formatSeconds } from '../format';
import { modelLabel, hardwareLabel } from '../labels';
import { TransformerSummary } from '../transformer/TransformerSummary';
import { variantLabel } from '../transformer/tfConfig';

const BRAND = (
  <div className="brand">
    <BrandMark />
    <span>LAUDNet Studio</span>
  </div>
);

/**
 * Title bar: what is being tuned (model, hardware) and the numbers that matter for it. It reads labels and
 * results only, so a rate change re-renders it once, when the prediction of the new rate arrives.
 */
export const Header = memo(function Header() {
  const { model, hardware, analysis, analysisConfig, past, future, theme, transformer } = useStudio(
    useShallow((s) => ({
      transformer: s.transformer?.model ?? null,
      model: modelLabel(s.config),
      hardware: hardwareLabel(s.config),
      analysis: s.analysis,
      analysisConfig: s.analysisConfig,
      past: s.past.length > 0,
      future: s.future.length > 0,
      theme: s.theme,
    })),
  );
  useLayoutEffect(() => markDrawn('header', analysisConfig), [analysisConfig]);
  const p = analysis?.prediction;
  const speedup = p ? p.staticLatencyS / p.latencyS : null;
  return (
    <header className="app-header">
      {BRAND}
      <div className="header-context" aria-label="Current model and hardware">
        <span className="chip" data-testid="header-model">
          Model <strong>{transformer ? variantLabel(transformer) : model}</strong>
        </span>
        <span className="chip" data-testid="header-hardware">
          Hardware <strong>{hardware}</strong>
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
          describe={flopsTitle}
        />
      </div>
      <HeaderActions past={past} future={future} theme={theme} />
    </header>
  );
});

/** Undo, redo, theme, palette and help: re-rendered only when what they show changes. */
const HeaderActions = memo(function HeaderActions({
  past,
  future,
  theme,
}: {
  past: boolean;
  future: boolean;
  theme: ThemePreference;
}) {
  const { undo, redo, cycleTheme, setHelpOpen, setPaletteOpen } = useStudio.getState();
  return (
    <div className="header-actions">
      <button
        type="button"
        className="btn icon"
        onClick={undo}
        disabled={!past}
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
      >
        ↶
      </button>
      <button
        type="button"
        className="btn icon"
        onClick={redo}
        disabled={!future}
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
  );
});

/** The FLOPs figure's hover text, read from the latest analysis when the pointer reaches it. */
function flopsTitle(): string | undefined {
  const analysis = useStudio.getState().analysis;
  return analysis
    ? `Counted as the reference training code counts FLOPs (its --target_rate): ${(analysis.flops.dynamicMacs / 1e9).toFixed(3)} of ${(analysis.flops.staticMacs / 1e9).toFixed(3)} GMACs. Torchvision-style static MACs: ${(analysis.flops.torchvisionStaticMacs / 1e9).toFixed(3)} G.`
    : undefined;
}

const Metric = memo(function Metric(props: {
  label: string;
  value: string;
  testId: string;
  tone?: 'good' | 'bad' | undefined;
  /** Full-precision value for tests and screen readers' detail (the text is rounded). */
  exact?: number | undefined;
  /**
   * What the figure counts, shown on hover: written when the pointer enters, so a new result does not
   * rewrite an attribute (and restyle the figure) that nobody is looking at.
   */
  describe?: (() => string | undefined) | undefined;
}) {
  const { describe } = props;
  return (
    <div
      className="metric"
      onPointerEnter={
        describe
          ? (e) => {
              const title = describe();
              if (title === undefined) e.currentTarget.removeAttribute('title');
              else e.currentTarget.title = title;
            }
          : undefined
      }
    >
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
});
