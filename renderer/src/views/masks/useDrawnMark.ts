import { useEffect, type RefObject } from 'react';
import { useStudio } from '../../store';
import type { MaskResult } from '../../store/masksSlice';
import type { ShownMasks } from './selection';

/**
 * Records which masks are drawn, once the canvases of a commit have been painted into: a parent's passive
 * effect runs after its children's, so by then the overlay and the filmstrip's rows on screen have
 * drawn (a row out of view catches up before a scroll or resize shows it: controls/offScreenSet.ts). Sets
 * `data-drawn-source` / `data-drawn-image` on the view's root (the dump-open benchmark and the e2e tests
 * wait for them) and a `laudnet:masks-drawn` performance mark, when the source or the image changes
 * (new masks of the same source and image, e.g. at each rate change, write and mark nothing: the
 * attributes would not change). `root`: the view's root element.
 */
export function useDrawnMark(
  root: RefObject<HTMLDivElement | null>,
  source: ShownMasks['source'] | null,
  result: MaskResult | null,
): void {
  const imageId = useStudio((s) => s.maskImage?.id ?? null);
  const drawn = result !== null;
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    if (!source || !drawn || imageId === null) {
      el.removeAttribute('data-drawn-source');
      el.removeAttribute('data-drawn-image');
      return;
    }
    el.setAttribute('data-drawn-source', source);
    el.setAttribute('data-drawn-image', String(imageId));
    performance.mark('laudnet:masks-drawn', { detail: { source, imageId } });
  }, [root, source, drawn, imageId]);
}
