import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaskDumpErrorCode } from '../../../core/maskfile';
import { readMaskDump } from '../../../core/maskfile';

const dir = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures', 'bad');

/** Each corrupt file of e2e/fixtures/bad/ (made by scripts/make-fixtures.ts) and the message it must get. */
const expected: Record<string, { code: MaskDumpErrorCode; message: string }> = {
  'empty.laudmask.npz': { code: 'empty', message: 'The file is empty.' },
  'not-a-zip.laudmask.npz': { code: 'not-zip', message: 'is not one' },
  'truncated.laudmask.npz': { code: 'zip-corrupt', message: 'The file is truncated or corrupt' },
  'missing-manifest.laudmask.npz': { code: 'manifest-missing', message: 'no manifest.json' },
  'manifest-not-json.laudmask.npz': {
    code: 'manifest-json',
    message: 'manifest.json is not valid JSON',
  },
  'wrong-format.laudmask.npz': {
    code: 'wrong-format',
    message: 'format "onnx-masks", expected "laudmask"',
  },
  'wrong-version.laudmask.npz': {
    code: 'wrong-version',
    message: 'version 2: this app reads version 1',
  },
  'manifest-invalid.laudmask.npz': { code: 'manifest-invalid', message: 'model.dyn_mode.1' },
  'unknown-arch.laudmask.npz': {
    code: 'unknown-arch',
    message: '"uni_resnet18", which this app does not know',
  },
  'bad-granularity.laudmask.npz': {
    code: 'bad-config',
    message: 'mask_spatial_granularity 3 of stage 1 does not divide its resolution 56',
  },
  'other-arch.laudmask.npz': { code: 'other-arch', message: 'lists 33 blocks' },
  'member-missing.laudmask.npz': {
    code: 'member-missing',
    message: 'Array stage2/1/conv1 is missing',
  },
  'wrong-dtype.laudmask.npz': {
    code: 'wrong-dtype',
    message: 'stage1/0/spatial has dtype float32; it must be uint8',
  },
  'wrong-shape.laudmask.npz': {
    code: 'wrong-shape',
    message: 'stage1/0/spatial has shape [1, 7, 7]; ResNet-50, stage 1, S = 4 needs [1, 14, 14]',
  },
  'manifest-shape.laudmask.npz': {
    code: 'wrong-shape',
    message: 'manifest.json gives stage3/2/conv2 shape [1, 28, 28]',
  },
  'mask-values.laudmask.npz': { code: 'mask-values', message: 'holds the value 255' },
  'npy-corrupt.laudmask.npz': {
    code: 'npy-invalid',
    message: 'stage1/1/conv2 is not a usable .npy array',
  },
  'unexpected-member.laudmask.npz': { code: 'unexpected-member', message: 'stage9/0/spatial.npy' },
  'image-missing.laudmask.npz': { code: 'image-missing', message: 'no image.png' },
  'image-not-png.laudmask.npz': { code: 'image-not-png', message: 'image.png is not a PNG image' },
  'zip-bomb.laudmask.npz': {
    code: 'decompressed-too-large',
    message: 'padding.bin expands to 80.0 MB',
  },
};

describe('corrupt-file corpus (e2e/fixtures/bad)', () => {
  const files = readdirSync(dir).sort();

  it('has at least 10 files, each with an expectation here', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s gets its specific message', (file, want) => {
    const r = readMaskDump(new Uint8Array(readFileSync(join(dir, file))));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(want.code);
    expect(r.error).toContain(want.message);
  });
});
