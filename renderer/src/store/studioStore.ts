/**
 * The studio's state as a vanilla zustand store: no React, so workers, tests and scripts can build and
 * drive one (`createStudioStore()`); `index.ts` binds the application's instance to React.
 */
import { createStore } from 'zustand/vanilla';
import { defaultConfig } from '../../../core/config/defaults';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createMasksSlice, type MasksSlice } from './masksSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createCalibrationSlice, type CalibrationSlice } from './calibrationSlice';
import { createSetSlice, type SetSlice } from './setSlice';
import { createTransformerSlice, type TransformerSlice } from './transformerSlice';
import { createLiveSlice, type LiveSlice } from '../live/liveSlice';
import { createCompareSlice, type CompareSlice } from './compareSlice';

export type StudioState = ConfigSlice &
  UiSlice &
  ResultsSlice &
  MasksSlice &
  CalibrationSlice &
  SetSlice &
  TransformerSlice &
  LiveSlice &
  CompareSlice;

/** Builds a store of all slices (the app has one; tests build their own, each with its own history). */
export function createStudioStore(initial = defaultConfig()) {
  return createStore<StudioState>()((...a) => ({
    ...createConfigSlice(initial)(...a),
    ...createUiSlice(...a),
    ...createResultsSlice(...a),
    ...createMasksSlice(...a),
    ...createCalibrationSlice(...a),
    ...createSetSlice(...a),
    ...createTransformerSlice(...a),
    ...createLiveSlice(...a),
    ...createCompareSlice(...a),
  }));
}

export type StudioStore = ReturnType<typeof createStudioStore>;
