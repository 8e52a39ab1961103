/**
 * Runs the Python exporter (tools/laudmask-export) with Debian's /usr/bin/python3 + python3-torch on a
 * sample photo and the project's fake LAUDNet checkout, then reads the dumps with the app's reader.
 * CI installs python3-torch (.ci/run); elsewhere, without torch, the suite says why and is skipped.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaskDump } from '../../core/maskfile';
import { decodePng, dumpToConfigPatch, readMaskDump } from '../../core/maskfile';
import { preprocessGeometry } from '../../core/saliency/preprocess';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'tools', 'laudmask-export');
const fakeRepo = join(tool, 'tests', 'fake_laudnet');
const PYTHON = '/usr/bin/python3';

function torchAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} does not exist`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, PIL'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return `${PYTHON} cannot import torch/numpy/PIL: ${probe.stderr.trim().split('\n').pop()}`;
  return null;
}
const missing = torchAvailable();
if (missing) {
  console.log(
    `skipped: laudmask-export tests need python3-torch, python3-numpy, python3-pil (${missing})`,
  );
}

function python(args: string[]) {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function exporter(args: string[]) {
  return python([join(tool, 'export.py'), '--repo', fakeRepo, ...args]);
}
function readDump(path: string): MaskDump {
  const r = readMaskDump(new Uint8Array(readFileSync(path)));
  if (!r.ok) throw new Error(`${path}: ${r.code}: ${r.error}`);
  return r.dump;
}

describe.skipIf(missing !== null)('laudmask-export (Python exporter)', () => {
  let work = '';
  let images = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'laudmask-export-'));
    images = join(work, 'images');
    mkdirSync(images);
    copyFileSync(join(root, 'assets', 'samples', 'dog.jpg'), join(images, 'dog.jpg'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('exports a randomly initialised ResNet-50 (spatial 4-4-2-1), loudly, in a dump the app reads', () => {
    const out = join(work, 'random');
    const r = exporter([
      '--arch',
      'uni_resnet50',
      '--dyn-mode',
      'spatial-spatial-spatial-spatial',
      '--granularity',
      '4-4-2-1',
      '--images',
      images,
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('RANDOMLY INITIALISED');
    expect(r.stdout).not.toContain('building'); // the builder's prints are silenced
    const dump = readDump(join(out, 'dog.laudmask.npz'));
    expect(dump.weights).toBe('random-init');
    expect(dump.warnings).toEqual([
      'These masks come from a randomly initialised model: they test the pipeline and mean nothing.',
    ]);
    expect(dump.blocks.length).toBe(16);
    expect(dump.blocks.map((b) => b.grid!.height)).toEqual([
      14, 14, 14, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    ]);
    expect(dump.blocks[3]!.conv1!.height).toBe(56);
    // The manifest's crop box is the one the app's own preprocessing geometry computes.
    const g = preprocessGeometry(768, 576);
    expect(dump.origSize).toEqual([768, 576]);
    const [left, top, right, bottom] = dump.cropBox ?? [
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ];
    expect(left).toBeCloseTo(g.cropBox.x, 9);
    expect(top).toBeCloseTo(g.cropBox.y, 9);
    expect(right - left).toBeCloseTo(g.cropBox.width, 9);
    expect(bottom - top).toBeCloseTo(g.cropBox.height, 9);
    const image = decodePng(dump.imagePng);
    expect(image.ok && [image.width, image.height]).toEqual([224, 224]);
    expect(dump.manifest.prediction?.top5_index?.length).toBe(5);
  });

  it('rebuilds the configuration from a checkpoint hyper_set (flags lose) and exports real decisions', () => {
    const ckpt = join(work, 'mixed.pth');
    const made = python([
      join(tool, 'tests', 'make_checkpoint.py'),
      fakeRepo,
      ckpt,
      'uni_resnet50',
      'spatial-both-channel-layer',
      '8-4-7-7',
      '2-2-2-2',
    ]);
    expect(made.status, made.stderr).toBe(0);
    const out = join(work, 'mixed');
    const r = exporter([
      '--checkpoint',
      ckpt,
      '--granularity',
      '4-4-2-1',
      '--images',
      join(images, 'dog.jpg'),
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'ignoring --granularity 4-4-2-1: the checkpoint was trained with 8-4-7-7',
    );
    expect(r.stderr).not.toContain('RANDOMLY');
    const dump = readDump(join(out, 'dog.laudmask.npz'));
    expect(dump.weights).toBe('checkpoint');
    expect(dump.checkpoint).toBe('mixed.pth');
    expect(dump.warnings).toEqual([]);
    const patch = dumpToConfigPatch(dump);
    expect(patch.modelId).toBe('resnet50');
    expect(patch.modes).toEqual(['spatial', 'spatial+channel', 'channel', 'layer']);
    expect(patch.spatialGranularity).toEqual([8, 4, 7, 7]);
    expect(patch.channelGroupSize).toEqual([2, 2, 2, 2]);
    expect(dump.blocks[0]!.grid).toMatchObject({ height: 7, width: 7 });
    expect(dump.blocks[3]!.channel!.length).toBe(64);
    expect(dump.blocks[7]!.channel!.length).toBe(128);
    expect(dump.blocks[13]!.grid).toMatchObject({ height: 1, width: 1 });
    const spatialRates = dump.blocks.slice(0, 7).map((b) => b.rates.spatial!);
    expect(spatialRates.some((v) => v > 0 && v < 1)).toBe(true);
  });

  it('walks RegNet module paths (conv1 of the first block at 112×112)', () => {
    const ckpt = join(work, 'regnet.pth');
    const made = python([
      join(tool, 'tests', 'make_checkpoint.py'),
      fakeRepo,
      ckpt,
      'lad_regnet_y_400mf',
      'spatial-spatial-spatial-spatial',
      '4-4-2-1',
      '2-2-2-2',
    ]);
    expect(made.status, made.stderr).toBe(0);
    const out = join(work, 'regnet');
    const r = exporter(['--checkpoint', ckpt, '--images', images, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const dump = readDump(join(out, 'dog.laudmask.npz'));
    expect(dump.arch.id).toBe('regnety004');
    expect(dump.blocks[0]!.conv1!.height).toBe(112);
    expect(dump.blocks[0]!.module).toBe('trunk_output.block1.block1-0.f.masker');
  });

  it('fails with clear messages', () => {
    const noModels = python([
      join(tool, 'export.py'),
      '--repo',
      work,
      '--arch',
      'uni_resnet50',
      '--images',
      images,
      '--out',
      join(work, 'y'),
    ]);
    expect(noModels.status).toBe(1);
    expect(noModels.stderr).toContain(
      'does not look like a LAUDNet checkout: imagenet_classification/models/__init__.py is missing',
    );
    const unknown = exporter([
      '--arch',
      'uni_resnet18',
      '--images',
      images,
      '--out',
      join(work, 'z'),
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(
      "unknown --arch 'uni_resnet18': the checkout provides lad_regnet_y_400mf, uni_resnet101, uni_resnet50",
    );
    const broken = join(work, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'broken.jpg'), 'this is not a JPEG');
    const unreadable = exporter([
      '--arch',
      'uni_resnet50',
      '--images',
      broken,
      '--out',
      join(work, 'w'),
    ]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain('cannot read image');
    expect(unreadable.stderr).toContain('broken.jpg');
  });
});
