import type { ComponentType } from 'react';
import type { ViewId } from '../store/uiSlice';
import { CurvesView } from './curves/CurvesView';
import { BreakdownView } from './breakdown/BreakdownView';
import { TheoryView } from './theory/TheoryView';
import { HardwareView } from './hardware/HardwareView';
import { MasksView } from './masks/MasksView';
import { SpaceView } from './space/SpaceView';
import { SetView } from './set/SetView';
import { TRANSFORMER_VIEW_COMPONENTS, TRANSFORMER_VIEW_LABELS } from '../transformer/views';
import { CompareView } from './compare/CompareView';
import { ExploreView } from './explore/ExploreView';

export interface ViewEntry {
  id: ViewId;
  label: string;
  component: ComponentType;
}

/** The main area's views, in tab order (Alt+1… are the registry's `view.show-*` commands). */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'curves', label: 'Latency curves', component: CurvesView },
  { id: 'breakdown', label: 'Per-block breakdown', component: BreakdownView },
  { id: 'theory', label: 'Theory vs practice', component: TheoryView },
  { id: 'hardware', label: 'Hardware comparison', component: HardwareView },
  { id: 'masks', label: 'Masks over images', component: MasksView },
  { id: 'space', label: '3D view', component: SpaceView },
  { id: 'set', label: 'Image set', component: SetView },
  { id: 'compare', label: 'Compare', component: CompareView },
  { id: 'explore', label: 'Explore', component: ExploreView },
];

/**
 * The views offered for the picked model: every view for a CNN; for a transformer (issue 18) the views
 * with a transformer counterpart, showing it.
 */
export function viewsFor(transformer: boolean): readonly ViewEntry[] {
  return transformer ? TRANSFORMER_VIEWS : VIEWS;
}

const TRANSFORMER_VIEWS: readonly ViewEntry[] = VIEWS.flatMap((v) => {
  const component = TRANSFORMER_VIEW_COMPONENTS[v.id];
  return component ? [{ ...v, label: TRANSFORMER_VIEW_LABELS[v.id] ?? v.label, component }] : [];
});
