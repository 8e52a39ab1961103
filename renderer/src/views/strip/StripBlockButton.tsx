import { memo, type KeyboardEvent } from 'react';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { blockAriaLabel } from './describe';
import {
  blockOpacity,
  blockShape,
  blockTitle,
  type StripBlock,
  type StripStage,
} from './stripData';

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
 * (mode, fill) is unchanged keeps it. Its accessible name and a layer block's fill, which carry the rate,
 * are written by the strip ({@link writeLiveBlocks}); its picture and rate text are on the strip's canvas.
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

/** The accessible name last written into each button by {@link writeLiveBlocks}. */
const written = new WeakMap<Element, string>();

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
 * Writes the blocks' current rates into the strip's buttons (which do not re-render for a new rate):
 * each button's accessible name (unless `labels` is false), and the fill of a layer-skipped block (it
 * fades with its execution rate). Called with the live blocks on every rate change and after each
 * render of the strip (`afterRender`); writes only what differs. The hover text reads the blocks given
 * here.
 */
export function writeLiveBlocks(
  root: Element,
  stages: readonly StripStage[],
  gates: ReadonlyMap<string, boolean>,
  afterRender: boolean,
  labels = true,
): void {
  current.clear();
  const buttons = root.querySelectorAll<HTMLElement>('[data-block-key]');
  let i = 0;
  for (const stage of stages) {
    for (const block of stage.blocks) {
      current.set(block.key, block);
      // The buttons are in block order; look a key up only where they are not (never, today).
      let el: HTMLElement | undefined | null = buttons[i++];
      if (el?.dataset.blockKey !== block.key)
        el = root.querySelector<HTMLElement>(`[data-block-key="${CSS.escape(block.key)}"]`);
      if (!el) continue;
      if (labels) writeLabel(el, stripBlockLabel(block, gates.get(block.key)), afterRender);
      if (block.dynamics.mode === 'layer') {
        const opacity = String(blockOpacity(block.dynamics));
        if (el.style.getPropertyValue('--block-fill-opacity') !== opacity)
          el.style.setProperty('--block-fill-opacity', opacity);
      }
    }
  }
}

/**
 * Writes a button's accessible name where it differs, compared with what was written last (reading the
 * attribute back costs a DOM call per block). After a render React may have written the attribute
 * itself: it is read back then only.
 */
function writeLabel(el: HTMLElement, label: string, afterRender: boolean): void {
  if (afterRender ? el.getAttribute('aria-label') !== label : written.get(el) !== label)
    el.setAttribute('aria-label', label);
  written.set(el, label);
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
