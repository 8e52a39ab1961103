import { describe, expect, it } from 'vitest';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { setStageMode, setTargetRate } from '../../../../renderer/src/store/configEdits';
import { proxyMasksFor } from '../../../../renderer/src/worker/masksCompute';
import {
  decodeUpdate,
  encodeUpdate,
  forwardEvent,
  SpaceFeed,
  toNdc,
  wireBlocks,
  type ToSpaceWorker,
} from '../../../../renderer/src/views/space/protocol';
import { ones, rampSaliency, stage1Config } from '../helpers';

const masksAt = (rate: number, config = stage1Config()) =>
  proxyMasksFor(rampSaliency(), setTargetRate(config, rate)).blocks;

/** What the worker receives: the message after a structured clone that transfers its buffers. */
function delivered<T>(message: T, transfer: ArrayBuffer[]): T {
  return structuredClone(message, { transfer });
}

/** The masks a block is drawn from, as plain arrays (compared by value). */
function drawn(b: BlockMaskSet) {
  return {
    key: b.key,
    mode: b.mode,
    grid: b.grid && [b.grid.groups, b.grid.height, b.grid.width, ...b.grid.data],
    conv2: b.conv2 && [b.conv2.groups, b.conv2.height, b.conv2.width, ...b.conv2.data],
    channel: b.channel && [...b.channel],
    conv1Height: b.conv1?.height ?? null,
  };
}

describe('wireBlocks', () => {
  it('keeps what the scene draws, drops the scores and conv1 data, and packs the masks in one buffer', () => {
    const blocks = masksAt(0.4);
    const wire = wireBlocks(blocks);
    expect(wire.blocks.map(drawn)).toEqual(blocks.map(drawn));
    for (const b of wire.blocks) {
      expect(b.gridScore).toBeNull();
      expect(b.conv1?.data.length ?? 0).toBe(0);
      for (const a of [b.grid?.data, b.conv2?.data, b.channel])
        if (a) expect(a.buffer).toBe(wire.buffer);
    }
    // Every mask byte once (with alignment padding), nothing of the scores.
    const bytes = blocks.reduce(
      (n, b) =>
        n + (b.grid?.data.length ?? 0) + (b.conv2?.data.length ?? 0) + (b.channel?.length ?? 0),
      0,
    );
    expect(wire.buffer.byteLength).toBeGreaterThanOrEqual(bytes);
    expect(wire.buffer.byteLength).toBeLessThan(bytes + 4 * 3 * blocks.length);
  });
});

describe('encodeUpdate / decodeUpdate', () => {
  it('carries new masks of the same blocks in one buffer, and the worker rebuilds them exactly', () => {
    const before = masksAt(0.3);
    const after = masksAt(0.7);
    const update = encodeUpdate(before, after)!;
    expect(update).not.toBeNull();
    expect([...update.changed]).toEqual(after.map((_, i) => i));
    const worker = wireBlocks(before).blocks;
    const got = decodeUpdate(worker, update.changed, update.bytes);
    expect(got.map(drawn)).toEqual(after.map(drawn));
    // The masks did change between the rates (the test is not comparing equal things).
    const kept = (bs: BlockMaskSet[]) => bs.reduce((n, b) => n + ones(b.conv2?.data ?? []), 0);
    expect(kept(after)).toBeGreaterThan(kept(before));
  });

  it('sends only blocks that are new objects; the others keep their identity in the worker', () => {
    const before = masksAt(0.3);
    const next = masksAt(0.7);
    const mixed = before.map((b, i) => (i % 3 === 0 ? next[i]! : b));
    const update = encodeUpdate(before, mixed)!;
    expect([...update.changed]).toEqual(before.map((_, i) => i).filter((i) => i % 3 === 0));
    const worker = wireBlocks(before).blocks;
    const got = decodeUpdate(worker, update.changed, update.bytes);
    got.forEach((b, i) => {
      if (i % 3 === 0) expect(drawn(b)).toEqual(drawn(next[i]!));
      else expect(b).toBe(worker[i]);
    });
  });

  it('sends a mask that blocks share once, and the worker’s blocks share it too', () => {
    const before = masksAt(0.3);
    const fresh = masksAt(0.7);
    // Same-shaped blocks with the same masks share their arrays (as the page's masker gives them).
    const first = new Map<string, BlockMaskSet>();
    const after = fresh.map((b) => {
      const shape = `${b.grid?.height}|${b.conv2?.height}|${b.channel?.length}`;
      const lead = first.get(shape);
      if (!lead) {
        first.set(shape, b);
        return b;
      }
      return {
        ...b,
        grid: b.grid && lead.grid && { ...b.grid, data: lead.grid.data },
        conv2: b.conv2 && lead.conv2 && { ...b.conv2, data: lead.conv2.data },
        channel: lead.channel,
      };
    });
    expect(first.size).toBeLessThan(after.length);
    const update = encodeUpdate(before, after)!;
    const distinct = new Set(after.flatMap((b) => [b.grid?.data, b.conv2?.data, b.channel]));
    let once = 0;
    for (const a of distinct) if (a) once += (a.length + 3) & ~3;
    expect(update.bytes.byteLength).toBe(once + 12 * after.length);
    const got = decodeUpdate(wireBlocks(before).blocks, update.changed, update.bytes);
    expect(got.map(drawn)).toEqual(after.map(drawn));
    after.forEach((b, i) => {
      const lead = first.get(`${b.grid?.height}|${b.conv2?.height}|${b.channel?.length}`)!;
      const j = after.indexOf(lead);
      if (b.conv2 && j !== i)
        expect(got[i]!.conv2!.data.byteOffset).toBe(got[j]!.conv2!.data.byteOffset);
    });
  });

  it('asks for a rebuild when a mode, the block count or a mask shape changes', () => {
    const before = masksAt(0.5);
    expect(
      encodeUpdate(before, masksAt(0.5, setStageMode(stage1Config(), 1, 'channel'))),
    ).toBeNull();
    expect(encodeUpdate(before, before.slice(1))).toBeNull();
    const reshaped = before.map((b) =>
      b.conv2 ? { ...b, conv2: { ...b.conv2, height: b.conv2.height + 1 } } : b,
    );
    expect(encodeUpdate(before, reshaped)).toBeNull();
  });

  it('names what is wrong with an update that does not fit the blocks', () => {
    const blocks = wireBlocks(masksAt(0.5)).blocks;
    expect(() =>
      decodeUpdate(blocks, Uint16Array.of(blocks.length + 2), new ArrayBuffer(8)),
    ).toThrow(`a 3D mask update for block ${blocks.length + 2} of ${blocks.length} blocks`);
    expect(() => decodeUpdate(blocks, Uint16Array.of(0), new ArrayBuffer(4))).toThrow(
      /a 3D mask update holds 4 bytes; its blocks need more than \d+/,
    );
  });
});

