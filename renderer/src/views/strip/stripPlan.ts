/**
 * What the network strip's canvas draws over its block buttons: each block's small pictures (mask grid,
 * channel groups, layer gate) and its rate, as a flat list of drawing operations. Pure, so tests can
 * check the pictures without a canvas; one canvas instead of per-block SVG keeps a rate change from
 * touching the strip's layout.
 */
import { formatRate } from './describe';
import { groupCells, keptCells, maskCount, type StripBlock } from './stripData';

/** A block button's border box in the strip's coordinates (CSS pixels). */
export interface BlockBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Theme colours read from the CSS custom properties (resolved, canvas-ready). */
export interface StripColors {
  panel: string;
  panel2: string;
  text: string;
  text2: string;
  /** --stage-1 … --stage-4. */
  stages: readonly string[];
  /** Font family of the rate text (--mono). */
  mono: string;
}

export type DrawOp =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: string;
      stroke?: string;
      lineWidth?: number;
      alpha?: number;
      radius?: number;
    }
  | { kind: 'text'; x: number; y: number; text: string; color: string; font: string }
  /** Clip what follows to a block's inside (a narrow block's picture is cut, as its button would). */
  | { kind: 'clip'; x: number; y: number; w: number; h: number }
  | { kind: 'unclip' };

/** A block as the painter draws it. */
export interface PlannedBlock {
  block: StripBlock;
  box: BlockBox;
  selected: boolean;
  /** Layer gate for the image in the masks views (undefined: none shown). */
  gate?: boolean | undefined;
}

const ICON = 16;
const GAP = 3;
const RATE_SIZE = 9.5;
/** Content widths at or under this drop the rate text (it stays in the label and the tooltip). */
const RATE_MIN_WIDTH = 24;

/** The 1 px outline around each picture, in the stage colour at 40 %. */
function outline(x: number, y: number, w: number, h: number, color: string): DrawOp {
  return {
    kind: 'rect',
    x: x - 0.5,
    y: y - 0.5,
    w: w + 1,
    h: h + 1,
    stroke: color,
    lineWidth: 1,
    alpha: 0.4,
  };
}

/** The rate text of a block ("—" for a static one). */
export function rateLabel(block: StripBlock): string {
  return block.dynamics.mode === 'static' ? '—' : formatRate(block.dynamics.rate);
}

/**
 * Everything a block's drawing depends on besides its rate text and the theme: equal keys draw the same
 * pictures, with the rate text at the same place in the same style (the canvas re-uses their sprite).
 */
export function pictureKey(
  block: StripBlock,
  box: BlockBox,
  selected: boolean,
  gate: boolean | undefined,
): string {
  const d = block.dynamics;
  const spatial = d.mode === 'spatial' || d.mode === 'spatial+channel';
  const channel = d.mode === 'channel' || d.mode === 'spatial+channel';
  const mask = spatial ? maskCount(block) : null;
  const groups = channel ? groupCells(block) : null;
  return [
    block.key,
    block.stage,
    d.mode,
    mask ? `${mask.side}/${mask.keptCount}` : '',
    groups ? `${groups.cells}/${groups.keptFraction}` : '',
    gate === undefined ? '' : gate ? 'on' : 'off',
    selected ? 'sel' : '',
    `${box.x},${box.y},${box.w},${box.h}`,
  ].join('|');
}

/** Drawing operations for every block, pictures stacked and centred in the button, rate text last. */
export function stripDrawPlan(blocks: readonly PlannedBlock[], colors: StripColors): DrawOp[] {
  const ops: DrawOp[] = [];
  for (const { block, box, selected, gate } of blocks) {
    const d = block.dynamics;
    const color = colors.stages[((block.stage % 4) + 4) % 4]!;
    const spatial = d.mode === 'spatial' || d.mode === 'spatial+channel';
    const channel = d.mode === 'channel' || d.mode === 'spatial+channel';
    const border = selected ? 2 : 1;
    const showRate = box.w - 2 * border > RATE_MIN_WIDTH;
    const heights = [
      spatial ? ICON : 0,
      channel ? 6 : 0,
      gate !== undefined ? 8 : 0,
      showRate ? RATE_SIZE : 0,
    ].filter((h) => h > 0);
    if (heights.length === 0) continue;
    const total = heights.reduce((a, b) => a + b, 0) + GAP * (heights.length - 1);
    let y = box.y + box.h / 2 - total / 2;
    const inner = {
      x: box.x + border,
      y: box.y + border,
      w: box.w - 2 * border,
      h: box.h - 2 * border,
    };
    ops.push({ kind: 'clip', ...inner });
    const x = Math.round(box.x + box.w / 2 - ICON / 2);
    if (spatial) {
      const top = Math.round(y);
      const { side, keptCount } = maskCount(block);
      const cell = ICON / side;
      ops.push({ kind: 'rect', x, y: top, w: ICON, h: ICON, fill: colors.panel });
      keptCells(block.key, side, keptCount).forEach((on, i) => {
        if (!on) return;
        const cx = x + (i % side) * cell + 0.5;
        const cy = top + Math.floor(i / side) * cell + 0.5;
        ops.push({ kind: 'rect', x: cx, y: cy, w: cell - 1, h: cell - 1, fill: color });
      });
      ops.push(outline(x, top, ICON, ICON, color));
      y += ICON + GAP;
    }
    if (channel) {
      const top = Math.round(y);
      const { cells, keptFraction } = groupCells(block);
      ops.push({ kind: 'rect', x, y: top, w: ICON, h: 6, fill: colors.panel });
      ops.push({ kind: 'rect', x, y: top, w: ICON * keptFraction, h: 6, fill: color });
      for (let i = 1; i < cells; i++) {
        const lx = x + (i * ICON) / cells - 0.4;
        ops.push({ kind: 'rect', x: lx, y: top, w: 0.8, h: 6, fill: colors.panel2 });
      }
      ops.push(outline(x, top, ICON, 6, color));
      y += 6 + GAP;
    }
    if (gate !== undefined) {
      const top = Math.round(y);
      const fill = gate ? color : colors.panel;
      ops.push({
        kind: 'rect',
        ...{ x: x + 0.75, y: top + 0.75, w: 14.5, h: 6.5 },
        ...{ fill, stroke: color, lineWidth: 1.5, radius: 1.5 },
      });
      ops.push(outline(x, top, ICON, 8, color));
      y += 8 + GAP;
    }
    if (showRate) {
      const strong = selected || d.mode === 'layer';
      ops.push({
        kind: 'text',
        x: box.x + box.w / 2,
        y: y + RATE_SIZE / 2,
        text: rateLabel(block),
        color: strong ? colors.text : colors.text2,
        font: `${selected ? 700 : 400} ${RATE_SIZE}px ${colors.mono}`,
      });
    }
    ops.push({ kind: 'unclip' });
  }
  return ops;
}
