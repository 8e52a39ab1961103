/**
 * The strip's atlas copies a block's pictures by `pictureKey`: two drawings with one key must be the same
 * pictures with the rate text at the same place in the same style, or the strip would show a stale
 * picture after a rate change.
 */
import { describe, expect, it } from 'vitest';
import type { StripBlock } from '../../../../renderer/src/views/strip/stripData';
import {
  pictureKey,
  stripDrawPlan,
  type BlockBox,
  type DrawOp,
  type StripColors,
} from '../../../../renderer/src/views/strip/stripPlan';
import { atRate, blockPieces, opsBounds } from '../../../../renderer/src/views/strip/stripSprites';
import { fitsInside } from '../../../../renderer/src/views/strip/useStripCanvas';

const colors: StripColors = {
  panel: 'P',
  panel2: 'P2',
  text: 'T',
  text2: 'T2',
  stages: ['S1', 'S2', 'S3', 'S4'],
  mono: 'mono',
};

function block(key: string, mode: StripBlock['dynamics']['mode'], gridSide = 4): StripBlock {
  return {
    key,
    stage: 1,
    index: 0,
    dynamics: { mode, spatialGranularity: 2, channelGroupSize: 8, rate: 0.5, channelRate: 0.5 },
    channelGroups: 6,
    gridSide,
  };
}

/** The drawing without the rate text's content (what the atlas stores for a key). */
function withoutText(ops: DrawOp[]): unknown[] {
  return ops.map((op) => (op.kind === 'text' ? { ...op, text: '' } : op));
}

describe('pictureKey', () => {
  const box: BlockBox = { x: 10.25, y: 20, w: 27.5, h: 52 };
  const blocks = [
    block('stage2/0', 'spatial'),
    block('stage2/1', 'channel'),
    block('stage2/2', 'spatial+channel', 3),
    block('stage2/3', 'layer'),
    block('stage2/4', 'static'),
  ];

  it('one key, one drawing: over every shown rate, equal keys draw equal pictures and text places', () => {
    for (const b of blocks) {
      for (const selected of [false, true]) {
        for (const gate of [undefined, false, true]) {
          const seen = new Map<string, unknown[]>();
          for (let step = 0; step <= 200; step++) {
            const at = atRate(b, step / 200);
            const ops = stripDrawPlan([{ block: at, box, selected, gate }], colors);
            const key = pictureKey(at, box, selected, gate);
            const drawn = withoutText(ops);
            if (seen.has(key)) expect(drawn).toEqual(seen.get(key));
            else seen.set(key, drawn);
          }
          // The pictures change with the rate (mask cells, kept groups); layer and static ones do not.
          const changes = b.dynamics.mode === 'layer' || b.dynamics.mode === 'static' ? 1 : 3;
          expect(seen.size).toBeGreaterThanOrEqual(changes);
        }
      }
    }
  });

  it('differs with the box, the selection, the gate and the block', () => {
    const b = block('stage2/0', 'spatial');
    const key = pictureKey(b, box, false, undefined);
    expect(pictureKey(b, { ...box, x: 11 }, false, undefined)).not.toBe(key);
    expect(pictureKey(b, box, true, undefined)).not.toBe(key);
    expect(pictureKey(b, box, false, true)).not.toBe(key);
    expect(pictureKey({ ...b, key: 'stage2/9' }, box, false, undefined)).not.toBe(key);
    // Another rate with the same kept cells (7 of 16 at 0.44 and 0.45): the same pictures.
    expect(pictureKey(atRate(b, 0.44), box, false, undefined)).toBe(
      pictureKey(atRate(b, 0.45), box, false, undefined),
    );
    expect(pictureKey(atRate(b, 0.5), box, false, undefined)).not.toBe(
      pictureKey(atRate(b, 0.44), box, false, undefined),
    );
  });
});

describe('blockPieces and opsBounds', () => {
  it('split a block into its rectangles, the clip a narrow block needs and its text place', () => {
    const ops = stripDrawPlan(
      [{ block: block('stage2/0', 'spatial'), box: { x: 0, y: 0, w: 40, h: 52 }, selected: false }],
      colors,
    );
    const wide = blockPieces(ops, fitsInside);
    expect(wide.clip).toBeNull();
    expect(wide.rects.every((op) => op.kind === 'rect')).toBe(true);
    expect(wide.rects.length).toBe(ops.filter((op) => op.kind === 'rect').length);
    const text = ops.find((op) => op.kind === 'text');
    expect(wide.text).toEqual({ x: 20, y: text?.y, color: 'T2', font: '400 9.5px mono' });
    // 18 px wide: the 17 px outline with its stroke does not fit the 16 px inside.
    const narrow = blockPieces(
      stripDrawPlan(
        [
          {
            block: block('stage2/0', 'spatial'),
            box: { x: 0, y: 0, w: 18, h: 52 },
            selected: false,
          },
        ],
        colors,
      ),
      fitsInside,
    );
    expect(narrow.clip).toEqual({ x: 1, y: 1, w: 16, h: 50 });
    expect(narrow.text).toBeNull();
  });

  it('bound the rectangles and their strokes in whole device pixels with a pixel of margin', () => {
    const rects: DrawOp[] = [
      { kind: 'rect', x: 10, y: 20, w: 16, h: 16, fill: 'P' },
      { kind: 'rect', x: 9.5, y: 19.5, w: 17, h: 17, stroke: 'S', lineWidth: 1 },
    ];
    // Stroke half-width 0.5: 9…27 × 19…37 CSS px.
    expect(opsBounds(rects, 1)).toEqual({ x: 8, y: 18, w: 20, h: 20 });
    expect(opsBounds(rects, 2)).toEqual({ x: 17, y: 37, w: 38, h: 38 });
    expect(opsBounds([{ kind: 'unclip' }], 1)).toBeNull();
  });
});
