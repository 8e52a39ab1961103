import type { StateCreator } from 'zustand';
import type { CalibratedPreset } from '../calibration/calibratedPresets';
import type { StudioState } from './index';

/** Hardware presets calibrated on the user's device (persisted as user data) and the dialog state. */
export interface CalibrationSlice {
  calibratedPresets: CalibratedPreset[];
  calibrationOpen: boolean;
  /** Replaces the list (on load from storage). */
  setCalibratedPresets: (presets: CalibratedPreset[]) => void;
  addCalibratedPreset: (preset: CalibratedPreset) => void;
  removeCalibratedPreset: (id: string) => void;
  setCalibrationOpen: (open: boolean) => void;
}

export const createCalibrationSlice: StateCreator<StudioState, [], [], CalibrationSlice> = (
  set,
) => ({
  calibratedPresets: [],
  calibrationOpen: false,
  setCalibratedPresets: (calibratedPresets) => set({ calibratedPresets }),
  addCalibratedPreset: (preset) =>
    set((s) => ({
      calibratedPresets: [...s.calibratedPresets.filter((p) => p.id !== preset.id), preset],
    })),
  removeCalibratedPreset: (id) =>
    set((s) => ({ calibratedPresets: s.calibratedPresets.filter((p) => p.id !== id) })),
  setCalibrationOpen: (calibrationOpen) => set({ calibrationOpen }),
});
