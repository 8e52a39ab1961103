/**
 * The conformance corpus (tests/fixtures/conformance/, written by make_corpus.py with straight numpy):
 * every legal variant opens, and every per-block rate equals the one numpy computed from the arrays.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockRateRow, MaskDump } from '../../../core/maskfile';
import { RANDOM_INIT_WARNING, dumpBlockRates, readMaskDump } from '../../../core/maskfile';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'conformance');

interface ExpectedFile {
  arch: string;
  modes: string[];
  compressed: boolean;
  blocks: Record<string, Omit<BlockRateRow, 'key'>>;
}
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedFile
>;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.laudmask.npz'))
  .sort();

function open(file: string): MaskDump {
  const r = readMaskDump(new Uint8Array(readFileSync(join(dir, file))));
  if (!r.ok) throw new Error(`${file}: ${r.code}: ${r.error}`);
  return r.dump;
}

const RATE_FIELDS = ['spatialRate', 'conv1Rate', 'conv2Rate', 'channelRate', 'gate'] as const;

describe('conformance corpus (numpy-written dumps)', () => {
  it('has at least 12 variants, each with numpy rates in expected.json', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it('covers the spec: modes, architectures, compression, S values and G > 1', () => {
    const all = Object.values(expected);
    const modes = new Set(all.flatMap((f) => f.modes));
    expect([...modes].sort()).toEqual(['both', 'channel', 'layer', 'spatial']);
    const archs = new Set(all.map((f) => f.arch));
    for (const a of ['uni_resnet50', 'uni_resnet101', 'lad_regnet_y_400mf'])
      expect(archs).toContain(a);
    expect(new Set(all.map((f) => f.compressed))).toEqual(new Set([true, false]));
    const granularities = new Set<number>();
    const groupSizes = new Set<number>();
    for (const f of files) {
      const dump = open(f);
      for (const b of dump.blocks) {
        if (b.mode !== 'layer' && b.granularity !== null) granularities.add(b.granularity);
        if (b.channelGroupSize !== null) groupSizes.add(b.channelGroupSize);
      }
    }
    for (const S of [1, 2, 4, 7, 8, 14]) expect(granularities).toContain(S);
    expect([...groupSizes].some((G) => G > 1)).toBe(true);
  });

  it.each(files)('%s opens and its per-block rates equal numpy’s', (file) => {
    const dump = open(file);
    const want = expected[file]!;
    expect(dump.arch.trainingArch).toBe(want.arch);
    const rows = dumpBlockRates(dump);
    expect(rows.map((r) => r.key)).toEqual(Object.keys(want.blocks).sort(byBlockKey));
    for (const row of rows) {
      const numpy = want.blocks[row.key]!;
      for (const field of RATE_FIELDS) {
        const got = row[field];
        const ref = numpy[field];
        if (ref === null) expect(got, `${row.key} ${field}`).toBeNull();
        else expect(Math.abs((got ?? Number.NaN) - ref), `${row.key} ${field}`).toBeLessThan(1e-6);
      }
    }
    // The manifest's own rates agree with the arrays: no rate warning.
    expect(dump.warnings.some((w) => w.includes('rates differ'))).toBe(false);
  });

  it('shows the random-init notice once, only for the file whose weights mention "random"', () => {
    for (const file of files) {
      const dump = open(file);
      const notices = dump.warnings.filter((w) => w === RANDOM_INIT_WARNING);
      const random = /random/i.test(dump.weightsText ?? '');
      expect(notices.length, file).toBe(random ? 1 : 0);
      expect(dump.weights, file).toBe(random ? 'random-init' : 'checkpoint');
    }
    expect(open('r50-both-random.laudmask.npz').weightsText).toBe(
      'random-init (masks meaningless)',
    );
  });

  it('derives absent conv masks and says so; reads bool and big-endian members', () => {
    const noConv = open('r50-spatial-s14-no-conv.laudmask.npz');
    expect(noConv.blocks.every((b) => b.derived.join() === 'conv2,conv1')).toBe(true);
    expect(noConv.warnings.join(' ')).toContain('no conv1 and conv2 masks for 16 blocks');
    const bool = open('r50-spatial-s1-bool.laudmask.npz');
    expect(bool.blocks[0]!.grid!.height).toBe(56);
    expect(new Set(bool.blocks[0]!.grid!.data)).toEqual(new Set([0, 1]));
    const be = open('r50-spatial-g2-bigendian.laudmask.npz');
    const b0 = be.blocks[0]!;
    expect(b0.grid!.groups).toBe(2);
    // keep − skip ≥ 0 exactly where the cell is kept: the big-endian float16 decoded right.
    for (let i = 0; i < b0.grid!.data.length; i++)
      expect(b0.gridScore!.data[i]! >= 0).toBe(b0.grid!.data[i] === 1);
  });

  it('leaves out what a file does not record (crop box, original size)', () => {
    const minimal = open('r50-layer-minimal.laudmask.npz');
    expect(minimal.cropBox).toBeNull();
    expect(minimal.origSize).toBeNull();
    const full = open('r50-spatial-s4-savez.laudmask.npz');
    expect(full.origSize).toEqual([320, 256]);
    expect(full.cropBox).toEqual([48, 16, 272, 240]);
    expect(full.checkpoint).toBe('r50_t0.5.pth.tar');
  });
});

/** stage1/2 before stage1/10 before stage2/0. */
function byBlockKey(a: string, b: string): number {
  const pa = a.replace('stage', '').split('/').map(Number);
  const pb = b.replace('stage', '').split('/').map(Number);
  return pa[0]! - pb[0]! || pa[1]! - pb[1]!;
}
