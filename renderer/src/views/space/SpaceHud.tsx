import { useLayoutEffect, useRef } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { textNodeOf, writeText } from '../../components/figureWriter';
import { useStudio, type StudioState } from '../../store';
import { formatMaskRate, headlineRate, shownBlock, shownMasks } from '../masks/selection';

/** The block the 3D view's line names (the detail views' block), or null with no masks. */
function hudBlock(state: StudioState): BlockMaskSet | null {
  const masks = shownMasks(state);
  return masks ? shownBlock(masks.result.blocks, state.selectedStage, state.selectedBlock) : null;
}

/** What follows the block's name: its rate as the masks have it, or that it is dense. */
export function hudRateText(block: BlockMaskSet): string {
  const rate = headlineRate(block);
  return rate !== null ? ` · ${formatMaskRate(rate)}` : ' · dense';
}

/**
 * The block's rate, written into its own text node on every store change where it differs: a rate
 * change brings new masks, and re-rendering the line for a few characters would cost a React render
 * and commit per change while the 3D view is dragged.
 */
function LiveRate() {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const node = textNodeOf(el);
    const write = (state: StudioState) => {
      const block = hudBlock(state);
      if (block) writeText(node, hudRateText(block));
    };
    write(useStudio.getState());
    return useStudio.subscribe(write);
  }, []);
  return <span ref={ref} />;
}

/**
 * The line over the 3D canvas: the selected block and its rate. It re-renders only when the block or
 * whether there are masks changes; the rate is written by {@link LiveRate}.
 */
export function SpaceHud() {
  const key = useStudio((s) => hudBlock(s)?.key ?? null);
  const computing = useStudio((s) => shownMasks(s) === null);
  return (
    <div className="space-hud" aria-live="polite">
      {key !== null ? (
        <span data-testid="space-selected" data-block={key}>
          Selected <strong>{key}</strong>
          <LiveRate />
        </span>
      ) : (
        <span>{computing ? 'Computing masks…' : ''}</span>
      )}
      <span>
        Stages 1–4 left to right · each plane is a block&apos;s output map, bright where it computes
      </span>
      <span>Translucent: block skipped · slabs with gaps: skipped channel groups</span>
    </div>
  );
}
