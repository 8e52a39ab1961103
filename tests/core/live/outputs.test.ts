/**
 * Session outputs → mask dump (`outputsToDump`), and threshold offsets on the soft scores
 * (`applyThresholdOffsets`). The outputs are built from the Python exporter's committed dump (its arrays
 * with a batch axis, as onnxruntime returns them), so the mapping is checked without a runtime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveTensor } from '../../../core/live';
import {
  applyThresholdOffsets,
  blockOffset,
  checkThresholdOffsets,
  dumpContentOf,
  NO_OFFSETS,
  outputsToDump,
  parseLiveModel,
  thresholdOffsetsSchema,
} from '../../../core/live';
import type { MaskDump } from '../../../core/maskfile';
import { readMaskDump, writeMaskDump } from '../../../core/maskfile';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'onnx');
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));
const parsed = parseLiveModel(read('tiny-mixed.onnx'));
if (!parsed.ok) throw new Error(parsed.error);
const meta = parsed.meta;
const pyRead = readMaskDump(read('tiny-mixed.laudmask.npz'));
if (!pyRead.ok) throw new Error(pyRead.error);
const py: MaskDump = pyRead.dump;

/** What a session would return for the Python dump's masks. */
function sessionOutputs(dump: MaskDump): Record<string, LiveTensor> {
  const out: Record<string, LiveTensor> = {
    logits: {
      data: new Float32Array(1000).map((_, i) => (i === 140 ? 5 : i === 7 ? 4 : -i / 1000)),
      dims: [1, 1000],
    },
  };
  for (const b of dump.blocks) {
    const dims = (p: { groups: number; height: number; width: number }) => [
      1,
      p.groups,
      p.height,
      p.width,
    ];
    if (b.grid) out[`${b.key}/spatial`] = { data: b.grid.data, dims: dims(b.grid) };
    if (b.gridScore)
      out[`${b.key}/spatial_logit`] = { data: b.gridScore.data, dims: dims(b.gridScore) };
    if (b.conv2) out[`${b.key}/conv2`] = { data: b.conv2.data, dims: dims(b.conv2) };
    if (b.conv1) out[`${b.key}/conv1`] = { data: b.conv1.data, dims: dims(b.conv1) };
    if (b.channel) out[`${b.key}/channel`] = { data: b.channel, dims: [1, b.channel.length] };
  }
  return out;
}

describe('outputsToDump', () => {
  it('maps every output to the block and mask the dump reader gives', () => {
    const r = outputsToDump(meta, sessionOutputs(py));
    if (!r.ok) throw new Error(r.error);
    const live = r.dump;
    expect(live.arch.id).toBe('resnet50');
    expect(live.weights).toBe('checkpoint');
    expect(live.modes).toEqual(py.modes);
    expect(live.manifest.prediction?.top5_index).toEqual([140, 7, 0, 1, 2]);
    for (const [i, b] of live.blocks.entries()) {
      const p = py.blocks[i]!;
      expect([b.key, b.mode, b.granularity, b.channelGroupSize]).toEqual([
        p.key,
        p.mode,
        p.granularity,
        p.channelGroupSize,
      ]);
      expect(b.grid?.data).toEqual(p.grid?.data);
      expect(b.conv2?.data).toEqual(p.conv2?.data);
      expect(b.conv1?.data).toEqual(p.conv1?.data);
      expect(b.channel).toEqual(p.channel);
      expect(b.rates).toEqual(p.rates);
      expect(b.module).toBe(p.module);
    }
    // Written as a .laudmask.npz, the dump reader takes it back with the same masks and rates.
    const back = readMaskDump(writeMaskDump(dumpContentOf({ ...live, imagePng: py.imagePng })));
    if (!back.ok) throw new Error(back.error);
    expect(back.dump.warnings).toEqual([]);
    expect(back.dump.blocks.map((b) => b.rates)).toEqual(py.blocks.map((b) => b.rates));
  });

  it('derives conv masks a model does not output, and says so', () => {
    const outputs = sessionOutputs(py);
    delete outputs['stage1/0/conv1'];
    const m = structuredClone(meta);
    delete m.blocks[0]!.outputs.conv1;
    const r = outputsToDump(
      { ...meta, blocks: m.blocks.map((b, i) => ({ ...b, geometry: meta.blocks[i]!.geometry })) },
      outputs,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.dump.blocks[0]!.derived).toEqual(['conv1']);
    expect(r.dump.blocks[0]!.conv1?.data).toEqual(py.blocks[0]!.conv1?.data);
  });

  it('refuses missing outputs, wrong shapes and non-binary masks with messages', () => {
    const outputs = sessionOutputs(py);
    const without = { ...outputs };
    delete without['stage2/0/spatial'];
    expect(outputsToDump(meta, without)).toEqual({
      ok: false,
      error: 'The model returned no "stage2/0/spatial" output (block stage2/0).',
    });
    const noLogits = { ...outputs };
    delete noLogits.logits;
    expect(outputsToDump(meta, noLogits)).toEqual({
      ok: false,
      error: 'The model returned no "logits" output.',
    });
    const misshapen = {
      ...outputs,
      'stage1/0/spatial': { data: new Uint8Array(49), dims: [1, 1, 7, 7] },
    };
    expect(outputsToDump(meta, misshapen)).toEqual({
      ok: false,
      error:
        'Output stage1/0/spatial has shape [1, 1, 7, 7]; ResNet-50 stage1/0 needs [1, 1, 14, 14].',
    });
    const values = new Uint8Array(196).fill(1);
    values[5] = 2;
    expect(
      outputsToDump(meta, {
        ...outputs,
        'stage1/0/spatial': { data: values, dims: [1, 1, 14, 14] },
      }),
    ).toEqual({
      ok: false,
      error: 'Output stage1/0/spatial holds 2 at index 5; masks hold only 0 and 1.',
    });
  });
});

