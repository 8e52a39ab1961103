import { memo, type KeyboardEvent } from 'react';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { blockAriaLabel } from './describe';
import { blockLook, blockOpacity, blockTitle, type StripBlock } from './stripData';

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
 * Props equal for the screen: a new configuration builds new block objects, but a block whose drawing
 * (rate text, picture, fill) is unchanged keeps its button (a stage rate change re-renders that stage only).
 */
function sameShownBlock(a: StripBlockButtonProps, b: StripBlockButtonProps): boolean {
  return (
    a.selected === b.selected &&
    a.tabbable === b.tabbable &&
    a.gate === b.gate &&
    a.onSelect === b.onSelect &&
    a.onKeyDown === b.onKeyDown &&
    (a.block === b.block || blockLook(a.block) === blockLook(b.block))
  );
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
      aria-label={`${blockAriaLabel(block.key, d)}${gate === undefined ? '' : gate ? ', gate on for this image' : ', gate off for this image'}`}
      data-gate={gate === undefined ? undefined : gate ? 'on' : 'off'}
      aria-pressed={selected}
      tabIndex={tabbable ? 0 : -1}
      data-block-key={block.key}
      // The hover text reads the latest prediction when shown, so results do not re-render the strip.
      onMouseEnter={(e) => {
        e.currentTarget.title = blockTitle(
          block,
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
