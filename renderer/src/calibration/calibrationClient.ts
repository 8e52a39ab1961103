/** Starts a calibration in its own Web Worker; cancelling terminates the worker. */
import type { CalibrationReport } from '../../../core/calibrate';
import type { HardwareParams } from '../../../core/predictor/hardware';

/** Messages of the calibration worker. */
export type CalibrationWorkerMessage =
  | { type: 'progress'; phase: string }
  | { type: 'done'; report: CalibrationReport }
  | { type: 'error'; error: string };

/** A running calibration. */
export interface CalibrationJob {
  cancel(): void;
}

/** Fits `start` to the measurements of `csv` in a worker; exactly one of onDone / onError is called. */
export function startCalibration(
  csv: string,
  start: HardwareParams,
  handlers: {
    onProgress: (phase: string) => void;
    onDone: (report: CalibrationReport) => void;
    onError: (error: string) => void;
  },
): CalibrationJob {
  const worker = new Worker(new URL('./calibration.worker.ts', import.meta.url), {
    type: 'module',
    name: 'calibration',
  });
  worker.onmessage = (e: MessageEvent<CalibrationWorkerMessage>) => {
    const m = e.data;
    if (m.type === 'progress') handlers.onProgress(m.phase);
    else {
      worker.terminate();
      if (m.type === 'done') handlers.onDone(m.report);
      else handlers.onError(m.error);
    }
  };
  worker.onerror = (e) => {
    worker.terminate();
    handlers.onError(`the calibration worker failed (${e.message || 'unknown error'})`);
  };
  worker.postMessage({ csv, start });
  return { cancel: () => worker.terminate() };
}
