import { memo, useId } from 'react';
import {
  BUILTIN_ARCHITECTURES,
  findBuiltinArchitecture,
  parseArchitectureJson,
} from '../../../core/arch';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { setArchitecture } from '../store/configEdits';
import { TransformerOptions, chooseTransformer } from '../transformer/TransformerOptions';
import { InputSizeField, keepInputSize } from './InputSizeField';

/** Model picker: the four built-in backbones, or an architecture JSON file of the same block family. */
export const ModelSection = memo(function ModelSection() {
  const id = useId();
  const host = useHost();
  const model = useStudio((s) => s.config.model);
  const transformer = useStudio((s) => s.transformer?.model ?? null);
  const value = transformer ?? (model.kind === 'builtin' ? model.id : '__custom__');

  const choose = (modelId: string) => {
    const wasTransformer = useStudio.getState().transformer !== null;
    if (chooseTransformer(modelId)) return;
    // Back from a transformer to the CNN that was being tuned: keep its settings.
    if (wasTransformer && model.kind === 'builtin' && model.id === modelId) return;
    const arch = findBuiltinArchitecture(modelId);
    if (!arch) return;
    // The input size survives a change of backbone (detection users compare backbones at 800×1333).
    useStudio.getState().editConfig((c) => keepInputSize(c, setArchitecture(c, arch, true)));
  };

  const openArchitecture = async () => {
    const { notify, editConfig } = useStudio.getState();
    try {
      const file = await host.openFile('architecture');
      if (!file) return;
      const parsed = parseArchitectureJson(new TextDecoder().decode(file.bytes));
      if (!parsed.ok) {
        notify('error', `${file.name}: ${parsed.error}`);
        return;
      }
      editConfig((c) => setArchitecture(c, parsed.arch, false));
      notify('info', `Loaded architecture "${parsed.arch.label}" from ${file.name}.`);
    } catch (err) {
      notify(
        'error',
        `Could not open the architecture: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };

  return (
    <section className="section paint-island" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Model
      </h2>
      <div className="field">
        <label htmlFor={id}>Backbone</label>
        <select
          id={id}
          value={value}
          data-testid="model-select"
          onChange={(e) => choose(e.currentTarget.value)}
        >
          {BUILTIN_ARCHITECTURES.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
          {model.kind === 'custom' ? (
            <option value="__custom__">{model.architecture.label} (custom)</option>
          ) : null}
          <TransformerOptions />
        </select>
      </div>
      <div className="field">
        <span />
        <button type="button" className="btn small" onClick={() => void openArchitecture()}>
          Open architecture JSON…
        </button>
      </div>
      <InputSizeField />
    </section>
  );
});
