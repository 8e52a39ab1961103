import { memo, type KeyboardEvent } from 'react';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { blockAriaLabel, formatRate } from './describe';
import {
  blockLook,
  blockOpacity,
  blockTitle,
  groupCells,
  keptCells,
  maskCount,
  type StripBlock,
} from './stripData';

/** A small mask picture: kept decision cells filled in the stage colour (re-drawn when the count changes). */
const MaskGrid = memo(function MaskGrid({
  blockKey,
  side,
  keptCount,
  color,
}: {
  blockKey: string;
  side: number;
  keptCount: number;
  color: string;
}) {
  const kept = keptCells(blockKey, side, keptCount);
  const cell = 16 / side;
  // One path for the kept cells: a change of the count updates one attribute.
  let d = '';
  kept.forEach((on, i) => {
    if (on)
      d += `M${(i % side) * cell + 0.5} ${Math.floor(i / side) * cell + 0.5}h${cell - 1}v${cell - 1}h${1 - cell}z`;
  });
  return (
    <svg className="strip-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" fill="var(--panel)" />
      <path d={d} fill={color} />
    </svg>
  );
});

/** Kept channel groups: a row of cells filled up to the kept fraction. */
const GroupBar = memo(function GroupBar({
  cells,
  keptFraction,
  color,
}: {
  cells: number;
  keptFraction: number;
  color: string;
}) {
  const cellW = 16 / cells;
  const filledW = 16 * keptFraction;
  return (
    <svg className="strip-icon" width="16" height="6" viewBox="0 0 16 6" aria-hidden="true">
      <rect width="16" height="6" fill="var(--panel)" />
      <rect width={filledW} height="6" fill={color} />
      {Array.from({ length: cells - 1 }, (_, i) => (
        <line
          key={i}
          x1={(i + 1) * cellW}
          y1="0"
          x2={(i + 1) * cellW}
          y2="6"
          stroke="var(--panel-2)"
          strokeWidth="0.8"
        />
      ))}
    </svg>
  );
});

/** A layer gate of the masks shown for the current image: a filled tile (runs) or an empty one (skipped). */
function GateTile({ on, color }: { on: boolean; color: string }) {
  return (
    <svg className="strip-icon" width="16" height="8" viewBox="0 0 16 8" aria-hidden="true">
      <rect
        x="0.75"
        y="0.75"
        width="14.5"
        height="6.5"
        rx="1.5"
        fill={on ? color : 'var(--panel)'}
        stroke={color}
        strokeWidth="1.5"
      />
    </svg>
  );
}

interface StripBlockButtonProps {
  block: StripBlock;
  /** Layer gate for the image in the masks views (undefined: no image masks, or not a layer block). */
  gate?: boolean | undefined;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>, key: string) => void;
}

/** One block of the strip: stage colour, faded by the execution rate (layer), with its mask picture. */
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
  const spatial = d.mode === 'spatial' || d.mode === 'spatial+channel';
  const channel = d.mode === 'channel' || d.mode === 'spatial+channel';
  const mask = spatial ? maskCount(block) : null;
  const groups = channel ? groupCells(block) : null;
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
      <span className="strip-block-body" aria-hidden="true">
        {mask ? (
          <MaskGrid
            blockKey={block.key}
            side={mask.side}
            keptCount={mask.keptCount}
            color={color}
          />
        ) : null}
        {groups ? (
          <GroupBar cells={groups.cells} keptFraction={groups.keptFraction} color={color} />
        ) : null}
        {gate !== undefined ? <GateTile on={gate} color={color} /> : null}
        <span className="strip-rate">{d.mode === 'static' ? '—' : formatRate(d.rate)}</span>
      </span>
    </button>
  );
}
