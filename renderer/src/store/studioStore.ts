/**
 * The studio's state as a vanilla zustand store: no React, so workers, tests and scripts can build and
 * drive one (`createStudioStore()`); `index.ts` binds the application's instance to React.
 */
import { createStore } from 'zustand/vanilla';
import { defaultConfig } from '../../../core/config/defaults';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createMasksSlice, type MasksSlice } from './masksSlice';
import { createResultsSlice, type MainThreadCompute, type ResultsSlice } from './resultsSlice';
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

type Update = Partial<StudioState> | StudioState;

/**
 * Builds a store of all slices (the app has one; tests build their own, each with its own history).
 * Every update that replaces the configuration (an edit, undo, open, a restored session) also carries
 * its analysis where the main-thread compute gives one ({@link ResultsSlice.setMainThreadCompute}): one
 * state change, so subscribers and React see the configuration and its numbers together.
 */
export function createStudioStore(initial = defaultConfig()) {
  let compute: MainThreadCompute | null = null;
  const withAnalysis = (state: StudioState, next: Update): Update => {
    if (!compute || next === state || next.config === undefined || next.config === state.config)
      return next;
    const result = compute(next.config);
    if (!result) return next;
    return {
      ...next,
      analysis: result.analysis,
      lastComputeMs: result.ms,
      analysisRevision: next.revision ?? state.revision,
      analysisConfig: next.config,
      analysisSource: 'main',
      status: 'idle',
      computeError: null,
    };
  };
  return createStore<StudioState>()((rawSet, get, api) => {
    const set = ((partial: Update | ((state: StudioState) => Update), replace?: boolean) => {
      const update = (state: StudioState) =>
        withAnalysis(state, typeof partial === 'function' ? partial(state) : partial);
      if (replace) rawSet(update as (state: StudioState) => StudioState, true);
      else rawSet(update);
    }) as typeof rawSet;
    api.setState = set; // also for updates from outside the slices (useStudio.setState)
    const a = [set, get, api] as const;
    return {
      ...createConfigSlice(initial)(...a),
      ...createUiSlice(...a),
      ...createResultsSlice((fn) => {
        compute = fn;
      })(...a),
      ...createMasksSlice(...a),
      ...createCalibrationSlice(...a),
      ...createSetSlice(...a),
      ...createTransformerSlice(...a),
      ...createLiveSlice(...a),
      ...createCompareSlice(...a),
    };
  });
}

export type StudioStore = ReturnType<typeof createStudioStore>;
