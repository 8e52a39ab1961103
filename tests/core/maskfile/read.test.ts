import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaskDump } from '../../../core/maskfile';
import { dumpToConfigPatch, readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { arch, content, firstCellsKept, greyPng, onesFraction } from './helpers';

function read(bytes: Uint8Array, opts?: Parameters<typeof readMaskDump>[1]): MaskDump {
  const r = readMaskDump(bytes, opts);
  if (!r.ok) throw new Error(`expected a valid dump, got ${r.code}: ${r.error}`);
  return r.dump;
}

const resnet50 = arch('resnet50');
const spatial = ['spatial', 'spatial', 'spatial', 'spatial'] as const;

describe('readMaskDump on a ResNet-50 spatial 4-4-2-1 dump', () => {
  const dump = read(writeMaskDump(content(resnet50, [...spatial], [4, 4, 2, 1], [2, 2, 2, 2])));

  it('adopts the architecture and configuration', () => {
    expect(dump.arch.id).toBe('resnet50');
    expect(dump.modes).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
    expect(dump.spatialGranularity).toEqual([4, 4, 2, 1]);
    expect(dump.blocks.map((b) => b.key)).toEqual([
      'stage1/0',
      'stage1/1',
      'stage1/2',
      'stage2/0',
      'stage2/1',
      'stage2/2',
      'stage2/3',
      'stage3/0',
      'stage3/1',
      'stage3/2',
      'stage3/3',
      'stage3/4',
      'stage3/5',
      'stage4/0',
      'stage4/1',
      'stage4/2',
    ]);
    expect(dump.warnings).toEqual([]);
    expect(Array.from(dump.imagePng)).toEqual(Array.from(greyPng));
  });

  it('has the shapes of spec §8 (grids, conv2 at output, conv1 at input resolution)', () => {
    const b = (key: string) => dump.blocks.find((x) => x.key === key)!;
    expect([
      b('stage1/0').grid!.height,
      b('stage2/0').grid!.height,
      b('stage3/0').grid!.height,
      b('stage4/0').grid!.height,
    ]).toEqual([14, 7, 7, 7]);
    expect([
      b('stage1/0').conv2!.height,
      b('stage2/0').conv2!.height,
      b('stage3/0').conv2!.height,
      b('stage4/0').conv2!.height,
    ]).toEqual([56, 28, 14, 7]);
    expect([
      b('stage2/0').conv1!.height,
      b('stage3/0').conv1!.height,
      b('stage4/0').conv1!.height,
    ]).toEqual([56, 28, 14]);
    expect([b('stage2/1').conv1!.height, b('stage3/1').conv1!.height]).toEqual([28, 14]);
    expect(b('stage1/0').channel).toBeNull();
  });

  it('computes rates from the arrays (hand-worked values)', () => {
    // Block k keeps its first k+1 cells: stage1/0 keeps cell (0,0) of 14×14.
    const first = dump.blocks[0]!;
    expect(first.rates.spatial).toBe(1 / 196);
    expect(first.rates.conv2).toBe(16 / 3136); // one 4×4 patch of 56×56
    expect(first.rates.conv1).toBe(25 / 3136); // dilated to 5×5 at the corner
    // stage2/0 (stride 2, S = 4): cells 0..3 of the first row of 7×7 → outputs 0..15 of rows 0..3;
    // conv1 reads inputs 0..31 of rows 0..7 (2i ± 1 clipped), i.e. 32×8 of 56×56.
    const s20 = dump.blocks[3]!;
    expect(s20.rates.spatial).toBe(4 / 49);
    expect(s20.rates.conv2).toBe((16 * 4) / 784);
    expect(s20.rates.conv1).toBe((32 * 8) / 3136);
    for (const block of dump.blocks) {
      expect(block.rates.spatial).toBe(onesFraction(block.grid!.data));
      expect(block.manifestRates).toEqual(block.rates);
    }
  });

  it('gives the configuration patch the UI adopts', () => {
    const patch = dumpToConfigPatch(dump);
    expect(patch.modelId).toBe('resnet50');
    expect(patch.spatialGranularity).toEqual([4, 4, 2, 1]);
    expect(patch.blockRates['stage1/2']).toBe(3 / 196);
    expect(patch.blockRates['stage4/2']).toBe(16 / 49); // 16th block, S = 1: 16 of 7×7 cells
    expect(patch.blockChannelRates).toEqual({});
  });
});

describe('readMaskDump on other modes and architectures', () => {
  it('reads layer gates, channel groups and spatial+channel blocks', () => {
    const dump = read(
      writeMaskDump(
        content(resnet50, ['layer', 'both', 'channel', 'spatial'], [56, 4, 2, 7], [2, 4, 2, 8]),
      ),
    );
    expect(dump.modes).toEqual(['layer', 'spatial+channel', 'channel', 'spatial']);
    const gate = dump.blocks[0]!;
    expect(gate.grid).toMatchObject({ groups: 1, height: 1, width: 1 });
    expect(gate.granularity).toBe(56);
    expect(gate.rates).toEqual({ spatial: 1, conv2: 1, conv1: 1, channel: null });
    const both = dump.blocks[3]!; // stage2/0: m = 128, G = 4 → 32 groups, even ones kept
    expect(both.channel!.length).toBe(32);
    expect(both.rates.channel).toBe(0.5);
    expect(both.grid!.height).toBe(7);
    const channelOnly = dump.blocks[7]!; // stage3/0: m = 256, G = 2
    expect(channelOnly.grid).toBeNull();
    expect(channelOnly.channel!.length).toBe(128);
    expect(channelOnly.rates).toEqual({ spatial: null, conv2: null, conv1: null, channel: 0.5 });
    const patch = dumpToConfigPatch(dump);
    expect(patch.modes).toEqual(['layer', 'spatial+channel', 'channel', 'spatial']);
    expect(patch.spatialGranularity).toEqual([56, 4, 2, 7]);
    expect(patch.channelGroupSize).toEqual([2, 4, 2, 8]);
    expect(patch.blockRates['stage3/0']).toBe(0.5);
    expect(patch.blockRates['stage2/0']).toBe(4 / 49);
    expect(patch.blockChannelRates['stage2/0']).toBe(0.5);
  });

  it("puts the first RegNet block's conv1 mask at 112×112 (stride-2 stage 1)", () => {
    const dump = read(
      writeMaskDump(content(arch('regnety004'), [...spatial], [4, 4, 2, 1], [2, 2, 2, 2])),
    );
    expect(dump.blocks.length).toBe(16);
    expect(dump.blocks[0]!.conv1!.height).toBe(112);
    expect(dump.blocks[0]!.conv2!.height).toBe(56);
  });

  it('reads a 33-block ResNet-101 dump', () => {
    const dump = read(
      writeMaskDump(content(arch('resnet101'), [...spatial], [4, 4, 2, 1], [2, 2, 2, 2])),
    );
    expect(dump.blocks.length).toBe(33);
    expect(dump.blocks[32]!.key).toBe('stage4/2');
  });

  it('reads the committed fixtures', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures');
    const dump = read(new Uint8Array(readFileSync(join(dir, 'resnet50-spatial.laudmask.npz'))));
    expect(dump.spatialGranularity).toEqual([4, 4, 2, 1]);
    const rates = dump.blocks.map((b) => onesFraction(b.grid!.data));
    expect(dump.blocks.map((b) => b.rates.spatial)).toEqual(rates);
    expect(rates.some((r) => r > 0 && r < 1)).toBe(true);
    const mixed = read(new Uint8Array(readFileSync(join(dir, 'resnet50-mixed.laudmask.npz'))));
    expect(mixed.modes).toEqual(['spatial', 'spatial+channel', 'channel', 'layer']);
  });
});