/** Nearest upsampling of a [1, h, w] grid by S (written here, independently of core). */
function upsample(grid: Uint8Array, side: number, S: number): Uint8Array {
  const out = new Uint8Array(side * S * side * S);
  for (let y = 0; y < side * S; y++)
    for (let x = 0; x < side * S; x++)
      out[y * side * S + x] = grid[Math.floor(y / S) * side + Math.floor(x / S)]!;
  return out;
}
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

describe('threshold offsets', () => {
  it('decision = score ≥ offset; conv masks and kept fractions follow; others untouched', () => {
    const offsets = { global: -0.5, perBlock: { 'stage1/1': 1.25, 'stage4/0': -100 } };
    const pristine = Uint8Array.from(py.blocks[1]!.grid!.data);
    const moved = applyThresholdOffsets(py, offsets);
    expect(py.blocks[1]!.grid!.data).toEqual(
      readMaskDump(read('tiny-mixed.laudmask.npz')).ok ? pristine : null,
    ); // input not modified
    let changed = 0;
    for (const [i, b] of moved.blocks.entries()) {
      const p = py.blocks[i]!;
      const t = blockOffset(offsets, b.key);
      expect(t).toBe(-0.5 + (b.key === 'stage1/1' ? 1.25 : b.key === 'stage4/0' ? -100 : 0));
      expect(b.channel).toEqual(p.channel);
      if (!p.grid || !p.gridScore) continue;
      const expected = Uint8Array.from(p.gridScore.data, (s) => (s >= t ? 1 : 0));
      expect(b.grid!.data).toEqual(expected);
      if (!Buffer.from(expected).equals(Buffer.from(p.grid.data))) changed++;
      const S = b.conv2!.height / b.grid!.height;
      expect(b.conv2!.data).toEqual(upsample(expected, b.grid!.height, S));
      expect(b.rates.spatial).toBeCloseTo(mean(expected), 12);
      expect(b.rates.conv2).toBeCloseTo(mean(b.conv2!.data), 12);
      expect(b.rates.conv1).toBeCloseTo(mean(b.conv1!.data), 12);
    }
    expect(changed).toBeGreaterThan(5);
    // stage4 is layer mode: −100.5 opens stage4/0's gate, which the model had closed.
    expect(py.blocks.find((b) => b.key === 'stage4/0')!.rates.spatial).toBe(0);
    expect(moved.blocks.find((b) => b.key === 'stage4/0')!.rates.spatial).toBe(1);
    // Keeping more (negative offset) never keeps fewer cells.
    for (const [i, b] of moved.blocks.entries()) {
      if (b.key !== 'stage1/1' && b.grid)
        expect(b.rates.spatial!).toBeGreaterThanOrEqual(py.blocks[i]!.rates.spatial!);
    }
  });

  it('zero offsets return the model decisions unchanged', () => {
    expect(applyThresholdOffsets(py, { global: 0, perBlock: { 'stage1/0': 0 } })).toBe(py);
    expect(applyThresholdOffsets(py, NO_OFFSETS)).toBe(py);
  });

  it('offsets stored with a configuration parse with defaults and bounds', () => {
    expect(thresholdOffsetsSchema.parse({})).toEqual({ global: 0, perBlock: {} });
    expect(thresholdOffsetsSchema.parse({ perBlock: { 'stage2/0': -0.25 } })).toEqual({
      global: 0,
      perBlock: { 'stage2/0': -0.25 },
    });
    expect(thresholdOffsetsSchema.safeParse({ global: 'x' }).success).toBe(false);
    expect(thresholdOffsetsSchema.safeParse({ global: 1e9 }).success).toBe(false);
  });

  it('checks offsets against the architecture', () => {
    expect(
      checkThresholdOffsets(py.arch, { global: 0.5, perBlock: { 'stage3/5': -1 } }),
    ).toBeNull();
    expect(checkThresholdOffsets(py.arch, { global: 0, perBlock: { 'stage5/0': 1 } })).toBe(
      'Threshold offset for block "stage5/0", which ResNet-50 does not have.',
    );
    expect(checkThresholdOffsets(py.arch, { global: Number.NaN, perBlock: {} })).toBe(
      'The global threshold offset NaN is not a finite number.',
    );
  });
});
