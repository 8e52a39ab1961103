import { useId } from 'react';
import { nearestStep } from './tfConfig';

interface Props {
  heads: number;
  /** The head rates k/H, k = 1 … H (core `headRateSteps`). */
  steps: readonly number[];
  value: number;
  onChange: (rate: number) => void;
  note?: string | undefined;
  disabled?: boolean;
  testId?: string;
}

/** Heads kept, offered only as k of H (spec T9): a slider over k and the rate it stands for. */
export function HeadsSlider({ heads, steps, value, onChange, note, disabled, testId }: Props) {
  const id = useId();
  const rate = nearestStep(steps, value);
  const k = Math.max(1, steps.indexOf(rate) + 1);
  const exact = steps.includes(value);
  return (
    <div className="rate-slider">
      <label htmlFor={id} className="field-label">
        Heads kept
        {note ? <span className="hint"> · {note}</span> : null}
      </label>
      <div className="rate-slider-row">
        <input
          id={id}
          type="range"
          min={1}
          max={steps.length}
          step={1}
          value={k}
          disabled={disabled}
          data-testid={testId}
          aria-valuetext={`${k} of ${heads} heads`}
          onChange={(e) => {
            const next = steps[Number(e.currentTarget.value) - 1];
            if (next !== undefined) onChange(next);
          }}
        />
        <output htmlFor={id} className="tf-heads-value" data-testid={testId && `${testId}-value`}>
          {exact ? '' : '≈ '}
          {k} / {heads}
        </output>
      </div>
    </div>
  );
}
