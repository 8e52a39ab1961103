import { useEffect } from 'react';
import { resolveHardwareParams } from '../../../core/config/resolve';
import type { HardwareParams } from '../../../core/predictor/hardware';
import type { StudioConfig } from '../../../core/config/schema';
import { useStudio } from '../store';
import { latestOnly } from '../worker/latestOnly';
import { transformerWorker } from './tfClient';
import type { TfUiConfig } from './tfConfig';

/** What identifies the CNN being tuned (a custom architecture by its object). */
const modelKey = (config: StudioConfig): unknown =>
  config.model.kind === 'builtin' ? config.model.id : config.model.architecture;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Job {
  tf: TfUiConfig;
  hw: HardwareParams;
}

/**
 * Keeps the transformer's prediction, curves and hardware rows in step with its configuration and the
 * studio's hardware, computing them in the transformer worker (newest input only: a slider drag skips
 * the intermediate values). Mounted while a transformer is picked.
 */
export function useTransformerAnalysis(): void {
  useEffect(() => {
    const api = transformerWorker();
    const store = useStudio;
    const fail = (err: unknown) => store.getState().setTfStatus('error', message(err));
    const current = (job: Job) => store.getState().transformer === job.tf;
    const runPrediction = latestOnly(
      (job: Job) => api.analyze(job.tf, job.hw),
      (prediction, job, ms) => {
        if (current(job)) store.getState().setTfPrediction(prediction, job.tf, ms);
      },
      fail,
    );
    const runCurves = latestOnly(
      (job: Job) => api.curves(job.tf, job.hw),
      (curves, job) => {
        if (current(job)) store.getState().setTfCurves(curves);
      },
      () => store.getState().setTfCurves(null),
    );
    const runHardware = latestOnly(
      (job: Job) => api.hardwareRows(job.tf),
      (rows, job) => {
        if (current(job)) store.getState().setTfHardware(rows);
      },
      () => store.getState().setTfHardware(null),
    );
    let lastTf: TfUiConfig | null = null;
    let lastHardware: StudioConfig['hardware'] | null = null;
    const cnnModel = modelKey(store.getState().config);
    const update = () => {
      const { transformer: tf, config } = store.getState();
      // Another CNN came in (a file opened, a command, undo): show it rather than the transformer.
      if (tf && modelKey(config) !== cnnModel) {
        store.getState().setTransformer(null);
        return;
      }
      if (!tf || (tf === lastTf && config.hardware === lastHardware)) return;
      lastTf = tf;
      lastHardware = config.hardware;
      let hw: HardwareParams;
      try {
        hw = resolveHardwareParams(config);
      } catch (err) {
        fail(err);
        return;
      }
      store.getState().setTfStatus('busy');
      const job = { tf, hw };
      runPrediction(job);
      runCurves(job);
      runHardware(job);
    };
    update();
    return store.subscribe(update);
  }, []);
}
