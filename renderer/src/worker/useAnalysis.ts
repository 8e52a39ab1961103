import { wrap, type Remote } from 'comlink';
import { useEffect } from 'react';
import type { StudioConfig } from '../../../core/config/schema';
import { useStudio } from '../store';
import type { AnalysisWorkerApi } from './analysis.worker';
import { latestOnly } from './latestOnly';

let remote: Remote<AnalysisWorkerApi> | null = null;

/** The shared analysis worker (created on first use). */
export function analysisWorker(): Remote<AnalysisWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'analysis',
    });
    remote = wrap<AnalysisWorkerApi>(worker);
  }
  return remote;
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
    const runAnalysis = latestOnly(
      (input: { config: StudioConfig; revision: number }) => api.analyze(input.config),
      (analysis, input, ms) => {
        if (store.getState().config === input.config)
          store.getState().setAnalysis(analysis, ms, input.revision, input.config);
      },
      (err) => store.getState().setComputeStatus('error', message(err)),
    );
    let lastCurvesKey = '';
    const runCurves = latestOnly(
      (input: { config: StudioConfig; scope: 'stage' | 'network'; stage: number; key: string }) =>
        api.curves(input.config, input.scope, input.stage),
      (curves, input) => store.getState().setCurves(curves, input.config),
      (err) => store.getState().notify('error', `Latency curves failed: ${message(err)}`),
    );
    let lastHardwareConfig: StudioConfig | null = null;
    const runHardware = latestOnly(
      (config: StudioConfig) => api.hardwareRows(config),
      (rows, config) => store.getState().setHardwareRows(rows, config),
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
        runHardware(s.config);
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
