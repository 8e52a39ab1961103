import { useStudio } from '../store';
import { T2T_IDS, defaultTfConfig, isT2tId, variantLabel, withModel } from './tfConfig';

/** The model picker's transformer entries (issue 18), after the CNN backbones. */
export function TransformerOptions() {
  return (
    <optgroup label="Dynamic vision transformers (AdaViT-style)">
      {T2T_IDS.map((id) => (
        <option key={id} value={id}>
          {variantLabel(id)}
        </option>
      ))}
    </optgroup>
  );
}

/**
 * Handles a picker choice: a transformer id switches the tuner to it (keeping its rates when it was
 * already a transformer) and returns true; any other id leaves transformer mode and returns false.
 */
export function chooseTransformer(id: string): boolean {
  const { transformer, setTransformer } = useStudio.getState();
  if (!isT2tId(id)) {
    if (transformer) setTransformer(null);
    return false;
  }
  setTransformer(transformer ? withModel(transformer, id) : defaultTfConfig(id));
  return true;
}
