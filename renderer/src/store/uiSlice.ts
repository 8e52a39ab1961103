import type { StateCreator } from 'zustand/vanilla';
import type { StudioState } from './studioStore';
import { pushNotice, type Notice, type NoticeOptions } from './notices';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ViewId =
  | 'curves'
  | 'breakdown'
  | 'theory'
  | 'hardware'
  | 'masks'
  | 'space'
  | 'set'
  | 'compare'
  | 'explore';
export type CurveScope = 'stage' | 'network';

export type { Notice, NoticeOptions } from './notices';

export interface UiSlice {
  theme: ThemePreference;
  activeView: ViewId;
  selectedStage: number;
  selectedBlock: string | null;
  curveScope: CurveScope;
  helpOpen: boolean;
  paletteOpen: boolean;
  notices: Notice[];
  setTheme: (theme: ThemePreference) => void;
  cycleTheme: () => void;
  setActiveView: (view: ViewId) => void;
  selectStage: (stage: number) => void;
  selectBlock: (key: string | null) => void;
  setCurveScope: (scope: CurveScope) => void;
  setHelpOpen: (open: boolean) => void;
  setPaletteOpen: (open: boolean) => void;
  /** Shows a notice (one per key: the same event and file never shows twice; see ./notices.ts). */
  notify: (kind: Notice['kind'], text: string, options?: NoticeOptions) => void;
  dismissNotice: (id: number) => void;
  resetLayout: () => void;
}

let nextNoticeId = 1;

export const createUiSlice: StateCreator<StudioState, [], [], UiSlice> = (set, get) => ({
  theme: 'system',
  activeView: 'curves',
  selectedStage: 0,
  selectedBlock: null,
  curveScope: 'stage',
  helpOpen: false,
  paletteOpen: false,
  notices: [],
  setTheme: (theme) => set({ theme }),
  cycleTheme: () => {
    const order: ThemePreference[] = ['system', 'light', 'dark'];
    const i = order.indexOf(get().theme);
    set({ theme: order[(i + 1) % order.length]! });
  },
  setActiveView: (activeView) => set({ activeView }),
  selectStage: (selectedStage) => set({ selectedStage }),
  selectBlock: (selectedBlock) => set({ selectedBlock }),
  setCurveScope: (curveScope) => set({ curveScope }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  notify: (kind, text, options = {}) =>
    set((s) => ({
      notices: pushNotice(s.notices, { id: nextNoticeId++, kind, text }, options, Date.now()),
    })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  resetLayout: () =>
    set({ activeView: 'curves', curveScope: 'stage', selectedStage: 0, selectedBlock: null }),
});
