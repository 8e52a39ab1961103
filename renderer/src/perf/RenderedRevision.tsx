import { memo, useLayoutEffect, useRef } from 'react';
import { useStudio } from '../store';

/**
 * Writes `data-rendered-revision` on the element around it (the app's root) once the commit that renders
 * the analysis of that configuration revision is in the DOM: every view on screen has rendered it (one
 * store state, one React commit). The slider benchmark waits for it. Reading the revision here, not in the
 * app's root, keeps a result from re-rendering the whole tree.
 */
export const RenderedRevision = memo(function RenderedRevision() {
  const revision = useStudio((s) => s.analysisRevision);
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const root = ref.current?.parentElement;
    if (root) root.dataset.renderedRevision = String(revision);
  }, [revision]);
  return <span ref={ref} hidden />;
});
