import { wrap, type Remote } from 'comlink';
import { useEffect } from 'react';
import type { StudioConfig } from '../../../core/config/schema';
import { analysisWorkerInstance } from '../boot';
import { useStudio } from '../store';
import { hardwareRowsOnMain } from '../views/hardware/rowsOnMain';
import type { AnalysisWorkerApi } from './analysis.worker';
import { applyInFrame } from './frameBatch';
import { latestOnly } from './latestOnly';

let remote: Remote<AnalysisWorkerApi> | null = null;
let background: Remote<AnalysisWorkerApi> | null = null;

/**
 * The analysis worker (created on first use): the prediction of the live configuration, and the solvers.
 * Curves and the hardware comparison run in {@link backgroundWorker}, so a prediction never waits
 * behind them (the first number on screen, and every rate change while curves are recomputed).
 */
export function analysisWorker(): Remote<AnalysisWorkerApi> {
  remote ??= wrap<AnalysisWorkerApi>(analysisWorkerInstance()); // started by the page's first script
  return remote;
}

/** A second instance of the analysis worker for the slower jobs: curves and hardware rows. */
function backgroundWorker(): Remote<AnalysisWorkerApi> {
  background ??= wrap<AnalysisWorkerApi>(
    new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'curves',
    }),
  );
  return background;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Curves depend on everything but the rates, so a rate drag re-uses them and only moves the marker. */
export function curvesKey(config: StudioConfig, scope: string, stage: number): string {
  const { targetRate: _t, blockRates: _b, stages, ...rest } = config;
  return JSON.stringify([
    rest,
    stages.map((s) => [s.mode, s.spatialGranularity, s.channelGroupSize]),
    scope,
    stage,
  ]);
}

/**
 * Keeps the store's analysis, curves and hardware rows in step with the configuration, computing them in
 * the worker. Only the newest configuration is computed; results of superseded ones are dropped.
 */
export function useAnalysis(): void {
  useEffect(() => {
    const api = analysisWorker();
    const store = useStudio;
    // Results reach the store at the next frame, together, so one React commit shows them all.
    const runAnalysis = latestOnly(
      (input: { config: StudioConfig; revision: number }) => api.analyze(input.config),
      (analysis, input, ms) =>
        applyInFrame('analysis', () => {
          if (store.getState().config === input.config)
            store.getState().setAnalysis(analysis, ms, input.revision, input.config);
        }),
      (err) => store.getState().setComputeStatus('error', message(err)),
    );
    let lastCurvesKey = '';
    const runCurves = latestOnly(
      (input: { config: StudioConfig; scope: 'stage' | 'network'; stage: number; key: string }) =>
        backgroundWorker().curves(input.config, input.scope, input.stage),
      (curves, input) =>
        applyInFrame('curves', () => store.getState().setCurves(curves, input.config)),
      (err) => store.getState().notify('error', `Latency curves failed: ${message(err)}`),
    );
    let lastHardwareConfig: StudioConfig | null = null;
    // Rows computed on the main thread for a later change supersede the worker's older ones.
    let hardwareSeq = 0;
    let mainRowsSeq = -1;
    const runHardware = latestOnly(
      (job: { config: StudioConfig; seq: number }) => backgroundWorker().hardwareRows(job.config),
      (rows, job) =>
        applyInFrame('hardware', () => {
          if (job.seq > mainRowsSeq) store.getState().setHardwareRows(rows, job.config);
        }),
      (err) => store.getState().notify('error', `Hardware comparison failed: ${message(err)}`),
    );

    const update = () => {
      const s = store.getState();
      if (s.status !== 'busy') s.setComputeStatus('busy');
      runAnalysis({ config: s.config, revision: s.revision });
      const key = curvesKey(s.config, s.curveScope, s.selectedStage);
      if (key !== lastCurvesKey) {
        lastCurvesKey = key;
        runCurves({ config: s.config, scope: s.curveScope, stage: s.selectedStage, key });
      }
      if (s.activeView === 'hardware' && lastHardwareConfig !== s.config) {
        lastHardwareConfig = s.config;
        // On the main thread when warm and cheap, so the rows land in the header's frame.
        const seq = ++hardwareSeq;
        const rows = hardwareRowsOnMain(s.config);
        if (rows) {
          mainRowsSeq = seq;
          s.setHardwareRows(rows, s.config);
        } else runHardware({ config: s.config, seq });
      }
    };
    update();
    return store.subscribe((state, prev) => {
      if (
        state.config !== prev.config ||
        state.curveScope !== prev.curveScope ||
        state.selectedStage !== prev.selectedStage ||
        state.activeView !== prev.activeView
      ) {
        if (
          state.config === prev.config &&
          state.activeView !== prev.activeView &&
          state.activeView !== 'hardware'
        )
          return;
        update();
      }
    });
  }, []);
}
