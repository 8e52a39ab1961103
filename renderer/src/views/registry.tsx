import type { ComponentType } from 'react';
import type { ViewId } from '../store/uiSlice';
import { CurvesView } from './curves/CurvesView';
import { BreakdownView } from './breakdown/BreakdownView';
import { TheoryView } from './theory/TheoryView';
import { HardwareView } from './hardware/HardwareView';
import { MasksView } from './masks/MasksView';
import { SpaceView } from './space/SpaceView';
import { SetView } from './set/SetView';

export interface ViewEntry {
  id: ViewId;
  label: string;
  /** Keyboard shortcut digit (Alt+digit). */
  digit: number;
  component: ComponentType;
}

/** The main area's views, in tab order. */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'curves', label: 'Latency curves', digit: 1, component: CurvesView },
  { id: 'breakdown', label: 'Per-block breakdown', digit: 2, component: BreakdownView },
  { id: 'theory', label: 'Theory vs practice', digit: 3, component: TheoryView },
  { id: 'hardware', label: 'Hardware comparison', digit: 4, component: HardwareView },
  { id: 'masks', label: 'Masks over images', digit: 5, component: MasksView },
  { id: 'space', label: '3D view', digit: 6, component: SpaceView },
  { id: 'set', label: 'Image set', digit: 7, component: SetView },
];
