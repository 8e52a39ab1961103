import type { StateCreator } from 'zustand/vanilla';
import type { StudioState } from './studioStore';
import type { Analysis, CurveSet, HardwareRow } from '../worker/types';
import type { StudioConfig } from '../../../core/config/schema';

export type ComputeStatus = 'idle' | 'busy' | 'error';

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
  /** Time of the last predictor round trip (worker), for the status bar. */
  lastComputeMs: number | null;
  setAnalysis: (
    analysis: Analysis,
    roundTripMs: number,
    revision: number,
    config: StudioConfig,
  ) => void;
  setCurves: (curves: CurveSet, config?: StudioConfig) => void;
  setHardwareRows: (rows: HardwareRow[], config?: StudioConfig) => void;
  setComputeStatus: (status: ComputeStatus, error?: string | null) => void;
}

export const createResultsSlice: StateCreator<StudioState, [], [], ResultsSlice> = (set) => ({
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
  setAnalysis: (analysis, lastComputeMs, analysisRevision, analysisConfig) =>
    set({
      analysis,
      lastComputeMs,
      analysisRevision,
      analysisConfig,
      status: 'idle',
      computeError: null,
    }),
  setCurves: (curves, config) => set({ curves, curvesConfig: config ?? null }),
  setHardwareRows: (hardwareRows, config) =>
    set({ hardwareRows, hardwareRowsConfig: config ?? null }),
  setComputeStatus: (status, computeError = null) => set({ status, computeError }),
});
