import type { StateCreator } from 'zustand/vanilla';
import type { StudioState } from './studioStore';
import type { Analysis, CurveSet, HardwareRow } from '../worker/types';
import type { StudioConfig } from '../../../core/config/schema';

export type ComputeStatus = 'idle' | 'busy' | 'error';

/** Where the analysis on screen was computed: in the task of the change, or in the analysis worker. */
export type AnalysisSource = 'main' | 'worker';

/**
 * Computes the analysis of a configuration on the main thread, or returns null where the worker should
 * (see worker/mainThreadAnalysis.ts). The store calls it in the same update that changes the
 * configuration, so the configuration and its numbers land in one state, one commit, one paint.
 */
export type MainThreadCompute = (config: StudioConfig) => { analysis: Analysis; ms: number } | null;

export interface ResultsSlice {
  analysis: Analysis | null;
  /** `revision` of the configuration the analysis describes. */
  analysisRevision: number;
  /** The configuration the analysis describes (the live one may already be newer). */
  analysisConfig: StudioConfig | null;
  curves: CurveSet | null;
  /** The configuration the curves were computed for (null: unknown, e.g. set by a test). */
  curvesConfig: StudioConfig | null;
  hardwareRows: HardwareRow[] | null;
  /** The configuration the hardware rows describe (null: unknown). */
  hardwareRowsConfig: StudioConfig | null;
  status: ComputeStatus;
  computeError: string | null;
  /**
   * Time the last prediction took, for the status bar: the worker round trip, or the main-thread time
   * where it was computed in the task of the change (`analysisSource`).
   */
  lastComputeMs: number | null;
  /** Where the analysis was computed (null before the first). */
  analysisSource: AnalysisSource | null;
  setAnalysis: (
    analysis: Analysis,
    roundTripMs: number,
    revision: number,
    config: StudioConfig,
    source?: AnalysisSource,
  ) => void;
  setCurves: (curves: CurveSet, config?: StudioConfig) => void;
  setHardwareRows: (rows: HardwareRow[], config?: StudioConfig) => void;
  setComputeStatus: (status: ComputeStatus, error?: string | null) => void;
  /**
   * Lets every later configuration change compute its analysis on the main thread, in the same store
   * update, where `compute` can (null: the worker computes every analysis).
   */
  setMainThreadCompute: (compute: MainThreadCompute | null) => void;
}

/** The results slice; `setMainThreadCompute` is the store's (it wraps the store's updates). */
export const createResultsSlice =
  (
    setMainThreadCompute: (compute: MainThreadCompute | null) => void,
  ): StateCreator<StudioState, [], [], ResultsSlice> =>
  (set) => ({
    analysis: null,
    analysisRevision: -1,
    analysisConfig: null,
    curves: null,
    curvesConfig: null,
    hardwareRows: null,
    hardwareRowsConfig: null,
    status: 'idle',
    computeError: null,
    lastComputeMs: null,
    analysisSource: null,
    setAnalysis: (analysis, lastComputeMs, analysisRevision, analysisConfig, source = 'worker') =>
      set({
        analysis,
        lastComputeMs,
        analysisRevision,
        analysisConfig,
        analysisSource: source,
        status: 'idle',
        computeError: null,
      }),
    setCurves: (curves, config) => set({ curves, curvesConfig: config ?? null }),
    setHardwareRows: (hardwareRows, config) =>
      set({ hardwareRows, hardwareRowsConfig: config ?? null }),
    setComputeStatus: (status, computeError = null) => set({ status, computeError }),
    setMainThreadCompute,
  });
