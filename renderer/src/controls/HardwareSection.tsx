import { Suspense, memo, useId, useState } from 'react';
import { HARDWARE_PRESETS } from '../../../core/predictor/hardware';
import { useStudio } from '../store';
import { hardwareParamsOf } from '../store/selectors';
import { setHardwareParam, setHardwarePreset, setCustomHardware } from '../store/configEdits';
import { HARDWARE_FIELDS, parseShown, shownValue, type HardwareField } from './hardwareFields';
import { CalibrationDialog } from '../components/lazyDialogs';
import { calibratedLabel, findCalibratedPreset } from '../calibration/calibratedPresets';
import { useCalibratedPresetsPersistence } from '../calibration/usePresetPersistence';

/** Hardware picker with a batch-size box and an editor for every parameter of the latency model. */
export const HardwareSection = memo(function HardwareSection() {
  const id = useId();
  const hardware = useStudio((s) => s.config.hardware);
  const params = useStudio((s) => hardwareParamsOf(s.config));
  const [editorOpen, setEditorOpen] = useState(false);
  const calibrated = useStudio((s) => s.calibratedPresets);
  const calibrationOpen = useStudio((s) => s.calibrationOpen);
  useCalibratedPresetsPersistence();
  const fromCalibration =
    hardware.kind === 'custom'
      ? findCalibratedPreset(calibrated, hardware.label, hardware.params)
      : undefined;
  const value =
    hardware.kind === 'preset'
      ? hardware.id
      : fromCalibration
        ? `cal:${fromCalibration.id}`
        : '__custom__';
  const preset =
    hardware.kind === 'preset' ? HARDWARE_PRESETS.find((p) => p.id === value) : undefined;
  const batchField = HARDWARE_FIELDS.find((f) => f.key === 'batchSize')!;

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Hardware
      </h2>
      <div className="field">
        <label htmlFor={id}>Device</label>
        <select
          id={id}
          value={value}
          data-testid="hardware-select"
          onChange={(e) => {
            const next = e.currentTarget.value;
            if (next === '__custom__') return;
            const cal = calibrated.find((p) => `cal:${p.id}` === next);
            if (cal) {
              useStudio
                .getState()
                .editConfig((c) => setCustomHardware(c, calibratedLabel(cal), cal.params));
              return;
            }
            useStudio.getState().editConfig((c) => setHardwarePreset(c, next));
          }}
        >
          <optgroup label="Paper presets (validated)">
            {HARDWARE_PRESETS.filter((p) => p.validated).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Spec sheets (unvalidated: never compared with measurements)">
            {HARDWARE_PRESETS.filter((p) => !p.validated).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label.replace(' (not validated against measurements)', '')} — unvalidated
              </option>
            ))}
          </optgroup>
          {calibrated.length > 0 ? (
            <optgroup label="Calibrated on your device">
              {calibrated.map((p) => (
                <option key={p.id} value={`cal:${p.id}`}>
                  {p.name} — calibrated {p.savedAt.slice(0, 10)}, {p.source}
                </option>
              ))}
            </optgroup>
          ) : null}
          {hardware.kind === 'custom' && !fromCalibration ? (
            <option value="__custom__">{hardware.label || 'Custom'}</option>
          ) : null}
        </select>
      </div>
      <ParamInput field={batchField} stored={params.batchSize} testId="batch-size" />
      {preset && !preset.validated ? (
        <p className="hint" data-testid="hardware-validation">
          Unvalidated: from the public spec sheet, never compared with measurements.
        </p>
      ) : null}
      {fromCalibration ? (
        <p className="hint" data-testid="hardware-validation">
          Calibrated from {fromCalibration.source} on {fromCalibration.savedAt.slice(0, 10)}:
          held-out median error {fromCalibration.heldOutMedianErrorPct.toFixed(1)} %,{' '}
          {fromCalibration.heldOutWithin10Pct.toFixed(0)} % within ±10 %.
        </p>
      ) : null}
      <div className="field">
        <span />
        <div className="button-row">
          <button
            type="button"
            className="btn small"
            aria-expanded={editorOpen}
            onClick={() => setEditorOpen((o) => !o)}
          >
            {editorOpen ? 'Hide parameters' : 'Parameters…'}
          </button>
          <button
            type="button"
            className="btn small"
            data-testid="open-calibration"
            onClick={() => useStudio.getState().setCalibrationOpen(true)}
          >
            Calibrate…
          </button>
          {hardware.kind === 'preset' ? (
            <button
              type="button"
              className="btn small"
              onClick={() =>
                useStudio
                  .getState()
                  .editConfig((c) =>
                    setCustomHardware(c, `Custom (from ${preset?.label ?? 'preset'})`, params),
                  )
              }
            >
              Save as custom
            </button>
          ) : null}
        </div>
      </div>
      {calibrationOpen ? (
        <Suspense fallback={<div className="overlay" role="presentation" />}>
          <CalibrationDialog.component
            onClose={() => useStudio.getState().setCalibrationOpen(false)}
          />
        </Suspense>
      ) : null}
      {editorOpen ? (
        <div className="hw-editor" data-testid="hardware-editor">
          {HARDWARE_FIELDS.filter((f) => f.key !== 'batchSize').map((f) => (
            <ParamInput key={f.key} field={f} stored={params[f.key]} />
          ))}
          <div className="field">
            <label htmlFor={`${id}-mode`}>Combine</label>
            <select
              id={`${id}-mode`}
              value={params.latencyMode}
              onChange={(e) =>
                useStudio
                  .getState()
                  .editConfig((c) =>
                    setHardwareParam(c, 'latencyMode', e.currentTarget.value as 'add' | 'max'),
                  )
              }
            >
              <option value="add">compute + memory (add)</option>
              <option value="max">max(compute, memory)</option>
            </select>
          </div>
        </div>
      ) : null}
    </section>
  );
});

/** A number box for one parameter in its display unit; invalid text is shown, never applied. */
function ParamInput({
  field,
  stored,
  testId,
}: {
  field: HardwareField;
  stored: number;
  testId?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = shownValue(field, stored);
  return (
    <div className="field" title={field.help}>
      <label htmlFor={id}>{field.label}</label>
      <div>
        <div className="unit-input">
          <input
            id={id}
            type="number"
            step={field.step}
            value={draft ?? String(shown)}
            data-testid={testId}
            aria-invalid={error !== null}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setDraft(text);
              const parsed = parseShown(field, text);
              if ('error' in parsed) {
                setError(parsed.error);
                return;
              }
              setError(null);
              useStudio
                .getState()
                .editConfig((c) => setHardwareParam(c, field.key, parsed.value), `hw:${field.key}`);
            }}
            onBlur={() => {
              setDraft(null);
              setError(null);
            }}
          />
          <span className="unit">{field.unit}</span>
        </div>
        {error ? (
          <div className="hint error-text" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </div>
  );
}
