import { memo, useLayoutEffect, type KeyboardEvent, type RefObject } from 'react';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { blockAriaLabel } from './describe';
import { blockOpacity, blockShape, blockTitle, type StripBlock } from './stripData';

interface StripBlockButtonProps {
  block: StripBlock;
  /** Layer gate for the image in the masks views (undefined: no image masks, or not a layer block). */
  gate?: boolean | undefined;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>, key: string) => void;
}

/**
 * One block of the strip: stage colour, faded by the execution rate (layer). Its pictures and rate text
 * are drawn by the strip's canvas over it (stripPlan), so a rate change updates no layout here.
 */
export const StripBlockButton = memo(StripBlockButtonImpl, sameShownBlock);

/**
 * Props equal for the screen: a new configuration builds new block objects, but a block whose button
 * (mode, fill) is unchanged keeps it: a rate change re-renders no button. Its accessible name, which
 * carries the rate, is written by the strip ({@link useBlockLabels}); its picture and rate text are on the
 * strip's canvas.
 */
function sameShownBlock(a: StripBlockButtonProps, b: StripBlockButtonProps): boolean {
  return (
    a.selected === b.selected &&
    a.tabbable === b.tabbable &&
    a.gate === b.gate &&
    a.onSelect === b.onSelect &&
    a.onKeyDown === b.onKeyDown &&
    (a.block === b.block || blockShape(a.block) === blockShape(b.block))
  );
}

/** The blocks as the strip shows them now (a button keeps its block object across rate changes). */
const current = new Map<string, StripBlock>();

/** `block` with its current setting (the strip's latest data). */
function currentBlock(block: StripBlock): StripBlock {
  return current.get(block.key) ?? block;
}

/** A strip button's accessible name: the block, its setting and rate, and its gate for the image shown. */
export function stripBlockLabel(block: StripBlock, gate: boolean | undefined): string {
  const tail =
    gate === undefined ? '' : gate ? ', gate on for this image' : ', gate off for this image';
  return `${blockAriaLabel(block.key, block.dynamics)}${tail}`;
}

/**
 * Keeps every button's accessible name (and hover text) on its block's current rate, written into the
 * DOM in the commit of the change (the buttons themselves do not re-render for a new rate).
 */
export function useBlockLabels(
  strip: RefObject<HTMLElement | null>,
  blocks: readonly StripBlock[],
  gates: ReadonlyMap<string, boolean>,
): void {
  useLayoutEffect(() => {
    const root = strip.current;
    if (!root) return;
    current.clear();
    for (const block of blocks) current.set(block.key, block);
    const byKey = new Map<string, Element>();
    for (const el of root.querySelectorAll('[data-block-key]'))
      byKey.set(el.getAttribute('data-block-key') ?? '', el);
    for (const block of blocks) {
      const el = byKey.get(block.key);
      const label = stripBlockLabel(block, gates.get(block.key));
      if (el && el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
    }
  }, [strip, blocks, gates]);
}

function StripBlockButtonImpl({
  block,
  selected,
  tabbable,
  onSelect,
  onKeyDown,
  gate,
}: StripBlockButtonProps) {
  const d = block.dynamics;
  const color = stageColor(block.stage);
  return (
    <button
      type="button"
      className={`strip-block mode-${d.mode.replace('+', '-')}${selected ? ' selected' : ''}`}
      aria-label={stripBlockLabel(block, gate)}
      data-gate={gate === undefined ? undefined : gate ? 'on' : 'off'}
      aria-pressed={selected}
      tabIndex={tabbable ? 0 : -1}
      data-block-key={block.key}
      // The hover text reads the latest prediction when shown, so results do not re-render the strip.
      onMouseEnter={(e) => {
        e.currentTarget.title = blockTitle(
          currentBlock(block),
          useStudio.getState().analysis?.prediction ?? null,
        );
      }}
      onClick={() => onSelect(block.key)}
      onKeyDown={(e) => onKeyDown(e, block.key)}
      style={{
        ['--block-color' as string]: color,
        ['--block-fill-opacity' as string]: String(blockOpacity(d)),
      }}
    >
      <span className="strip-block-fill" aria-hidden="true" />
    </button>
  );
}
