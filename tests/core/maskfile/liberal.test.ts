/**
 * "Be liberal in what you accept" (issue 10): spellings and omissions other writers make are read, and
 * only data that would be wrong is refused, with a message naming the member, the expectation and the find.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaskDump, MaskDumpContent, ReadMaskDumpResult } from '../../../core/maskfile';
import {
  RANDOM_INIT_WARNING,
  normalizeDtype,
  readMaskDump,
  writeMaskDump,
  writeNpy,
} from '../../../core/maskfile';
import { arch, content } from './helpers';

const resnet50 = arch('resnet50');
const spatial = ['spatial', 'spatial', 'spatial', 'spatial'] as const;

type Json = Record<string, unknown>;
const base = (): MaskDumpContent =>
  content(resnet50, [...spatial], [4, 4, 2, 1], [2, 2, 2, 2], undefined, {
    weights: 'checkpoint',
  });
const manifestOf = (c: MaskDumpContent) => c.manifest as Json & { model: Json; arrays: Json };

function readContent(c: MaskDumpContent): ReadMaskDumpResult {
  return readMaskDump(writeMaskDump(c));
}
function ok(c: MaskDumpContent): MaskDump {
  const r = readContent(c);
  if (!r.ok) throw new Error(`expected a valid dump, got ${r.code}: ${r.error}`);
  return r.dump;
}

describe('normalizeDtype', () => {
  it.each([
    ['|u1', 'uint8'],
    ['<u1', 'uint8'],
    ['u1', 'uint8'],
    ['uint8', 'uint8'],
    ['np.uint8', 'uint8'],
    ['UINT8', 'uint8'],
    ['B', 'uint8'],
    ['|b1', 'bool'],
    ['bool', 'bool'],
    ['?', 'bool'],
    ['<f2', 'float16'],
    ['float16', 'float16'],
    ['e', 'float16'],
    ['>f4', 'float32'],
    ['b', 'int8'],
  ])('%s → %s', (text, dtype) => {
    expect(normalizeDtype(text)?.dtype).toBe(dtype);
  });

  it('knows the byte order only where it matters, and refuses what it does not know', () => {
    expect(normalizeDtype('>f2')).toEqual({ dtype: 'float16', itemBytes: 2, bigEndian: true });
    expect(normalizeDtype('>u1')).toEqual({ dtype: 'uint8', itemBytes: 1, bigEndian: false });
    expect(normalizeDtype('<c16')).toBeNull();
    expect(normalizeDtype('uint9')).toBeNull();
  });
});

describe('readMaskDump accepts what the spec allows', () => {
  it('takes any spelling of the dtypes in the manifest table', () => {
    const c = base();
    const m = manifestOf(c);
    const spellings = ['|u1', '<u1', 'u1', 'uint8', 'np.uint8', '|b1', 'bool'];
    let i = 0;
    for (const [name, entry] of Object.entries(m.arrays)) {
      const e = entry as { dtype: string };
      e.dtype = name.endsWith('_logit') ? ['<f2', 'float16', 'e'][i % 3]! : spellings[i % 7]!;
      i++;
    }
    expect(ok(c).blocks).toHaveLength(16);
  });

  it('reads bool members as 0/1 with the same rates as uint8 ones', () => {
    const fixtures = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures');
    const open = (f: string) => {
      const r = readMaskDump(new Uint8Array(readFileSync(join(fixtures, f))));
      if (!r.ok) throw new Error(r.error);
      return r.dump;
    };
    const bool = open('resnet50-bool-masks.laudmask.npz');
    const uint8 = open('resnet50-spatial.laudmask.npz');
    expect(Array.from(bool.blocks[0]!.grid!.data)).toEqual(Array.from(uint8.blocks[0]!.grid!.data));
    expect(bool.blocks.map((b) => b.rates)).toEqual(uint8.blocks.map((b) => b.rates));
  });

  it('ignores unknown keys and leaves out optional fields, blocks and the arrays table', () => {
    const c = base();
    const m = manifestOf(c);
    m.exporter = { name: 'my script' };
    m.model.learning_rate = 0.1;
    delete m.input;
    delete m.prediction;
    delete (m as Json).arrays;
    delete m.model.checkpoint;
    delete m.model.weights;
    delete m.model.channel_dyn_granularity;
    delete m.model.spatial_mask_channel_group;
    const dump = ok(c);
    expect(dump.weightsText).toBeNull();
    expect(dump.weights).toBe('checkpoint');
    expect(dump.cropBox).toBeNull();
    expect(dump.warnings).toEqual([]);
    delete m.blocks;
    const bare = ok(c);
    expect(bare.blocks[5]!.rates).toEqual(dump.blocks[5]!.rates);
    expect(bare.blocks[5]!.manifestRates.spatial).toBeNull();
  });

  it('matches manifest blocks by key, in any order', () => {
    const c = base();
    const m = manifestOf(c);
    (m.blocks as unknown[]).reverse();
    const dump = ok(c);
    expect(dump.blocks[0]!.key).toBe('stage1/0');
    expect(dump.warnings).toEqual([]);
  });

  it('takes arrays with size-1 axes dropped or added', () => {
    const c = base();
    const grid = c.arrays['stage1/0/spatial'] as { data: ArrayLike<number> };
    c.arrays['stage1/0/spatial'] = { dtype: 'uint8', shape: [14, 14], data: grid.data };
    const layer = content(
      resnet50,
      ['spatial', 'spatial', 'spatial', 'layer'],
      [4, 4, 2, 7],
      [1, 1, 1, 1],
    );
    const gate = layer.arrays['stage4/0/spatial'] as { data: ArrayLike<number> };
    layer.arrays['stage4/0/spatial'] = { dtype: 'uint8', shape: [], data: gate.data };
    expect(ok(c).blocks[0]!.grid!.height).toBe(14);
    expect(ok(layer).blocks[13]!.grid!.data.length).toBe(1);
  });

  it('treats any weights text that mentions "random" as random-init, with one notice', () => {
    const c = base();
    manifestOf(c).model.weights = 'Random weights, seed 0';
    const dump = ok(c);
    expect(dump.weights).toBe('random-init');
    expect(dump.weightsText).toBe('Random weights, seed 0');
    expect(dump.warnings.filter((w) => w === RANDOM_INIT_WARNING)).toHaveLength(1);
  });

  it('ignores members that are not part of the format, and says which', () => {
    const c = base();
    c.extraMembers = { 'logits.npy': writeNpy({ dtype: 'float32', shape: [1000], data: [] }) };
    expect(ok(c).warnings).toEqual([
      'Ignored members that are not part of a mask dump: logits.npy.',
    ]);
  });
});

describe('readMaskDump refuses data that would be wrong', () => {
  function refused(c: MaskDumpContent) {
    const r = readContent(c);
    if (r.ok) throw new Error('expected a refusal');
    return r;
  }

  it('a spatial stage without S', () => {
    const c = base();
    manifestOf(c).model.mask_spatial_granularity = [null, 4, 2, 1];
    const r = refused(c);
    expect(r.code).toBe('bad-config');
    expect(r.error).toContain('stage 1 is spatial but mask_spatial_granularity gives it no S');
  });

  it('a missing decision grid, and an optional member the manifest lists but the file lacks', () => {
    const c = base();
    delete c.arrays['stage2/0/spatial'];
    expect(refused(c).error).toBe(
      'Array stage2/0/spatial is missing from the dump (no member stage2/0/spatial.npy, but every spatial block has one).',
    );
    const d = base();
    delete d.arrays['stage2/0/spatial_logit'];
    expect(refused(d).error).toContain('stage2/0/spatial_logit is missing');
    delete manifestOf(d).arrays['stage2/0/spatial_logit'];
    expect(ok(d).blocks[3]!.gridScore).toBeNull();
  });

  it('a bool member whose bytes are not 0/1, and a mask stored as float', () => {
    const c = base();
    c.arrays['stage1/1/conv2'] = {
      dtype: 'bool',
      shape: [1, 56, 56],
      data: new Uint8Array(3136).fill(2),
    };
    expect(refused(c).error).toBe(
      'Array stage1/1/conv2 holds the value 2 at index 0; masks hold only 0 and 1.',
    );
    const d = base();
    manifestOf(d).arrays['stage1/1/conv1'] = { dtype: '<f4', shape: [1, 56, 56] };
    expect(refused(d).error).toBe(
      'manifest.json gives stage1/1/conv1 dtype <f4; it must be uint8 (or bool).',
    );
  });

  it('a mask of a mode the stage does not have', () => {
    const c = base();
    c.arrays['stage1/0/channel'] = { dtype: 'uint8', shape: [32], data: new Uint8Array(32) };
    const r = refused(c);
    expect(r.code).toBe('unexpected-member');
    expect(r.error).toContain('stage1/0/channel.npy');
  });

  it('a grid that does not fit S, even with size-1 axes dropped', () => {
    const c = base();
    c.arrays['stage1/0/spatial'] = { dtype: 'uint8', shape: [7, 28], data: new Uint8Array(196) };
    expect(refused(c).error).toBe(
      'Array stage1/0/spatial has shape [7, 28]; ResNet-50, stage 1, S = 4 needs [1, 14, 14].',
    );
  });
});
