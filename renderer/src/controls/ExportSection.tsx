import { Fragment, memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { runCommand } from '../commands/handlers';
import { copyTrainingFlags } from '../files/exports';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { setNotes } from '../store/configEdits';
import { trainingFlagsText } from '../worker/analysisFlags';
import { RecentFiles } from './RecentFiles';
import { watchOnScreen } from './onScreen';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The flag line cut before each `--flag`, so a flag and its value stay on one line. */
function flagPieces(line: string): string[] {
  return line.split(/ (?=--)/).filter(Boolean);
}

/** A flag line and its warnings, as the analysis carries them. */
interface Flags {
  line: string;
  warnings: readonly string[];
}

const NO_FLAGS: Flags = { line: '', warnings: [] };

/** Files and exports: configuration, the training script's flags, latency reports. */
export const ExportSection = memo(function ExportSection() {
  const id = useId();
  const host = useHost();
  const notes = useStudio((s) => s.config.notes);
  const copy = () =>
    copyTrainingFlags(host).catch((err: unknown) =>
      useStudio.getState().notify('error', `Copy failed: ${message(err)}`),
    );
  return (
    <section className="section paint-island" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Files and export
      </h2>
      <div className="export-buttons">
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('file.open-config', host)}
          data-testid="open-config"
        >
          Open configuration…
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('file.save-as', host)}
          data-testid="export-config"
        >
          Save configuration…
        </button>
      </div>
      <RecentFiles />
      <div className="field-label hint" style={{ marginTop: 10 }}>
        Training flags (reference script)
      </div>
      <TrainingFlags />
      <div className="export-buttons">
        <button
          type="button"
          className="btn small"
          onClick={() => void copy()}
          data-testid="copy-flags"
        >
          Copy training flags
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('export.text', host)}
        >
          Save flags…
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('export.csv', host)}
          data-testid="export-csv"
        >
          Report CSV…
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('export.markdown', host)}
          data-testid="export-md"
        >
          Report Markdown…
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void runCommand('export.json', host)}
        >
          Report JSON…
        </button>
      </div>
      <label
        htmlFor={`${id}-notes`}
        className="field-label hint"
        style={{ display: 'block', marginTop: 10 }}
      >
        Notes (saved with the configuration)
      </label>
      <textarea
        id={`${id}-notes`}
        rows={3}
        className="notes"
        value={notes}
        onChange={(e) => {
          const text = e.currentTarget.value;
          useStudio.getState().editConfig((c) => setNotes(c, text), 'notes');
        }}
      />
    </section>
  );
});

/**
 * The training script's flags (they carry the rates): sent by the analysis worker with each prediction,
 * so a rate change costs the main thread a text update only; computed here before the first prediction.
 */
function TrainingFlags() {
  const ref = useRef<HTMLDivElement>(null);
  // Scrolled out of view (below the fold at most window sizes) the flags hold what they show: a rate
  // change then does not re-render, lay them out or repaint them until they come near the view again.
  const [held, setHeld] = useState<Flags | null>(null);
  const shown = useRef<Flags>(NO_FLAGS);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    return watchOnScreen(el, (onScreen) => setHeld(onScreen ? null : shown.current));
  }, []);
  const fromWorker = useStudio((s) => (held ? null : (s.analysis?.trainingFlags ?? null)));
  const pendingConfig = useStudio((s) => (held || s.analysis?.trainingFlags ? null : s.config));
  const computed = useMemo(
    () => (pendingConfig ? trainingFlagsText(pendingConfig) : null),
    [pendingConfig],
  );
  const flags = held ?? fromWorker ?? computed ?? NO_FLAGS;
  useLayoutEffect(() => {
    shown.current = flags;
  }, [flags]);
  return (
    <>
      <div className="export-flags" data-testid="training-flags" ref={ref}>
        {/* One unbreakable piece per flag and its value: lines break only between flags. */}
        {flagPieces(flags.line).map((piece, i) => (
          <Fragment key={i}>
            {i > 0 ? ' ' : null}
            <span className="flag-piece">{piece}</span>
          </Fragment>
        ))}
      </div>
      {flags.warnings.length ? (
        <ul className="hint warn-list">
          {flags.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
