/**
 * Configurations pinned for the compare view: up to {@link MAX_PINNED} snapshots (the current
 * configuration, saved files, explorer points), each with a label. Pins are copies: editing the
 * configuration afterwards does not change a pin. Results, not document data: the session does not
 * persist them.
 */
import type { StateCreator } from 'zustand';
import type { StudioConfig } from '../../../core/config/schema';
import type { StudioState } from './index';

/** The compare view shows at most this many configurations side by side. */
export const MAX_PINNED = 4;

/** Where a pinned configuration came from (shown next to its label). */
export type PinSource = 'current' | 'file' | 'explorer';

/** One pinned configuration. */
export interface PinnedConfig {
  /** Unique per session; keys list items and chart series. */
  id: number;
  label: string;
  source: PinSource;
  config: StudioConfig;
}

/** The outcome of a pin: the new pin, or why nothing was pinned (the list is full). */
export type PinResult = { ok: true; pin: PinnedConfig } | { ok: false; error: string };

export interface CompareSlice {
  pinned: PinnedConfig[];
  /**
   * Pins a copy of `config` under `label` (a blank label becomes "Configuration N"). Refuses, with a
   * message, when {@link MAX_PINNED} configurations are already pinned.
   */
  pinToCompare: (config: StudioConfig, label: string, source?: PinSource) => PinResult;
  unpinCompare: (id: number) => void;
  renameCompare: (id: number, label: string) => void;
  clearCompare: () => void;
}

let nextPinId = 1;

export const createCompareSlice: StateCreator<StudioState, [], [], CompareSlice> = (set, get) => ({
  pinned: [],
  pinToCompare: (config, label, source = 'explorer') => {
    const pinned = get().pinned;
    if (pinned.length >= MAX_PINNED) {
      return {
        ok: false,
        error: `compare holds at most ${MAX_PINNED} configurations: unpin one first`,
      };
    }
    const name = label.trim().slice(0, 80) || `Configuration ${pinned.length + 1}`;
    const pin: PinnedConfig = {
      id: nextPinId++,
      label: name,
      source,
      config: structuredClone(config),
    };
    set({ pinned: [...pinned, pin] });
    return { ok: true, pin };
  },
  unpinCompare: (id) => set({ pinned: get().pinned.filter((p) => p.id !== id) }),
  renameCompare: (id, label) =>
    set({
      pinned: get().pinned.map((p) =>
        p.id === id ? { ...p, label: label.trim().slice(0, 80) || p.label } : p,
      ),
    }),
  clearCompare: () => set({ pinned: [] }),
});
