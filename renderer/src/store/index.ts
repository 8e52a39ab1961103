import { create } from 'zustand';
import { defaultConfig } from '../../../core/config/defaults';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createMasksSlice, type MasksSlice } from './masksSlice';
import { createSetSlice, type SetSlice } from './setSlice';

export type StudioState = ConfigSlice & UiSlice & ResultsSlice & MasksSlice & SetSlice;

/** Builds a store (the app has one; tests build their own). */
export function createStudioStore(initial = defaultConfig()) {
  return create<StudioState>()((...a) => ({
    ...createConfigSlice(initial)(...a),
    ...createUiSlice(...a),
    ...createResultsSlice(...a),
    ...createMasksSlice(...a),
    ...createSetSlice(...a),
  }));
}

export type StudioStore = ReturnType<typeof createStudioStore>;

/** The application's store. */
export const useStudio = createStudioStore();
