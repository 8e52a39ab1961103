/// <reference lib="webworker" />
/** Runs a calibration fit off the page: parse the CSV, fit, post the report (or the error message). */
import { calibrate, parseMeasurementsCsv } from '../../../core/calibrate';
import type { HardwareParams } from '../../../core/predictor/hardware';
import type { CalibrationWorkerMessage } from './calibrationClient';

self.onmessage = (e: MessageEvent<{ csv: string; start: HardwareParams }>) => {
  const post = (m: CalibrationWorkerMessage) => self.postMessage(m);
  try {
    const parsed = parseMeasurementsCsv(e.data.csv);
    if (!parsed.ok) {
      post({ type: 'error', error: parsed.error });
      return;
    }
    post({ type: 'progress', phase: `fitting ${parsed.set.rows.length} measurements` });
    const res = calibrate(parsed.set, e.data.start, {
      learningCurve: false,
      onProgress: (phase) => post({ type: 'progress', phase }),
    });
    post(res.ok ? { type: 'done', report: res.report } : { type: 'error', error: res.error });
  } catch (err) {
    post({
      type: 'error',
      error: `calibration failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
};
