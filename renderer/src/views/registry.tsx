import type { ComponentType, LazyExoticComponent } from 'react';
import type { ViewId } from '../store/uiSlice';
import { lazyNamed } from '../lazyChunk';
import { TRANSFORMER_VIEW_COMPONENTS, TRANSFORMER_VIEW_LABELS } from '../transformer/views';

export interface ViewEntry {
  id: ViewId;
  label: string;
  /** The view; a lazy one loads its chunk on first show (the app shows a loading state meanwhile). */
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Starts loading a lazy view's chunk ahead of its first show (tab hover, idle time). */
  preload?: () => Promise<unknown>;
}

// Every view is its own chunk: the first screen (header, controls, strip) never waits for charts,
// mask views or three.js, and a view's code is fetched when its tab is first shown or hovered.
const curves = lazyNamed(() => import('./curves/CurvesView'), 'CurvesView');
const breakdown = lazyNamed(() => import('./breakdown/BreakdownView'), 'BreakdownView');
const theory = lazyNamed(() => import('./theory/TheoryView'), 'TheoryView');
const hardware = lazyNamed(() => import('./hardware/HardwareView'), 'HardwareView');
const masks = lazyNamed(() => import('./masks/MasksView'), 'MasksView');
const space = lazyNamed(() => import('./space/SpaceView'), 'SpaceView');
const set = lazyNamed(() => import('./set/SetView'), 'SetView');
const compare = lazyNamed(() => import('./compare/CompareView'), 'CompareView');
const explore = lazyNamed<object, 'ExploreView'>(
  () => import('./explore/ExploreView'),
  'ExploreView',
);

/** The main area's views, in tab order (Alt+1… are the registry's `view.show-*` commands). */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'curves', label: 'Latency curves', ...curves },
  { id: 'breakdown', label: 'Per-block breakdown', ...breakdown },
  { id: 'theory', label: 'Theory vs practice', ...theory },
  { id: 'hardware', label: 'Hardware comparison', ...hardware },
  { id: 'masks', label: 'Masks over images', ...masks },
  { id: 'space', label: '3D view', ...space },
  { id: 'set', label: 'Image set', ...set },
  { id: 'compare', label: 'Compare', ...compare },
  { id: 'explore', label: 'Explore', ...explore },
];

/**
 * Views worth fetching once the first screen is up and the main thread is idle: the other chart views
 * (they share the curves' chart library) and the masks view (opening a dump shows it). The 3D view's
 * three.js is fetched only when its tab is hovered or shown.
 */
export const IDLE_PRELOAD: readonly ViewId[] = [
  'curves',
  'breakdown',
  'theory',
  'hardware',
  'masks',
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
  return component
    ? [{ id: v.id, label: TRANSFORMER_VIEW_LABELS[v.id] ?? v.label, component }]
    : [];
});
