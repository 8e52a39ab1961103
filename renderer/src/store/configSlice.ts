import type { StateCreator } from 'zustand/vanilla';
import type { StudioConfig } from '../../../core/config/schema';
import type { StudioState } from './studioStore';

/** Undo history depth; older states are dropped. */
const HISTORY_LIMIT = 200;
/** Edits with the same coalescing key within this window form one undo step (slider drags). */
const COALESCE_MS = 800;

export interface ConfigSlice {
  config: StudioConfig;
  /** Name of the file the configuration came from or was saved to (null: never saved). */
  fileName: string | null;
  /** True when the configuration changed since it was opened or saved. */
  dirty: boolean;
  /** Increases with every change of `config` (lets results say which configuration they describe). */
  revision: number;
  past: StudioConfig[];
  future: StudioConfig[];
  /**
   * The last coalescing edit (key and time): history state, so each store has its own and two stores
   * (the app's, a test's, a worker's) never merge each other's edits.
   */
  lastCoalesce: { key: string; at: number } | null;
  /** Applies an edit as one undoable step (or merges it into the previous one with the same key). */
  editConfig: (edit: (config: StudioConfig) => StudioConfig, coalesceKey?: string) => void;
  /** Replaces the whole configuration (open, new, adopt a dump) as one undoable step. */
  replaceConfig: (config: StudioConfig, fileName?: string | null) => void;
  markSaved: (fileName: string) => void;
  undo: () => void;
  redo: () => void;
}

export function createConfigSlice(
  initial: StudioConfig,
): StateCreator<StudioState, [], [], ConfigSlice> {
  return (set, get) => ({
    config: initial,
    fileName: null,
    dirty: false,
    revision: 0,
    past: [],
    future: [],
    lastCoalesce: null,
    editConfig: (edit, coalesceKey) => {
      const before = get().config;
      const after = edit(before);
      if (after === before) return;
      const now = Date.now();
      const last = get().lastCoalesce;
      const merge =
        coalesceKey !== undefined &&
        last !== null &&
        last.key === coalesceKey &&
        now - last.at < COALESCE_MS &&
        get().past.length > 0;
      set((s) => ({
        lastCoalesce: coalesceKey === undefined ? null : { key: coalesceKey, at: now },
        config: after,
        past: merge ? s.past : [...s.past, before].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
        revision: s.revision + 1,
      }));
    },
    replaceConfig: (config, fileName) => {
      set((s) => ({
        lastCoalesce: null,
        config,
        past: [...s.past, s.config].slice(-HISTORY_LIMIT),
        future: [],
        fileName: fileName === undefined ? s.fileName : fileName,
        dirty: fileName === undefined,
        revision: s.revision + 1,
      }));
    },
    markSaved: (fileName) => set({ fileName, dirty: false }),
    undo: () => {
      const { past, config, future } = get();
      const previous = past[past.length - 1];
      if (!previous) return;
      set((s) => ({
        lastCoalesce: null,
        config: previous,
        past: past.slice(0, -1),
        future: [config, ...future],
        dirty: true,
        revision: s.revision + 1,
      }));
    },
    redo: () => {
      const { past, config, future } = get();
      const next = future[0];
      if (!next) return;
      set((s) => ({
        lastCoalesce: null,
        config: next,
        past: [...past, config],
        future: future.slice(1),
        dirty: true,
        revision: s.revision + 1,
      }));
    },
  });
}