describe('readMaskDump options and warnings', () => {
  const bytes = writeMaskDump(content(resnet50, [...spatial], [4, 4, 2, 1], [2, 2, 2, 2]));

  it('refuses a dump for another model than expected', () => {
    const r = readMaskDump(bytes, { expectedModelId: 'resnet101' });
    expect(r).toMatchObject({ ok: false, code: 'other-arch' });
    expect(!r.ok && r.error).toBe('The dump is for ResNet-50, not ResNet-101.');
  });

  it('enforces the file and unzip limits', () => {
    expect(readMaskDump(bytes, { maxFileBytes: 1000 })).toMatchObject({
      ok: false,
      code: 'too-large',
    });
    expect(readMaskDump(bytes, { limits: { maxMembers: 10 } })).toMatchObject({
      ok: false,
      code: 'too-many-members',
    });
    expect(readMaskDump(bytes, { limits: { maxTotalBytes: 50_000 } })).toMatchObject({
      ok: false,
      code: 'decompressed-too-large',
    });
  });

  it('warns when the manifest rates disagree with the arrays, and about random weights', () => {
    const c = content(resnet50, [...spatial], [4, 4, 2, 1], [2, 2, 2, 2], undefined, {
      weights: 'random-init',
    });
    const m = c.manifest as { blocks: { spatial_rate: number }[] };
    m.blocks[2]!.spatial_rate = 0.9;
    const dump = read(writeMaskDump(c));
    expect(dump.warnings).toEqual([
      'These masks come from a randomly initialised model: they test the pipeline and mean nothing.',
      "The manifest's rates differ from the arrays for stage1/2; the rates shown are computed from the arrays.",
    ]);
    expect(dump.blocks[2]!.rates.spatial).toBe(3 / 196);
    expect(dump.blocks[2]!.manifestRates.spatial).toBe(0.9);
  });

  it('warns when conv2 is not the upsampled grid or logits disagree with decisions', () => {
    const c = content(resnet50, [...spatial], [4, 4, 2, 1], [2, 2, 2, 2], (block, arrays) => {
      const cells = arrays.find((e) => e.kind === 'spatial')!.shape.reduce((a, b) => a * b, 1);
      const grid = firstCellsKept(cells, 2);
      // Block stage1/1 claims "skip" logits for kept cells.
      return {
        grid,
        logits: Array.from(grid, (v) => (block.key === 'stage1/1' ? -1 : v ? 2 : -2)),
      };
    });
    const conv2 = c.arrays['stage3/0/conv2'];
    if (!conv2 || conv2 instanceof Uint8Array) throw new Error('no conv2');
    c.arrays['stage3/0/conv2'] = { ...conv2, data: new Uint8Array(196).fill(1) };
    const dump = read(writeMaskDump(c));
    expect(dump.warnings).toContain(
      'The conv2 mask is not the upsampled decision grid for stage3/0.',
    );
    expect(dump.warnings).toContain(
      'Some logits disagree in sign with the decisions for stage1/1.',
    );
  });
});
