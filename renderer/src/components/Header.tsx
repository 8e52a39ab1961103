import { memo, useLayoutEffect, useRef, type RefObject } from 'react';
import { useShallow } from '../store/shallow';
import { markDrawn } from '../perf/probe';
import { useStudio, type StudioState } from '../store';
import type { Analysis } from '../worker/types';
import type { StudioConfig } from '../../../core/config/schema';
import { figureWriter, NO_FIGURE, type Figure } from './figureWriter';
import type { ThemePreference } from '../store/uiSlice';
import { BrandMark } from './BrandMark';
import { formatMs, formatRatio, formatSeconds } from '../format';
import { modelLabel, hardwareLabel } from '../labels';
import { TransformerSummary } from '../transformer/TransformerSummary';
import { variantLabel } from '../transformer/tfConfig';

/** The last label computed for a part of the configuration (the part keeps its identity across rates). */
interface LabelCache {
  part: unknown;
  label: string;
}
const modelLabels: LabelCache = { part: null, label: '' };
const hardwareLabels: LabelCache = { part: null, label: '' };

/** `label(config)`, computed again only when `part` (what the label reads) is another object. */
function labelOf(
  cache: LabelCache,
  config: StudioConfig,
  part: unknown,
  label: (config: StudioConfig) => string,
): string {
  if (cache.part !== part) {
    cache.label = label(config);
    cache.part = part;
  }
  return cache.label;
}

const BRAND = (
  <div className="brand">
    <BrandMark />
    <span>LAUDNet Studio</span>
  </div>
);

/**
 * Title bar: what is being tuned (model, hardware) and the numbers that matter for it. React renders its
 * frame only when the labels, history or theme change; the four figures follow every prediction through
 * {@link useSummaryFigures}, written straight into their text nodes (a rate change re-renders nothing).
 */
export const Header = memo(function Header() {
  const { model, hardware, batchSize, past, future, theme, transformer } = useStudio(
    useShallow((s) => ({
      transformer: s.transformer?.model ?? null,
      model: labelOf(modelLabels, s.config, s.config.model, modelLabel),
      hardware: labelOf(hardwareLabels, s.config, s.config.hardware, hardwareLabel),
      batchSize: s.analysis?.prediction.batchSize ?? null,
      past: s.past.length > 0,
      future: s.future.length > 0,
      theme: s.theme,
    })),
  );
  const summary = useRef<HTMLDivElement>(null);
  useSummaryFigures(summary);
  return (
    <header className="app-header">
      {BRAND}
      <div className="header-context" aria-label="Current model and hardware">
        <span className="chip" data-testid="header-model">
          Model <strong>{transformer ? variantLabel(transformer) : model}</strong>
        </span>
        <span className="chip" data-testid="header-hardware">
          Hardware <strong>{hardware}</strong>
          {batchSize !== null ? <span>· batch {batchSize}</span> : null}
        </span>
      </div>
      {transformer ? <TransformerSummary /> : null}
      <div
        className="summary"
        aria-label="Predicted performance"
        data-testid="summary"
        hidden={transformer !== null}
        ref={summary}
      >
        {FIGURES.map((f) => (
          <Metric key={f.testId} label={f.label} testId={f.testId} describe={f.describe} />
        ))}
      </div>
      <HeaderActions past={past} future={future} theme={theme} />
    </header>
  );
});

/** What each figure of the summary shows for an analysis (null: none yet). */
const FIGURES: readonly {
  label: string;
  testId: string;
  show: (a: Analysis | null) => Figure;
  describe?: () => string | undefined;
}[] = [
  {
    label: 'Latency / image',
    testId: 'summary-ms-per-image',
    show: (a) =>
      a
        ? { text: formatMs(a.prediction.latencyMsPerImage), exact: a.prediction.latencyMsPerImage }
        : NO_FIGURE,
  },
  {
    label: 'Batch latency',
    testId: 'summary-batch-latency',
    show: (a) =>
      a ? { text: formatSeconds(a.prediction.latencyS), exact: a.prediction.latencyS } : NO_FIGURE,
  },
  {
    label: 'Speed-up vs static',
    testId: 'summary-speedup',
    show: (a) => {
      if (!a) return NO_FIGURE;
      const speedup = a.prediction.staticLatencyS / a.prediction.latencyS;
      return { text: `${speedup.toFixed(2)}×`, tone: speedup >= 1 ? 'good' : 'bad' };
    },
  },
  {
    label: 'FLOPs ratio',
    testId: 'summary-flops-ratio',
    show: (a) => (a ? { text: formatRatio(a.flopsRatio), exact: a.flopsRatio } : NO_FIGURE),
    describe: flopsTitle,
  },
];

/**
 * Keeps the summary's figures on the store's analysis: written into the DOM in the store update that
 * brings a new analysis (before React renders anything for it), and reported to the probe as drawn.
 */
function useSummaryFigures(summary: RefObject<HTMLDivElement | null>): void {
  useLayoutEffect(() => {
    const root = summary.current;
    if (!root) return;
    const writers = FIGURES.map((f) => {
      const el = root.querySelector<HTMLElement>(`[data-testid="${f.testId}"]`);
      return el ? figureWriter(el, f.show) : null;
    });
    const write = (s: StudioState) => {
      for (const w of writers) w?.(s.analysis);
      markDrawn('header', s.analysisConfig);
    };
    write(useStudio.getState());
    return useStudio.subscribe((s, prev) => {
      if (s.analysis !== prev.analysis || s.analysisConfig !== prev.analysisConfig) write(s);
    });
  }, [summary]);
}

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

/** A labelled figure; its value, full-precision value and tone are written by {@link useSummaryFigures}. */
const Metric = memo(function Metric(props: {
  label: string;
  testId: string;
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
      {/* data-exact: the full-precision value for tests and screen readers' detail (the text is rounded). */}
      <span className="metric-value" data-testid={props.testId}>
        —
      </span>
    </div>
  );
});
