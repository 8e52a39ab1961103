import { useId } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** Shown after the number, e.g. "follows global". */
  note?: string | undefined;
  testId?: string | undefined;
  disabled?: boolean | undefined;
}

/** An activation-rate control: a range slider and a number box bound to the same value (0…1). */
export function RateSlider({ label, value, onChange, note, testId, disabled }: Props) {
  const id = useId();
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return (
    <div className="rate-slider">
      <label htmlFor={id} className="field-label">
        {label}
        {note ? <span className="hint"> · {note}</span> : null}
      </label>
      <div className="rate-slider-row">
        <input
          id={id}
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={value}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => onChange(clamp(Number(e.currentTarget.value)))}
        />
        <input
          type="number"
          min={0}
          max={1}
          step={0.01}
          value={Number(value.toFixed(4))}
          disabled={disabled}
          aria-label={`${label} (number)`}
          data-testid={testId ? `${testId}-number` : undefined}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (e.currentTarget.value !== '' && Number.isFinite(v)) onChange(clamp(v));
          }}
        />
      </div>
    </div>
  );
}
