import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import type { MaskDump, ReferenceDynMode } from '../../../core/maskfile';
import { composeMaskDump, encodePngRgb, readMaskDump, writeMaskDump } from '../../../core/maskfile';
import {
  createMaskSetBuilder,
  crc32,
  readMaskSetSummary,
  writeMaskSetSummary,
} from '../../../core/maskset';

const png = encodePngRgb(new Uint8Array(224 * 224 * 4).fill(60), 224, 224);

/** A dump whose every grid keeps its first `kept` cells and whose channel masks keep groups < `groups`. */
function dump(
  kept: number,
  groups: number,
  modes: ReferenceDynMode[],
  archId = 'resnet50',
  top1 = 3,
): MaskDump {
  const bytes = writeMaskDump(
    composeMaskDump({
      arch: findBuiltinArchitecture(archId)!,
      modes,
      spatialGranularity: [4, 4, 2, 1],
      channelGroupSize: [2, 2, 2, 2],
      imagePng: png,
      prediction: { top5_index: [top1, 1, 2, 4, 5], top5_prob: [0.5, 0.2, 0.1, 0.1, 0.1] },
      masksFor: (_b, arrays) => {
        const grid = arrays.find((a) => a.kind === 'spatial');
        const ch = arrays.find((a) => a.kind === 'channel');
        const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
        return {
          grid: grid && Array.from({ length: size(grid.shape) }, (_, c) => (c < kept ? 1 : 0)),
          channel: ch && Array.from({ length: size(ch.shape) }, (_, c) => (c < groups ? 1 : 0)),
        };
      },
    }),
  );
  const r = readMaskDump(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.dump;
}

describe('createMaskSetBuilder', () => {
  const modes: ReferenceDynMode[] = ['spatial', 'both', 'channel', 'layer'];

  it('summarises dumps: rows equal their rates, labels from sorted class names, running mean maps', () => {
    const b = createMaskSetBuilder();
    expect(b.add('zebra/a.laudmask.npz', dump(1, 4, modes, 'resnet50', 7), 'zebra')).toBeNull();
    expect(b.add('ant/b.laudmask.npz', dump(3, 8, modes), 'ant')).toBeNull();
    expect(b.add('c.laudmask.npz', dump(2, 0, modes), null)).toBeNull();
    expect(b.images).toBe(3);
    const s = b.finish()!;
    expect(s.images).toBe(3);
    expect(s.classNames).toEqual(['ant', 'zebra']);
    expect([...s.label]).toEqual([1, 0, -1]);
    expect([...s.predicted]).toEqual([7, 3, 3]);
    expect(s.dumps).toEqual(['zebra/a.laudmask.npz', 'ant/b.laudmask.npz', 'c.laudmask.npz']);
    // stage1/0: 14×14 grid (S 4), kept cells 1, 3, 2 → rates 1/196, 3/196, 2/196.
    expect(s.rates.spatial[0]).toBe(Math.fround(1 / 196));
    expect(s.rates.spatial[16]).toBe(Math.fround(3 / 196));
    expect(s.blocks[0]!.meanMap!.slice(0, 4)).toEqual(Float32Array.from([1, 2 / 3, 1 / 3, 0]));
    // stage2/0 (both): 64 groups of G 2 (m 128) → kept 4, 8, 0 of 64.
    expect(s.blocks[3]!.channelGroups).toBe(64);
    expect([s.rates.channel[3], s.rates.channel[19], s.rates.channel[35]]).toEqual([
      0.0625, 0.125, 0,
    ]);
    expect(s.blocks[3]!.meanChannel!.slice(0, 5)).toEqual(
      Float32Array.from([2 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3]),
    );
    // stage4/0 (layer): the gate is one cell, kept in all three.
    expect(s.rates.gate[13]).toBe(1);
    expect(Number.isNaN(s.rates.gate[0]!)).toBe(true);
    expect(s.modes).toEqual(['spatial', 'spatial+channel', 'channel', 'layer']);
  });

  it('refuses a dump of another model or configuration, with the reason, and keeps the others', () => {
    const b = createMaskSetBuilder();
    expect(b.add('a.laudmask.npz', dump(1, 1, modes), null)).toBeNull();
    // A layer stage reads as S = its map side (7): layer skipping is the spatial mask with one cell.
    expect(b.add('b.laudmask.npz', dump(1, 1, modes, 'resnet101'), null)).toBe(
      'it was made with resnet101 spatial-both-channel-layer S 4-4-2-7 G 2-2-2-2; the set with resnet50 spatial-both-channel-layer S 4-4-2-7 G 2-2-2-2',
    );
    expect(
      b.add('c.laudmask.npz', dump(1, 1, ['spatial', 'spatial', 'spatial', 'spatial']), null),
    ).toContain('it was made with resnet50 spatial-spatial-spatial-spatial');
    expect(b.finish()!.images).toBe(1);
    expect(createMaskSetBuilder().finish()).toBeNull();
  });

  it('writes what the reader reads back', () => {
    const b = createMaskSetBuilder();
    b.add('a.laudmask.npz', dump(5, 2, modes), 'x');
    b.add('b.laudmask.npz', dump(9, 6, modes), 'y');
    const built = b.finish()!;
    const r = readMaskSetSummary(writeMaskSetSummary(built));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.summary.rates.spatial]).toEqual([...built.rates.spatial]);
    expect([...r.summary.blocks[3]!.meanChannel!]).toEqual([...built.blocks[3]!.meanChannel!]);
    expect(r.summary.blocks[0]!.module).toBe(built.blocks[0]!.module);
  });
});

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