describe('SpaceFeed', () => {
  it('rebuilds first, then sends updates; a new image or other blocks rebuild again', () => {
    const feed = new SpaceFeed();
    const image = new Uint8ClampedArray(224 * 224 * 4);
    const first = feed.next(masksAt(0.3), image);
    expect(first.message.type).toBe('content');
    expect(first.message.seq).toBe(1);
    if (first.message.type === 'content') expect(first.message.input).toBe(image);

    const second = feed.next(masksAt(0.6), image);
    expect(second.message.type).toBe('update');
    expect(second.message.seq).toBe(2);
    expect(second.transfer).toHaveLength(1);

    // A mode change: rebuilt, the image (unchanged) not sent again.
    const third = feed.next(masksAt(0.6, setStageMode(stage1Config(), 1, 'channel')), image);
    expect(third.message.type).toBe('content');
    if (third.message.type === 'content') expect('input' in third.message).toBe(false);

    const other = new Uint8ClampedArray(224 * 224 * 4);
    const fourth = feed.next(masksAt(0.6), other);
    expect(fourth.message.type).toBe('content');
    if (fourth.message.type === 'content') expect(fourth.message.input).toBe(other);
  });

  it('makes messages that survive the trip to the worker (structured clone with transfer)', () => {
    const feed = new SpaceFeed();
    const a = feed.next(masksAt(0.2), null);
    const content = delivered<ToSpaceWorker>(a.message, a.transfer);
    if (content.type !== 'content') throw new Error('expected a rebuild first');
    expect(content.input).toBeNull();
    const b = feed.next(masksAt(0.8), null);
    const update = delivered<ToSpaceWorker>(b.message, b.transfer);
    if (update.type !== 'update') throw new Error('expected an update');
    // Transferred: the page's copy is detached, nothing was copied back.
    expect(b.transfer[0]!.byteLength).toBe(0);
    const got = decodeUpdate(content.blocks, update.changed, update.bytes);
    expect(got.map(drawn)).toEqual(masksAt(0.8).map(drawn));
  });

  it('sends an empty update when the same blocks come again (the worker still draws once)', () => {
    const feed = new SpaceFeed();
    const blocks = masksAt(0.4);
    feed.next(blocks, null);
    const again = feed.next(blocks, null).message;
    expect(again.type).toBe('update');
    if (again.type === 'update') {
      expect(again.changed.length).toBe(0);
      expect(again.bytes.byteLength).toBe(0);
    }
  });
});

describe('forwardEvent', () => {
  it('keeps the fields the orbit controls read, as plain data', () => {
    const pointer = {
      type: 'pointermove',
      pointerId: 3,
      pointerType: 'mouse',
      button: 2,
      clientX: 120,
      clientY: 48,
      pageX: 120,
      pageY: 60,
      ctrlKey: true,
      metaKey: false,
      shiftKey: false,
      target: { not: 'sent' },
    } as unknown as Event;
    expect(forwardEvent(pointer)).toEqual({
      type: 'pointermove',
      pointerId: 3,
      pointerType: 'mouse',
      button: 2,
      clientX: 120,
      clientY: 48,
      pageX: 120,
      pageY: 60,
      ctrlKey: true,
      metaKey: false,
      shiftKey: false,
    });
    const wheel = {
      type: 'wheel',
      clientX: 5,
      clientY: 6,
      pageX: 5,
      pageY: 6,
      button: 0,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      deltaY: -120,
      deltaMode: 0,
    } as unknown as Event;
    expect(forwardEvent(wheel)).toMatchObject({ type: 'wheel', deltaY: -120, deltaMode: 0 });
    const key = {
      type: 'keydown',
      key: 'Control',
      code: 'ControlLeft',
      ctrlKey: true,
    } as unknown as Event;
    expect(forwardEvent(key)).toEqual({
      type: 'keydown',
      key: 'Control',
      code: 'ControlLeft',
      ctrlKey: true,
      metaKey: undefined,
      shiftKey: undefined,
    });
    // Serialisable (no functions, no DOM objects).
    expect(structuredClone(forwardEvent(pointer))).toEqual(forwardEvent(pointer));
  });
});

describe('toNdc', () => {
  it('maps a box to −1…1 with y up', () => {
    const rect = { left: 100, top: 50, width: 200, height: 100 };
    expect(toNdc(100, 50, rect)).toEqual({ x: -1, y: 1 });
    expect(toNdc(300, 150, rect)).toEqual({ x: 1, y: -1 });
    expect(toNdc(200, 100, rect)).toEqual({ x: 0, y: 0 });
  });
});
