import type { StateCreator } from 'zustand';
import type { StudioState } from './index';
import type { Analysis, CurveSet, HardwareRow } from '../worker/types';

export type ComputeStatus = 'idle' | 'busy' | 'error';

export interface ResultsSlice {
  analysis: Analysis | null;
  /** `revision` of the configuration the analysis describes. */
  analysisRevision: number;
  curves: CurveSet | null;
  hardwareRows: HardwareRow[] | null;
  status: ComputeStatus;
  computeError: string | null;
  /** Time of the last predictor round trip (worker), for the status bar. */
  lastComputeMs: number | null;
  setAnalysis: (analysis: Analysis, roundTripMs: number, revision: number) => void;
  setCurves: (curves: CurveSet) => void;
  setHardwareRows: (rows: HardwareRow[]) => void;
  setComputeStatus: (status: ComputeStatus, error?: string | null) => void;
}

export const createResultsSlice: StateCreator<StudioState, [], [], ResultsSlice> = (set) => ({
  analysis: null,
  analysisRevision: -1,
  curves: null,
  hardwareRows: null,
  status: 'idle',
  computeError: null,
  lastComputeMs: null,
  setAnalysis: (analysis, lastComputeMs, analysisRevision) =>
    set({ analysis, lastComputeMs, analysisRevision, status: 'idle', computeError: null }),
  setCurves: (curves) => set({ curves }),
  setHardwareRows: (hardwareRows) => set({ hardwareRows }),
  setComputeStatus: (status, computeError = null) => set({ status, computeError }),
});
