import { useEffect, useMemo, useRef, useState } from 'react';
import type { CalibrationReport, ErrorSummary } from '../../../core/calibrate';
import { resolveHardwareParams } from '../../../core/config/resolve';
import { useStudio } from '../store';
import { setCustomHardware } from '../store/configEdits';
import { calibratedLabel, type CalibratedPreset } from './calibratedPresets';
import { startCalibration, type CalibrationJob } from './calibrationClient';
import { CalibrationScatter } from './CalibrationScatter';
import './calibration.css';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; phase: string }
  | { kind: 'error'; error: string }
  | { kind: 'done'; report: CalibrationReport };

const pct = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} %` : '—');

function Errors({ e }: { e: ErrorSummary }) {
  return (
    <>
      <td>{pct(e.medianAbsErrorPct)}</td>
      <td>{pct(e.worstAbsErrorPct)}</td>
      <td>{pct(e.within10Pct)}</td>
    </>
  );
}

function ErrorTable({ report }: { report: CalibrationReport }) {
  return (
    <table className="data calibration-table" data-testid="calibration-table">
      <thead>
        <tr>
          <th rowSpan={2}>Operator family</th>
          <th rowSpan={2}>Rows</th>
          <th colSpan={3}>Start preset</th>
          <th colSpan={3}>Fitted</th>
        </tr>
        <tr>
          <th>Median</th>
          <th>Worst</th>
          <th>±10 %</th>
          <th>Median</th>
          <th>Worst</th>
          <th>±10 %</th>
        </tr>
      </thead>
      <tbody>
        {report.families.map((f) => (
          <tr key={f.family}>
            <td>{f.family}</td>
            <td>{f.count}</td>
            <Errors e={f.before} />
            <Errors e={f.after} />
          </tr>
        ))}
        <tr className="total">
          <td>All rows</td>
          <td>{report.before.count}</td>
          <Errors e={report.before} />
          <Errors e={report.after} />
        </tr>
        <tr className="total" data-testid="calibration-heldout">
          <td>Held out (not fitted)</td>
          <td>{report.heldOut.count}</td>
          <Errors e={report.heldOutBefore} />
          <Errors e={report.heldOut} />
        </tr>
      </tbody>
    </table>
  );
}

/** Import measurements, fit the hardware parameters in a worker, inspect the errors, save as a preset. */
export function CalibrationDialog({ onClose }: { onClose: () => void }) {
  const config = useStudio((s) => s.config);
  const start = useMemo(() => resolveHardwareParams(config), [config]);
  const startLabel = config.hardware.kind === 'preset' ? config.hardware.id : config.hardware.label;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [fileName, setFileName] = useState('');
  const [name, setName] = useState('');
  const [which, setWhich] = useState<'before' | 'after'>('after');
  const job = useRef<CalibrationJob | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useEffect(() => () => job.current?.cancel(), []);
  useEffect(() => fileRef.current?.focus(), []);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    job.current?.cancel();
    setFileName(file.name);
    setName(`My GPU (${file.name.replace(/\.csv$/i, '')})`);
    setStatus({ kind: 'running', phase: 'reading the file' });
    const text = await file.text();
    job.current = startCalibration(text, start, {
      onProgress: (phase) => setStatus({ kind: 'running', phase }),
      onDone: (report) => setStatus({ kind: 'done', report }),
      onError: (error) => setStatus({ kind: 'error', error }),
    });
  };

  const save = () => {
    if (status.kind !== 'done' || name.trim() === '') return;
    const r = status.report;
    const preset: CalibratedPreset = {
      id: `cal-${Date.now().toString(36)}`,
      name: name.trim(),
      source: fileName,
      savedAt: new Date().toISOString(),
      params: r.hardware,
      heldOutMedianErrorPct: r.heldOut.medianAbsErrorPct,
      heldOutWithin10Pct: r.heldOut.within10Pct,
      rows: r.trainRows + r.heldOutRows,
    };
    const st = useStudio.getState();
    st.addCalibratedPreset(preset);
    st.editConfig((c) => setCustomHardware(c, calibratedLabel(preset), preset.params));
    st.notify('info', `Saved and selected the calibrated preset "${preset.name}".`);
    onClose();
  };

  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog wide-dialog calibration-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="calibration-title"
        data-testid="calibration-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="calibration-title">Calibrate the latency model to your device</h2>
        <p className="hint">
          Import a CSV written by <code>tools/latency-bench/bench.py</code>. The fit starts from the
          selected hardware ({startLabel}), keeps its SM count and fits clock, lanes, DRAM
          bandwidth, L2 factor, latency-hiding depth and launch overhead; one row in five is held
          out to measure the error on rows the fit never saw.
        </p>
        <div className="button-row calibration-import">
          <label className="btn primary">
            Import measurements…
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              data-testid="calibration-file"
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
          </label>
          <span className="mono calibration-file-name">{fileName || 'No file yet'}</span>
        </div>
        {status.kind === 'running' ? (
          <p className="hint" role="status" data-testid="calibration-progress">
            Fitting in the background: {status.phase}…
          </p>
        ) : null}
        {status.kind === 'error' ? (
          <pre className="calibration-error" role="alert" data-testid="calibration-error">
            {status.error}
          </pre>
        ) : null}
        {status.kind === 'done' ? (
          <>
            <p className="calibration-summary" data-testid="calibration-summary">
              Held-out rows: median error{' '}
              <strong>{pct(status.report.heldOutBefore.medianAbsErrorPct)}</strong> before,{' '}
              <strong>{pct(status.report.heldOut.medianAbsErrorPct)}</strong> after;{' '}
              <strong>{pct(status.report.heldOut.within10Pct)}</strong> within ±10 % (
              {status.report.trainRows} rows fitted, {status.report.heldOutRows} held out).
            </p>
            <div className="segmented" role="group" aria-label="Predictions shown">
              <button
                type="button"
                className="btn small"
                aria-pressed={which === 'after'}
                onClick={() => setWhich('after')}
              >
                Fitted
              </button>
              <button
                type="button"
                className="btn small"
                aria-pressed={which === 'before'}
                onClick={() => setWhich('before')}
              >
                Start preset
              </button>
            </div>
            <CalibrationScatter points={status.report.points} which={which} />
            <ErrorTable report={status.report} />
          </>
        ) : null}
        <div className="dialog-actions">
          {status.kind === 'done' ? (
            <>
              <label className="calibration-name">
                Preset name
                <input
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  data-testid="calibration-name"
                />
              </label>
              <button
                type="button"
                className="btn primary"
                disabled={name.trim() === ''}
                onClick={save}
                data-testid="calibration-save"
              >
                Save as hardware preset
              </button>
            </>
          ) : null}
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
