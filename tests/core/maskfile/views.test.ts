import { describe, expect, it } from 'vitest';
import type { BlockMaskSet } from '../../../core/maskfile';
import { computePonderMap, rasterizeOverlay } from '../../../core/maskfile';

function block(partial: Partial<BlockMaskSet>): BlockMaskSet {
  return {
    key: 'stage1/0',
    stage: 0,
    index: 0,
    globalIndex: 0,
    mode: 'spatial',
    granularity: 1,
    channelGroupSize: null,
    grid: null,
    gridScore: null,
    conv2: null,
    conv1: null,
    channel: null,
    rates: { spatial: null, conv2: null, conv1: null, channel: null },
    ...partial,
  };
}
const plane = (side: number, data: number[]) => ({
  groups: 1,
  height: side,
  width: side,
  data: Uint8Array.from(data),
});

describe('computePonderMap', () => {
  it('counts per pixel the blocks that compute there', () => {
    const left = block({ conv2: plane(2, [1, 0, 1, 0]) }); // left half
    const top = block({ conv2: plane(2, [1, 1, 0, 0]) }); // top half
    const channelOnly = block({ mode: 'channel', channel: Uint8Array.of(0, 1) }); // runs everywhere
    const skipped = block({ mode: 'channel', channel: Uint8Array.of(0, 0) }); // never runs
    const map = computePonderMap([left, top, channelOnly, skipped], 4);
    expect(Array.from(map.counts)).toEqual([3, 3, 2, 2, 3, 3, 2, 2, 2, 2, 1, 1, 2, 2, 1, 1]);
    expect(map.maxCount).toBe(3);
    expect(map.blocks).toBe(4);
  });

  it('adds blocks of the same mask size together and spreads each size once', () => {
    // Two 2×2 masks (top-left; top row), one 1×1 mask that keeps, and a 2-group 2×2 mask whose
    // groups keep the bottom-left and the bottom-right: any group counts.
    const a = block({ conv2: plane(2, [1, 0, 0, 0]) });
    const b = block({ conv2: plane(2, [1, 1, 0, 0]) });
    const whole = block({ conv2: plane(1, [1]) });
    const grouped = block({
      conv2: { groups: 2, height: 2, width: 2, data: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 1]) },
    });
    const map = computePonderMap([a, whole, b, grouped], 4);
    // Quadrants: top-left 1 + 1 + 1 = 3, top-right 1 + 1 = 2, bottom-left 1 + 1 = 2, bottom-right 2.
    expect(Array.from(map.counts)).toEqual([3, 3, 2, 2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(map.maxCount).toBe(3);
  });
});

describe('rasterizeOverlay', () => {
  const keep = [0, 255, 0, 100] as const;
  const skip = [0, 0, 0, 200] as const;
  const extra = [255, 128, 0, 150] as const;
  const px = (rgba: Uint8ClampedArray, side: number, x: number, y: number) =>
    Array.from(rgba.subarray((y * side + x) * 4, (y * side + x) * 4 + 4));

  it('tints kept, conv1-only and skipped positions', () => {
    // conv2 2×2 keeps the top-left; conv1 4×4 (stride-2 block) also covers the second column.
    const b = block({
      conv2: plane(2, [1, 0, 0, 0]),
      conv1: plane(4, [1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
    const out = rasterizeOverlay(b, { sidePx: 8, keep, skip, conv1Extra: extra });
    expect(px(out, 8, 0, 0)).toEqual([...keep]);
    expect(px(out, 8, 4, 0)).toEqual([...extra]); // conv2 skips, conv1 column 2 computes
    expect(px(out, 8, 7, 0)).toEqual([...skip]);
    expect(px(out, 8, 0, 7)).toEqual([...skip]);
  });

  it('draws scores as a diverging heatmap, transparent for channel-only blocks', () => {
    const b = block({
      gridScore: { groups: 1, height: 1, width: 2, data: Float32Array.of(2, -1) },
    });
    const out = rasterizeOverlay(b, { sidePx: 2, mode: 'score', keep, skip });
    expect(px(out, 2, 0, 0)).toEqual([0, 255, 0, 220]); // full scale
    expect(px(out, 2, 1, 0)).toEqual([0, 0, 0, 130]); // half scale: 40 + 90
    expect(Array.from(rasterizeOverlay(block({ mode: 'channel' }), { sidePx: 2 }))).toEqual(
      new Array(16).fill(0),
    );
  });
});
