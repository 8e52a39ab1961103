import { memo, useLayoutEffect, useRef } from 'react';
import { useShallow } from '../store/shallow';
import { useHost } from '../hostContext';
import { useStudio, type StudioState } from '../store';
import { TransformerStatus } from '../transformer/TransformerStatus';
import { textNodeOf, writeText } from './figureWriter';

/** The predictor's state as the status bar words it. */
function predictorStatusText(s: StudioState): string {
  return s.status === 'error'
    ? `Predictor error: ${s.computeError ?? 'unknown'}`
    : s.status === 'busy'
      ? 'Predicting…'
      : s.lastComputeMs !== null
        ? `Predicted in ${s.lastComputeMs.toFixed(1)} ms ${s.analysisSource === 'main' ? 'on the main thread' : 'by the worker'}`
        : 'Predictor starting…';
}

/** The status dot's class for the predictor's state. */
function dotClass(s: StudioState): string {
  return `status-dot${s.status === 'busy' ? ' busy' : s.status === 'error' ? ' error' : ''}`;
}

/**
 * Bottom bar: where the app runs, the predictor's state, and the document's state. The predictor's line
 * changes with every prediction: a store subscription writes it into its text node and the dot's class
 * (React re-renders the bar only for the file, the block count or a transformer).
 */
export const StatusBar = memo(function StatusBar() {
  const host = useHost();
  const { fileName, dirty, blocks, transformer } = useStudio(
    useShallow((s) => ({
      fileName: s.fileName,
      dirty: s.dirty,
      blocks: s.analysis?.prediction.blocks.length ?? null,
      transformer: s.transformer !== null,
    })),
  );
  const dot = useRef<HTMLSpanElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const dotEl = dot.current;
    const textEl = text.current;
    if (!dotEl || !textEl) return;
    const node = textNodeOf(textEl);
    const write = (s: StudioState) => {
      writeText(node, predictorStatusText(s));
      const cls = dotClass(s);
      if (dotEl.className !== cls) dotEl.className = cls;
    };
    write(useStudio.getState());
    return useStudio.subscribe((s, prev) => {
      if (
        s.status !== prev.status ||
        s.computeError !== prev.computeError ||
        s.lastComputeMs !== prev.lastComputeMs ||
        s.analysisSource !== prev.analysisSource
      )
        write(s);
    });
  }, []);
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      {transformer ? <TransformerStatus /> : null}
      <span data-testid="status-predictor" hidden={transformer}>
        <span className="status-dot" ref={dot} />
        <span ref={text} />
      </span>
      {blocks !== null && !transformer ? (
        <span className="paint-island">{blocks} blocks</span>
      ) : null}
      <span className="paint-island">Latency model: LAUDNet analytic predictor (exact port)</span>
      <span className="spacer" />
      <span className="paint-island" data-testid="status-file">
        {fileName ?? 'Unsaved configuration'}
        {dirty ? ' • modified' : ''}
      </span>
      <span className="paint-island">{host.platform === 'desktop' ? 'Desktop' : 'Web build'}</span>
    </footer>
  );
});
