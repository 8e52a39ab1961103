import { useStore } from 'zustand';
import { createStudioStore, type StudioState, type StudioStore } from './studioStore';

export { createStudioStore, type StudioState, type StudioStore } from './studioStore';

/** The application's store (vanilla). */
const studioStore = createStudioStore();

/** Reads the application's store from a component (re-renders when the selected value changes). */
function useStudioState(): StudioState;
function useStudioState<T>(selector: (state: StudioState) => T): T;
function useStudioState<T>(selector?: (state: StudioState) => T): T | StudioState {
  return useStore<StudioStore, T | StudioState>(studioStore, selector ?? whole);
}

const whole = (state: StudioState): StudioState => state;

/**
 * The application's store bound to React: `useStudio(selector)` in components, and the vanilla API
 * (`useStudio.getState()`, `setState`, `subscribe`) everywhere else.
 */
export const useStudio = Object.assign(useStudioState, studioStore);
