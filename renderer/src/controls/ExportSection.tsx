import { Fragment, useId, useMemo } from 'react';
import { exportTrainingFlags } from '../../../core/export/trainingFlags';
import { runCommand } from '../commands/handlers';
import { copyTrainingFlags } from '../files/exports';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { setNotes } from '../store/configEdits';
import { RecentFiles } from './RecentFiles';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The flag line cut before each `--flag`, so a flag and its value stay on one line. */
function flagPieces(line: string): string[] {
  return line.split(/ (?=--)/).filter(Boolean);
}

/** Files and exports: configuration, the training script's flags, latency reports. */
export function ExportSection() {
  const id = useId();
  const host = useHost();
  const config = useStudio((s) => s.config);
  const flags = useMemo(() => {
    try {
      const out = exportTrainingFlags(config);
      return {
        line: out.line,
        warnings: [...out.notTrainable.map((p) => p.message), ...out.warnings],
      };
    } catch (err) {
      return { line: '', warnings: [message(err)] };
    }
  }, [config]);
  const copy = () =>
    copyTrainingFlags(host).catch((err: unknown) =>
      useStudio.getState().notify('error', `Copy failed: ${message(err)}`),
    );
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
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
      <div className="export-flags" data-testid="training-flags">
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
        value={config.notes}
        onChange={(e) => {
          const text = e.currentTarget.value;
          useStudio.getState().editConfig((c) => setNotes(c, text), 'notes');
        }}
      />
    </section>
  );
}
