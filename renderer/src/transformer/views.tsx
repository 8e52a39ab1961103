/**
 * The main area's views while a transformer is picked, keyed by the CNN view ids they stand in for
 * ("Theory vs practice" and "Image set" have no transformer counterpart and are not offered). Each is
 * loaded on first use, behind its own Suspense boundary.
 */
import { Suspense, lazy, type ComponentType } from 'react';

function lazyView(load: () => Promise<ComponentType>): ComponentType {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function TransformerView() {
    return (
      <Suspense fallback={<p className="hint">Loading…</p>}>
        <Lazy />
      </Suspense>
    );
  };
}

export const TRANSFORMER_VIEW_COMPONENTS: Partial<Record<string, ComponentType>> = {
  curves: lazyView(async () => (await import('./TfCurvesView')).TfCurvesView),
  breakdown: lazyView(async () => (await import('./TfBreakdownView')).TfBreakdownView),
  hardware: lazyView(async () => (await import('./TfHardwareView')).TfHardwareView),
  masks: lazyView(async () => (await import('./TfMasksView')).TfMasksView),
  space: lazyView(async () => (await import('./TfSpaceView')).TfSpaceView),
};

/** Tab labels that differ from the CNN views'. */
export const TRANSFORMER_VIEW_LABELS: Partial<Record<string, string>> = {
  masks: 'Token masks',
};
