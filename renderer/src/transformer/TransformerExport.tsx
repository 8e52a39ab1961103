import { useId } from 'react';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { NO_TRAINING_FLAGS_NOTE, transformerConfigText } from './exportConfig';
import type { TfUiConfig } from './tfConfig';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Export of the transformer configuration (the keys `predict --input` reads); no training flags exist. */
export function TransformerExport({ tf }: { tf: TfUiConfig }) {
  const id = useId();
  const host = useHost();
  const save = async () => {
    const { config, notify } = useStudio.getState();
    try {
      const saved = await host.saveFile({
        kind: 'json',
        suggestedName: `${tf.model}-${tf.mode}.json`,
        data: transformerConfigText(tf, config.hardware),
      });
      if (saved) notify('info', `Saved the transformer configuration as ${saved.name}.`);
    } catch (err) {
      notify('error', `Could not save the configuration: ${message(err)}`);
    }
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Export
      </h2>
      <div className="export-buttons">
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
        {NO_TRAINING_FLAGS_NOTE} The JSON holds the keys <code>laudnet predict --input</code> reads.
      </p>
    </section>
  );
}
