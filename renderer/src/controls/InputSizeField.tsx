import { useId, useMemo, useState } from 'react';
import { formatInputSize, parseInputSize, stageOutputSize } from '../../../core/arch';
import { INPUT_SIZE_PRESETS, withInputSize } from '../../../core/config/inputSize';
import { configInputSize } from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import { useStudio } from '../store';
import { architectureOrNull } from '../store/selectors';

const CUSTOM = 'custom';

/** `next` (a new backbone) at the input size of `before`; `next` unchanged when that size cannot apply. */
export function keepInputSize(before: StudioConfig, next: StudioConfig): StudioConfig {
  try {
    return withInputSize(next, configInputSize(before));
  } catch {
    return next;
  }
}

const key = (h: number, w: number) => `${h}x${w}`;

/**
 * Input size of the network (height × width): presets for classification, segmentation and detection,
 * or any H×W. Shows the stage maps it gives and says when the reference training code cannot train it.
 */
export function InputSizeField() {
  const id = useId();
  const inputSize = useStudio((s) => s.config.inputSize);
  const arch = useStudio((s) => architectureOrNull(s.config));
  const size = configInputSize({ inputSize });
  const current = key(size.height, size.width);
  const preset = INPUT_SIZE_PRESETS.some((p) => key(p.size.height, p.size.width) === current);
  const [custom, setCustom] = useState(!preset);
  const [error, setError] = useState<string | null>(null);

  const maps = useMemo(
    () =>
      arch ? arch.stages.map((_, i) => formatInputSize(stageOutputSize(arch, i))).join(' · ') : '',
    [arch],
  );

  const apply = (h: unknown, w: unknown) => {
    const parsed = parseInputSize([h, w]);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    useStudio.getState().editConfig((c) => withInputSize(c, parsed.size));
  };

  const choose = (value: string) => {
    if (value === CUSTOM) {
      setCustom(true);
      return;
    }
    setCustom(false);
    const p = INPUT_SIZE_PRESETS.find((x) => key(x.size.height, x.size.width) === value);
    if (p) apply(p.size.height, p.size.width);
  };

  const not224 = size.height !== 224 || size.width !== 224;
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Input size</label>
        <select
          id={id}
          value={custom || !preset ? CUSTOM : current}
          data-testid="input-size-select"
          onChange={(e) => choose(e.currentTarget.value)}
        >
          {INPUT_SIZE_PRESETS.map((p) => (
            <option key={p.label} value={key(p.size.height, p.size.width)}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM}>
            {custom || !preset ? `Custom (${formatInputSize(size)})` : 'Custom H×W…'}
          </option>
        </select>
      </div>
      {custom ? (
        <CustomSize key={current} height={size.height} width={size.width} onApply={apply} />
      ) : null}
      {error ? (
        <p className="error-text" role="alert" data-testid="input-size-error">
          Input size {error}
        </p>
      ) : null}
      <p className="hint" data-testid="input-size-maps">
        Stage maps (H×W): {maps}
      </p>
      {not224 ? (
        <p className="hint" data-testid="input-size-note">
          Predicted at {formatInputSize(size)}. The reference training code trains 224×224
          classification only: training flags are not exported at this size.
        </p>
      ) : null}
    </>
  );
}

interface CustomSizeProps {
  height: number;
  width: number;
  onApply: (height: number, width: number) => void;
}

/** Two number fields and Apply; keyed by the applied size, so an applied or undone size resets them. */
function CustomSize(props: CustomSizeProps) {
  const [height, setHeight] = useState(String(props.height));
  const [width, setWidth] = useState(String(props.width));
  return (
    <form
      className="field input-size-custom"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply(Number(height), Number(width));
      }}
    >
      <span className="hint">H × W</span>
      <span className="input-size-pair">
        <input
          type="number"
          min={32}
          max={4096}
          value={height}
          aria-label="Input height in pixels"
          data-testid="input-height"
          onChange={(e) => setHeight(e.currentTarget.value)}
        />
        <span aria-hidden>×</span>
        <input
          type="number"
          min={32}
          max={4096}
          value={width}
          aria-label="Input width in pixels"
          data-testid="input-width"
          onChange={(e) => setWidth(e.currentTarget.value)}
        />
        <button type="submit" className="btn small" data-testid="input-size-apply">
          Apply
        </button>
      </span>
    </form>
  );
}
