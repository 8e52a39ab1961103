import { wrap, type Remote } from 'comlink';
import { useEffect } from 'react';
import type { StudioConfig } from '../../../core/config/schema';
import { analysisWorkerInstance } from '../boot';
import { useStudio } from '../store';
import { hardwareRowsOnMain } from '../views/hardware/rowsOnMain';
import type { AnalysisWorkerApi } from './analysis.worker';
import { applyInFrame } from './frameBatch';
import { latestOnly } from './latestOnly';
import { curvesKey } from './curvesKey';
import { createMainThreadAnalyzer } from './mainThreadAnalysis';
import { applyWorkerAnalysis } from './applyAnalysis';
import { afterFirstNumber } from '../firstNumber';

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

/** The page's main-thread analyzer: which shapes are warm here (see mainThreadAnalysis.ts). */
const mainThread = createMainThreadAnalyzer();

/** A prediction from the worker shows "Predicting…" only when it takes longer than this, ms. */
const BUSY_DELAY_MS = 150;
/** A cold shape warms up on the main thread once the configuration has not changed for this long, ms. */
const WARM_UP_QUIET_MS = 300;

/**
 * Keeps the store's analysis, curves and hardware rows in step with the configuration. The analysis is
 * computed on the main thread, in the store update that changes the configuration, where that is cheap
 * (mainThreadAnalysis.ts), and in the worker otherwise; curves and hardware rows always in a worker. Only
 * the newest configuration is computed; results of superseded ones are dropped.
 */
export function useAnalysis(): void {
  useEffect(() => {
    const api = analysisWorker();
    const store = useStudio;
    store.getState().setMainThreadCompute(mainThread.now);
    let busyTimer: ReturnType<typeof setTimeout> | undefined;
    let lastChangeAt = performance.now();
    let warmUpScheduled = false;
    // Warms the live configuration's shape up on the main thread when the user has paused: its first
    // computation there is cold (tens to hundreds of ms), so it never runs during a drag.
    const scheduleWarmUp = () => {
      if (warmUpScheduled) return;
      warmUpScheduled = true;
      const attempt = () => {
        const quietFor = performance.now() - lastChangeAt;
        if (quietFor < WARM_UP_QUIET_MS) {
          setTimeout(attempt, WARM_UP_QUIET_MS - quietFor);
          return;
        }
        const run = () => {
          warmUpScheduled = false;
          if (performance.now() - lastChangeAt < WARM_UP_QUIET_MS) return scheduleWarmUp();
          const config = store.getState().config;
          if (mainThread.needsWarmUp(config)) mainThread.warm(config);
        };
        if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
        else run();
      };
      setTimeout(attempt, WARM_UP_QUIET_MS);
    };
    // Worker results reach the store at the next frame, together, so one React commit shows them all.
    const runAnalysis = latestOnly(
      (input: { config: StudioConfig; revision: number }) => api.analyze(input.config),
      (analysis, input, ms) =>
        applyInFrame('analysis', () => void applyWorkerAnalysis(store, analysis, input, ms)),
      (err) => store.getState().setComputeStatus('error', message(err)),
    );
    let lastCurvesKey = '';
    const runCurves = latestOnly(
      // The curves' worker starts after the first number, not beside it (both compete for the cores).
      (input: { config: StudioConfig; scope: 'stage' | 'network'; stage: number; key: string }) =>
        afterFirstNumber().then(() =>
          backgroundWorker().curves(input.config, input.scope, input.stage),
        ),
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
      lastChangeAt = performance.now();
      clearTimeout(busyTimer);
      if (s.analysisConfig !== s.config) {
        // Not computed on the main thread with the change: the worker computes it. "Predicting…" shows
        // only if the answer is slow, so a quick answer changes the status bar once, not twice.
        const config = s.config;
        busyTimer = setTimeout(() => {
          const now = store.getState();
          if (now.config === config && now.analysisConfig !== config && now.status === 'idle')
            now.setComputeStatus('busy');
        }, BUSY_DELAY_MS);
        runAnalysis({ config, revision: s.revision });
      }
      if (mainThread.needsWarmUp(s.config)) scheduleWarmUp();
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
    const unsubscribe = store.subscribe((state, prev) => {
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
    return () => {
      unsubscribe();
      clearTimeout(busyTimer);
      store.getState().setMainThreadCompute(null);
    };
  }, []);
}
