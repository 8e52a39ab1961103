import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  readMaskSetSummary,
  writeMaskSetSummary,
  type MaskSetSummary,
} from '../../../core/maskset';
import { smallSet } from './helpers';

/** A spatial ResNet-50 set of 3 images: rate of image i, block b = (b + i) / 64 (exact in float32). */
function spatialSet(): MaskSetSummary {
  const s = smallSet({
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    S: [4, 4, 2, 1],
    images: 3,
    rate: (kind, i, b) => (kind === 'conv1' ? 0.75 : (b + i) / 64),
  });
  s.blocks[0]!.meanMap = new Float32Array(1 * 14 * 14).fill(0.25);
  return s;
}

/** A `.npy` with little-endian float64 or int64 values, written by hand as numpy lays it out. */
function npy64(descr: '<f8' | '<i8', values: number[], shape: number[]): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat((64 - ((11 + header.length) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  values.forEach((v, i) =>
    descr === '<f8' ? view.setFloat64(i * 8, v, true) : view.setBigInt64(i * 8, BigInt(v), true),
  );
  return out;
}

/** The summary's members, changed by `edit`, zipped again (deflated when asked). */
function rezip(
  bytes: Uint8Array,
  edit: (m: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void,
  level: 0 | 6 = 0,
): Uint8Array {
  const members = unzipSync(bytes);
  const manifest = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as Record<
    string,
    unknown
  >;
  edit(members, manifest);
  members['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
  return zipSync(Object.fromEntries(Object.entries(members).map(([k, v]) => [k, [v, { level }]])));
}

function read(bytes: Uint8Array): MaskSetSummary {
  const r = readMaskSetSummary(bytes);
  if (!r.ok) throw new Error(`${r.code}: ${r.error}`);
  return r.summary;
}

describe('readMaskSetSummary', () => {
  it('reads back what the writer wrote: shape, rates, classes, paths, mean maps', () => {
    const s = read(writeMaskSetSummary(spatialSet()));
    expect(s.images).toBe(3);
    expect(s.arch.id).toBe('resnet50');
    expect(s.blocks.length).toBe(16);
    expect(s.modes).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
    expect(s.blocks[3]).toMatchObject({ key: 'stage2/0', granularity: 4, gridShape: [1, 7, 7] });
    expect(s.blocks[13]!.gridShape).toEqual([1, 7, 7]);
    expect(s.rates.spatial[2 * 16 + 5]).toBe(7 / 64);
    expect(s.rates.conv1[16]).toBe(0.75);
    expect(Number.isNaN(s.rates.channel[0]!)).toBe(true);
    expect(Number.isNaN(s.rates.gate[0]!)).toBe(true);
    expect([...s.label]).toEqual([0, 1, 0]);
    expect([...s.predicted]).toEqual([0, 1, 2]);
    expect(s.classNames).toEqual(['cat', 'dog']);
    expect(s.dumps[1]).toBe('dog/img1.laudmask.npz');
    expect(s.sources[2]).toBe('cat/img2.jpg');
    expect(s.blocks[0]!.meanMap!.length).toBe(196);
    expect(s.blocks[0]!.meanMap![100]).toBe(0.25);
    expect(s.blocks[1]!.meanMap).toBeNull();
    expect(s.model).toMatchObject({
      arch: 'uni_resnet50',
      checkpoint: 'best.pth',
      weights: 'checkpoint',
    });
    expect(s.warnings).toEqual([]);
  });

  it('is liberal: numpy float64/int64 arrays, deflated members, extra keys, free-text weights, optional members absent', () => {
    const bytes = rezip(
      writeMaskSetSummary(spatialSet()),
      (m, manifest) => {
        const rates = Array.from({ length: 48 }, (_, k) => (Math.floor(k / 16) + (k % 16)) / 64);
        m['spatial_rate.npy'] = npy64('<f8', rates, [3, 16]);
        m['label.npy'] = npy64('<i8', [1, -1, 0], [3]);
        delete m['predicted.npy'];
        delete m['channel_rate.npy'];
        delete m['gate.npy'];
        delete m['mean_map/stage1/0.npy'];
        const model = manifest.model as Record<string, unknown>;
        model.weights = 'random-init (masks meaningless)';
        delete model.channel_dyn_granularity;
        delete model.spatial_mask_channel_group;
        delete manifest.blocks;
        delete manifest.dumps;
        manifest.exported_by = 'my own script';
      },
      6,
    );
    const s = read(bytes);
    expect(s.rates.spatial[2 * 16 + 5]).toBe(7 / 64);
    expect([...s.label]).toEqual([1, -1, 0]);
    expect([...s.predicted]).toEqual([-1, -1, -1]);
    expect(Number.isNaN(s.rates.channel[7]!)).toBe(true);
    expect(s.blocks[0]!.meanMap).toBeNull();
    expect(s.dumps).toEqual(['', '', '']);
    expect(s.model.weights).toBe('random-init (masks meaningless)');
    expect(s.warnings).toEqual([
      'These masks come from a randomly initialised model: they test the pipeline and mean nothing.',
    ]);
  });

  it('derives a missing gate column of layer blocks from their spatial rates', () => {
    const set = smallSet({
      modes: ['spatial', 'spatial', 'layer', 'layer'],
      S: [4, 4, 14, 7],
      images: 2,
      rate: (_k, i) => (i === 0 ? 1 : 0),
    });
    const bytes = rezip(writeMaskSetSummary(set), (m) => delete m['gate.npy']);
    const s = read(bytes);
    expect(s.blocks[7]!.mode).toBe('layer');
    expect(s.blocks[7]!.gridShape).toEqual([1, 1, 1]);
    expect(s.rates.gate[7]).toBe(1);
    expect(s.rates.gate[16 + 7]).toBe(0);
    expect(Number.isNaN(s.rates.gate[0]!)).toBe(true);
  });

  const strict: [
    string,
    (m: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void,
    string,
    string,
  ][] = [
    [
      'a rate array of the wrong shape',
      (m) => (m['conv2_rate.npy'] = npy64('<f8', new Array<number>(45).fill(0.5), [3, 15])),
      'wrong-shape',
      'Member conv2_rate.npy has shape [3, 15]; expected [3, 16] (images × blocks of ResNet-50)',
    ],
    [
      'a rate above 1',
      (m) =>
        (m['spatial_rate.npy'] = npy64(
          '<f8',
          new Array<number>(48).fill(0.5).fill(1.5, 20, 21),
          [3, 16],
        )),
      'bad-values',
      'Member spatial_rate.npy holds 1.5 for image 1, block stage2/1',
    ],
    [
      'a label beyond the class list',
      (m) => (m['label.npy'] = npy64('<i8', [0, 2, 1], [3])),
      'bad-values',
      'gives image 1 the label 2; expected -1 (unknown) or a class index below 2',
    ],
    [
      'a mean map of another size',
      (m) => (m['mean_map/stage1/0.npy'] = npy64('<f8', [0.5, 0.5], [2])),
      'wrong-shape',
      'Member mean_map/stage1/0.npy has shape [2]; expected [1, 14, 14]',
    ],
    [
      'no spatial rates for spatial blocks',
      (m) => delete m['spatial_rate.npy'],
      'member-missing',
      'The summary has no spatial_rate.npy, but block stage1/0 (spatial) has such masks',
    ],
    [
      'an unknown architecture',
      (_m, man) => ((man.model as Record<string, unknown>).arch = 'uni_resnet18'),
      'unknown-arch',
      'architecture "uni_resnet18"',
    ],
    [
      'a granularity that does not divide',
      (_m, man) => ((man.model as Record<string, unknown>).mask_spatial_granularity = [5, 4, 2, 1]),
      'bad-config',
      'mask_spatial_granularity 5 of stage 1 does not divide its resolution 56',
    ],
    [
      'a per-image dump',
      (_m, man) => (man.format = 'laudmask'),
      'wrong-format',
      'this is a per-image mask dump, not a set summary',
    ],
    ['another version', (_m, man) => (man.version = 2), 'wrong-version', 'version 2'],
    [
      'an image count that disagrees',
      (_m, man) => (man.images = 4),
      'wrong-shape',
      'expected [4, 16]',
    ],
    [
      'a truncated array',
      (m) => (m['conv1_rate.npy'] = m['conv1_rate.npy']!.subarray(0, 200)),
      'npy-invalid',
      'Member conv1_rate.npy is not usable: its data is truncated',
    ],
  ];
  for (const [what, edit, code, message] of strict) {
    it(`refuses ${what}, saying so`, () => {
      const r = readMaskSetSummary(rezip(writeMaskSetSummary(spatialSet()), edit));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe(code);
      expect(r.error).toContain(message);
    });
  }

  it('refuses what is not a summary at all', () => {
    expect(readMaskSetSummary(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty' });
    expect(readMaskSetSummary(new TextEncoder().encode('hello'))).toMatchObject({
      ok: false,
      code: 'not-zip',
    });
    const noManifest = zipSync({ 'a.npy': new Uint8Array(3) });
    expect(readMaskSetSummary(noManifest)).toMatchObject({ ok: false, code: 'manifest-missing' });
    const truncated = writeMaskSetSummary(spatialSet()).subarray(0, 500);
    expect(readMaskSetSummary(truncated)).toMatchObject({ ok: false, code: 'zip' });
  });
});
