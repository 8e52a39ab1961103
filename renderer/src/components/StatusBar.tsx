import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { TransformerStatus } from '../transformer/TransformerStatus';

/** Bottom bar: where the app runs, the predictor's state, and the document's state. */
export const StatusBar = memo(function StatusBar() {
  const host = useHost();
  const { status, computeError, lastComputeMs, source, fileName, dirty, blocks, transformer } =
    useStudio(
      useShallow((s) => ({
        status: s.status,
        computeError: s.computeError,
        lastComputeMs: s.lastComputeMs,
        source: s.analysisSource,
        fileName: s.fileName,
        dirty: s.dirty,
        blocks: s.analysis?.prediction.blocks.length ?? null,
        transformer: s.transformer !== null,
      })),
    );
  const dotClass = status === 'busy' ? 'busy' : status === 'error' ? 'error' : '';
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      {transformer ? <TransformerStatus /> : null}
      <span data-testid="status-predictor" hidden={transformer}>
        <span className={`status-dot ${dotClass}`} />
        {status === 'error'
          ? `Predictor error: ${computeError ?? 'unknown'}`
          : status === 'busy'
            ? 'Predicting…'
            : lastComputeMs !== null
              ? `Predicted in ${lastComputeMs.toFixed(1)} ms ${source === 'main' ? 'on the main thread' : 'by the worker'}`
              : 'Predictor starting…'}
      </span>
      {blocks !== null && !transformer ? <span>{blocks} blocks</span> : null}
      <span>Latency model: LAUDNet analytic predictor (exact port)</span>
      <span className="spacer" />
      <span data-testid="status-file">
        {fileName ?? 'Unsaved configuration'}
        {dirty ? ' • modified' : ''}
      </span>
      <span>{host.platform === 'desktop' ? 'Desktop' : 'Web build'}</span>
    </footer>
  );
});
