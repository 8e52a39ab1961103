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
  hardwareRows: HardwareRow[] | null;
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
  setCurves: (curves: CurveSet) => void;
  setHardwareRows: (rows: HardwareRow[]) => void;
  setComputeStatus: (status: ComputeStatus, error?: string | null) => void;
}

export const createResultsSlice: StateCreator<StudioState, [], [], ResultsSlice> = (set) => ({
  analysis: null,
  analysisRevision: -1,
  analysisConfig: null,
  curves: null,
  hardwareRows: null,
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
  setCurves: (curves) => set({ curves }),
  setHardwareRows: (hardwareRows) => set({ hardwareRows }),
  setComputeStatus: (status, computeError = null) => set({ status, computeError }),
});
