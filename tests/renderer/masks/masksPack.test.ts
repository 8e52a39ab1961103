import { describe, expect, it } from 'vitest';
import type { PonderMap } from '../../../core/maskfile/ponder';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import { packMasks } from '../../../renderer/src/worker/masksPack';

const rates = { spatial: 0.5, conv2: 0.5, conv1: 0.75, channel: null };

function spatialBlock(key: string, grid: number[], scores: number[]): BlockMaskSet {
  return {
    key,
    stage: 0,
    index: 0,
    globalIndex: 0,
    mode: 'spatial',
    granularity: 1,
    channelGroupSize: null,
    grid: { groups: 1, height: 1, width: 3, data: Uint8Array.from(grid) },
    gridScore: { groups: 1, height: 1, width: 3, data: Float32Array.from(scores) },
    conv2: { groups: 1, height: 1, width: 3, data: Uint8Array.from(grid) },
    conv1: null,
    channel: null,
    rates,
  };
}

describe('packMasks', () => {
  const blocks: BlockMaskSet[] = [
    spatialBlock('stage1/0', [1, 0, 1], [0.5, -1.25, 2]),
    {
      ...spatialBlock('stage1/1', [0, 1, 0], [-0.5, 3, -2]),
      mode: 'spatial+channel',
      channel: Uint8Array.of(1, 0, 0, 1, 1),
    },
  ];
  const ponder: PonderMap = { side: 2, counts: Uint16Array.of(2, 0, 1, 2), maxCount: 2, blocks: 2 };

  it('puts every array into one buffer with the same values', () => {
    const packed = packMasks(blocks, ponder);
    const b0 = packed.blocks[0]!;
    const b1 = packed.blocks[1]!;
    expect(Array.from(b0.grid!.data)).toEqual([1, 0, 1]);
    expect(Array.from(b0.gridScore!.data)).toEqual([0.5, -1.25, 2]);
    expect(Array.from(b1.gridScore!.data)).toEqual([-0.5, 3, -2]);
    expect(Array.from(b1.conv2!.data)).toEqual([0, 1, 0]);
    expect(Array.from(b1.channel!)).toEqual([1, 0, 0, 1, 1]);
    expect(b0.conv1).toBeNull();
    expect(b0.channel).toBeNull();
    expect(Array.from(packed.ponder.counts)).toEqual([2, 0, 1, 2]);
    expect(packed.ponder.maxCount).toBe(2);
    const arrays = [
      b0.grid!.data,
      b0.gridScore!.data,
      b0.conv2!.data,
      b1.grid!.data,
      b1.gridScore!.data,
      b1.conv2!.data,
      b1.channel!,
      packed.ponder.counts,
    ];
    for (const a of arrays) expect(a.buffer).toBe(packed.buffer);
    // Per block: grid 3 bytes (+1 to align), scores 12, conv2 3 (+1); block 2's channel 5 (+3);
    // ponder 8: 4 + 12 + 4 + 4 + 12 + 4 + 8 + 8 = 56 bytes.
    expect(packed.buffer.byteLength).toBe(56);
    expect(b1.gridScore!.data.byteOffset).toBe(24);
    // Other fields are kept; the originals are untouched.
    expect(b1.key).toBe('stage1/1');
    expect(b1.rates).toEqual(rates);
    expect(blocks[0]!.grid!.data.buffer).not.toBe(packed.buffer);
  });

  it('survives a structured clone that transfers the buffer as views of one buffer', () => {
    const packed = packMasks(blocks, ponder);
    const copy = structuredClone(packed, { transfer: [packed.buffer] });
    expect(packed.buffer.byteLength).toBe(0); // transferred, not copied
    expect(copy.blocks[1]!.channel!.buffer).toBe(copy.ponder.counts.buffer);
    expect(Array.from(copy.blocks[0]!.gridScore!.data)).toEqual([0.5, -1.25, 2]);
  });
});
