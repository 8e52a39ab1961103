import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { cellCounts, formatMaskRate, groupCounts } from './selection';

const MODE_TEXT: Record<BlockMaskSet['mode'], string> = {
  static: 'static (dense)',
  spatial: 'spatial mask',
  channel: 'channel skipping',
  layer: 'layer skipping',
  'spatial+channel': 'spatial + channel',
};

/**
 * The elements of {@link BlockStats} whose text follows the masks (a rate change), for
 * {@link writeBlockStats}. Filled by the render.
 */
export interface StatsSlots {
  gate: HTMLElement | null;
  kept: HTMLElement | null;
  density: HTMLElement | null;
  groups: HTMLElement | null;
}

export const noSlots = (): StatsSlots => ({ gate: null, kept: null, density: null, groups: null });

/** The ref that puts an element into slot `name` of `slots`. */
function slotRef(slots: StatsSlots | undefined, name: keyof StatsSlots) {
  return slots
    ? (el: HTMLElement | null) => {
        slots[name] = el;
      }
    : undefined;
}

/** Writes text node `i` of `el` (as the render made them: one per string or number) where it differs. */
export function writeNode(el: Node | null | undefined, i: number, text: string): void {
  const node = el?.childNodes[i];
  if (node && node.nodeType === 3 && (node as Text).data !== text) (node as Text).data = text;
}

const gateText = (kept: number) =>
  kept > 0 ? 'executes' : 'skipped: the block passes its input through the shortcut';
const pointsText = (conv1: number, conv2: number) => ((conv1 - conv2) * 100).toFixed(1);

/**
 * Writes the numbers of `block` into the stats rendered for a block of the same structure (mode, grid,
 * groups), where they differ: the same text nodes as a render of `block` would have (a node split
 * elsewhere can move glyphs by a fraction of a pixel). `attr` writes the data attributes.
 */
export function writeBlockStats(
  slots: StatsSlots,
  block: BlockMaskSet,
  attr: (el: Element | null, name: string, value: string) => void,
): void {
  const cells = cellCounts(block);
  if (cells) {
    writeNode(slots.gate, 0, gateText(cells.kept));
    writeNode(slots.kept, 1, String(cells.kept));
    writeNode(slots.kept, 5, formatMaskRate(cells.kept / cells.total));
    attr(slots.kept, 'data-kept', String(cells.kept));
  }
  const { conv1, conv2 } = block.rates;
  if (conv1 !== null && conv2 !== null && slots.density) {
    writeNode(slots.density, 1, formatMaskRate(conv2));
    writeNode(slots.density, 3, formatMaskRate(conv1));
    writeNode(slots.density.childNodes[4], 2, pointsText(conv1, conv2));
  }
  const groups = groupCounts(block);
  if (groups) {
    writeNode(slots.groups, 1, String(groups.kept));
    attr(slots.groups, 'data-kept', String(groups.kept));
  }
}

/**
 * Numbers of the selected block: grid, kept cells (the predictor's count), densities, groups, gate.
 * `slots`: where the render puts the elements {@link writeBlockStats} writes.
 */
export function BlockStats({ block, slots }: { block: BlockMaskSet; slots?: StatsSlots }) {
  const cells = cellCounts(block);
  const groups = groupCounts(block);
  const side = block.conv2?.height ?? null;
  const { conv1, conv2 } = block.rates;
  return (
    <dl className="masks-stats" data-testid="mask-stats">
      <dt>Mode</dt>
      <dd>{MODE_TEXT[block.mode]}</dd>
      {block.mode === 'layer' && cells ? (
        <>
          <dt>Gate</dt>
          <dd data-testid="mask-gate" ref={slotRef(slots, 'gate')}>
            {gateText(cells.kept)}
          </dd>
        </>
      ) : null}
      {block.mode !== 'layer' && cells ? (
        <>
          <dt>Grid</dt>
          <dd data-testid="mask-grid-size" data-rows={cells.rows} data-cols={cells.cols}>
            {cells.rows}×{cells.cols} cells (S = {block.granularity}
            {side !== null ? ` on the ${side}×${side} map` : ''})
          </dd>
          <dt>Kept</dt>
          <dd
            data-testid="mask-kept-count"
            data-kept={cells.kept}
            data-total={cells.total}
            ref={slotRef(slots, 'kept')}
          >
            kept {cells.kept} of {cells.total} cells ({formatMaskRate(cells.kept / cells.total)})
          </dd>
        </>
      ) : null}
      {conv2 !== null && conv1 !== null && block.mode !== 'layer' ? (
        <>
          <dt>Density</dt>
          <dd ref={slotRef(slots, 'density')}>
            conv2/conv3 {formatMaskRate(conv2)} · conv1 {formatMaskRate(conv1)}
            <span className="hint">
              {' '}
              (+{pointsText(conv1, conv2)} pts for conv2&apos;s 3×3 reads)
            </span>
          </dd>
        </>
      ) : null}
      {groups ? (
        <>
          <dt>Channels</dt>
          <dd
            data-testid="mask-group-count"
            data-kept={groups.kept}
            data-total={groups.total}
            ref={slotRef(slots, 'groups')}
          >
            kept {groups.kept} of {groups.total} groups (G = {block.channelGroupSize})
          </dd>
        </>
      ) : null}
      {block.mode === 'static' ? (
        <>
          <dt>Compute</dt>
          <dd>every position and channel (no masker)</dd>
        </>
      ) : null}
    </dl>
  );
}
