import { useId } from 'react';
import { TRANSFORMER_TRAINING_NOTE } from '../../../core/export/transformer';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { openTransformerDocument, transformerExport } from './exportConfig';
import type { TfUiConfig } from './tfConfig';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Export and open of the transformer configuration (the studio's JSON); no training flags exist. */
export function TransformerExport({ tf }: { tf: TfUiConfig }) {
  const id = useId();
  const host = useHost();
  const save = async () => {
    const { config, notify } = useStudio.getState();
    try {
      const out = transformerExport(tf, config.hardware);
      const saved = await host.saveFile({
        kind: 'json',
        suggestedName: out.fileName,
        data: out.text,
      });
      if (saved) notify('info', `Saved the transformer configuration as ${saved.name}.`);
    } catch (err) {
      notify('error', `Could not save the configuration: ${message(err)}`);
    }
  };
  const open = async () => {
    const { notify, setTransformer, editConfig } = useStudio.getState();
    try {
      const file = await host.openFile('config');
      if (!file) return;
      const opened = openTransformerDocument(new TextDecoder().decode(file.bytes), file.name);
      if (!opened.ok) {
        notify('error', `${file.name}: ${opened.error}`);
        return;
      }
      const { tf: next, hardware, warnings } = opened.value;
      editConfig((c) => ({ ...c, hardware }));
      setTransformer(next);
      for (const w of warnings) notify('info', w);
      notify('info', `Opened the transformer configuration ${file.name}.`);
    } catch (err) {
      notify('error', `Could not open the configuration: ${message(err)}`);
    }
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Files and export
      </h2>
      <div className="export-buttons">
        <button
          type="button"
          className="btn small"
          data-testid="tf-open-json"
          onClick={() => void open()}
        >
          Open configuration…
        </button>
        <button
          type="button"
          className="btn small"
          data-testid="tf-export-json"
          onClick={() => void save()}
        >
          Export configuration JSON…
        </button>
      </div>
      <p className="hint" data-testid="tf-no-flags">
        {TRANSFORMER_TRAINING_NOTE} The JSON holds the keys <code>laudnet predict --input</code>{' '}
        reads.
      </p>
    </section>
  );
}
