/** The explorer's filters: devices, modes, rate grid, trainable only, per-stage limits; run and cancel. */
import { EXPLORE_MODES, type ExploreMode } from '../../../../core/explore';
import { HARDWARE_PRESETS } from '../../../../core/predictor/hardware';
import { presetShortLabel } from '../../labels';
import { DEVICE_COLORS, type ExploreForm } from './exploreState';

export interface ExploreControlsProps {
  form: ExploreForm;
  onChange: (form: ExploreForm) => void;
  stageLabels: string[];
  running: boolean;
  progress: { done: number; total: number } | null;
  onRun: () => void;
  onCancel: () => void;
}

const toggle = <T,>(list: readonly T[], v: T): T[] =>
  list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

/** "A100 SXM4 40 GB" without the validation note (the chip shows † and the full label on hover). */
function chipLabel(id: string): string {
  return presetShortLabel(id).replace(/\s*\(not validated[^)]*\)$/, '');
}

const MODE_LABEL: Record<ExploreMode, string> = {
  static: 'Static',
  spatial: 'Spatial',
  channel: 'Channel',
  layer: 'Layer',
};

export function ExploreControls(props: ExploreControlsProps) {
  const { form, onChange } = props;
  const set = (patch: Partial<ExploreForm>) => onChange({ ...form, ...patch });
  const pct = props.progress ? Math.round((props.progress.done / props.progress.total) * 100) : 0;
  return (
    <section className="explore-controls" aria-label="Design space">
      <div className="explore-field">
        <span className="explore-field-label">Hardware</span>
        <div className="explore-chips" role="group" aria-label="Hardware presets">
          {HARDWARE_PRESETS.map((p) => {
            const k = form.devices.indexOf(p.id);
            return (
              <button
                key={p.id}
                type="button"
                className="explore-chip"
                aria-pressed={k >= 0}
                title={p.label}
                onClick={() => {
                  const next = toggle(form.devices, p.id);
                  if (next.length > 0) set({ devices: next });
                }}
              >
                <span
                  className="explore-chip-dot"
                  style={{
                    background: k >= 0 ? DEVICE_COLORS[k % DEVICE_COLORS.length] : undefined,
                  }}
                />
                {chipLabel(p.id)}
                {p.validated ? null : <span aria-hidden="true">†</span>}
              </button>
            );
          })}
        </div>
      </div>
      <div className="explore-row">
        <div className="explore-field">
          <span className="explore-field-label">Modes</span>
          <div className="explore-chips" role="group" aria-label="Modes allowed">
            {EXPLORE_MODES.map((m) => (
              <button
                key={m}
                type="button"
                className="explore-chip"
                aria-pressed={form.modes.includes(m)}
                onClick={() => {
                  const next = toggle(form.modes, m);
                  if (next.length > 0) set({ modes: next });
                }}
              >
                {MODE_LABEL[m]}
              </button>
            ))}
          </div>
        </div>
        <label className="explore-field">
          <span className="explore-field-label">Rates</span>
          <input
            className="explore-input mono"
            value={form.rates}
            aria-label="Rate grid"
            title="start:stop:step or a comma list, each in (0, 1]"
            onChange={(e) => set({ rates: e.target.value })}
          />
        </label>
        <div className="explore-field">
          <span className="explore-field-label">Rate per</span>
          <div className="segmented" role="radiogroup" aria-label="Rate scope">
            {([false, true] as const).map((per) => (
              <button
                key={String(per)}
                type="button"
                role="radio"
                aria-checked={form.perStageRates === per}
                className={form.perStageRates === per ? 'active' : ''}
                onClick={() => set({ perStageRates: per })}
              >
                {per ? 'Stage' : 'Network'}
              </button>
            ))}
          </div>
        </div>
        <label className="checkbox explore-check">
          <input
            type="checkbox"
            checked={form.trainableOnly}
            onChange={(e) => set({ trainableOnly: e.target.checked })}
          />
          Trainable only
        </label>
        <div className="explore-run">
          {props.running ? (
            <>
              <div
                className="explore-progress"
                role="progressbar"
                aria-label="Exploring"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct}
              >
                <div style={{ width: `${pct}%` }} />
              </div>
              <span className="explore-progress-text mono">
                {props.progress
                  ? `${props.progress.done.toLocaleString('en-US')} / ${props.progress.total.toLocaleString('en-US')}`
                  : 'Building lookup tables…'}
              </span>
              <button type="button" className="btn" onClick={props.onCancel}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn primary" onClick={props.onRun}>
              Explore
            </button>
          )}
        </div>
      </div>
      <details className="explore-stages">
        <summary>Per-stage limits</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Modes</th>
              <th scope="col">S allowed</th>
              <th scope="col">G allowed</th>
            </tr>
          </thead>
          <tbody>
            {form.stages.map((st, i) => {
              const setStage = (patch: Partial<typeof st>) =>
                set({ stages: form.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
              return (
                <tr key={i}>
                  <th scope="row">{props.stageLabels[i]}</th>
                  <td>
                    <div className="explore-chips small">
                      {EXPLORE_MODES.map((m) => (
                        <button
                          key={m}
                          type="button"
                          className="explore-chip"
                          aria-pressed={st.modes.includes(m)}
                          aria-label={`Stage ${i + 1} ${m}`}
                          onClick={() => {
                            const next = toggle(st.modes, m);
                            if (next.length > 0) setStage({ modes: next });
                          }}
                        >
                          {MODE_LABEL[m]}
                        </button>
                      ))}
                    </div>
                  </td>
                  <td>
                    <input
                      className="explore-input small mono"
                      placeholder="any"
                      aria-label={`Stage ${i + 1} granularities`}
                      value={st.granularities}
                      onChange={(e) => setStage({ granularities: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="explore-input small mono"
                      placeholder="any"
                      aria-label={`Stage ${i + 1} group sizes`}
                      value={st.groupSizes}
                      onChange={(e) => setStage({ groupSizes: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </section>
  );
}
