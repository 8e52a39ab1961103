/**
 * State of the set view: the opened image set (its overview, computed in the set worker), where its
 * files come from (read lazily), progress while it is being built, and the per-image latency spread.
 * Like the mask slice, this is results, not document data: the session never persists it.
 */
import type { StateCreator } from 'zustand';
import type { OpenedFolder } from '../host/types';
import type { LatencySpread, SetOverview } from '../set/types';
import type { StudioState } from './index';

/** Progress of a set being opened (reading, building from dumps). */
export interface SetProgress {
  name: string;
  phase: string;
  done: number;
  total: number;
}

/** An opened set: the overview, and the folder its per-image dumps are read from on demand. */
interface OpenedSet {
  /** Increments per opened set; keys the worker's copy and late answers. */
  id: number;
  overview: SetOverview;
  source: OpenedFolder;
}

export interface SetSlice {
  imageSet: OpenedSet | null;
  setProgress: SetProgress | null;
  /** Per-image latency spread per hardware preset, for the current set (null until computed). */
  setSpread: LatencySpread | null;
  setSpreadBusy: boolean;
  setImageSet: (set: OpenedSet | null) => void;
  setSetProgress: (progress: SetProgress | null) => void;
  setSetSpread: (spread: LatencySpread | null) => void;
  setSetSpreadBusy: (busy: boolean) => void;
}

export const createSetSlice: StateCreator<StudioState, [], [], SetSlice> = (set) => ({
  imageSet: null,
  setProgress: null,
  setSpread: null,
  setSpreadBusy: false,
  setImageSet: (imageSet) => set({ imageSet, setSpread: null, setSpreadBusy: false }),
  setSetProgress: (setProgress) => set({ setProgress }),
  setSetSpread: (setSpread) => set({ setSpread }),
  setSetSpreadBusy: (setSpreadBusy) => set({ setSpreadBusy }),
});
