/**
 * The exporter on an image *set* (issue 10 §2): ≥ 200 generated images in an ImageFolder tree, run through
 * the project's fake LAUDNet (random masker weights from make_checkpoint.py) with a DataLoader; the set
 * summary must hold one row per image equal to that image's dump, the labels of its class folder, and a
 * second run must export nothing. Needs /usr/bin/python3 with torch, numpy and PIL (as the dump test).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaskDump } from '../../core/maskfile';
import { readMaskDump } from '../../core/maskfile';
import type { MaskSetSummary } from '../../core/maskset';
import { createMaskSetBuilder, readMaskSetSummary, storedZipMembers } from '../../core/maskset';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'tools', 'laudmask-export');
const fakeRepo = join(tool, 'tests', 'fake_laudnet');
const PYTHON = '/usr/bin/python3';
const CLASSES = ['class_a', 'class_b', 'class_c'];
const PER_CLASS = 70;
const IMAGES = CLASSES.length * PER_CLASS + 1; // + one image outside any class folder

function torchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} does not exist`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, PIL'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} cannot import torch/numpy/PIL`;
}
const missing = torchMissing();
if (missing)
  console.log(`skipped: laudmask-export set tests need python3-torch, numpy, PIL (${missing})`);

function python(args: string[]) {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Small noise images of varied brightness, so the random maskers decide differently per image. */
const MAKE_IMAGES = `
import os, sys
import numpy as np
from PIL import Image
root, classes, per = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
rng = np.random.default_rng(7)
def save(path):
    level = rng.uniform(0.2, 1.0)
    pixels = (rng.random((48, 64, 3)) * 255 * level).astype(np.uint8)
    Image.fromarray(pixels).save(path)
for c in classes:
    os.makedirs(os.path.join(root, c, "nested"), exist_ok=True)
    for i in range(per):
        save(os.path.join(root, c, "nested" if i % 10 == 0 else "", f"img{i:03d}.png"))
save(os.path.join(root, "loose.png"))
`;

function readDump(path: string): MaskDump {
  const r = readMaskDump(new Uint8Array(readFileSync(path)));
  if (!r.ok) throw new Error(`${path}: ${r.code}: ${r.error}`);
  return r.dump;
}
function readSummary(path: string): MaskSetSummary {
  const r = readMaskSetSummary(new Uint8Array(readFileSync(path)));
  if (!r.ok) throw new Error(`${path}: ${r.code}: ${r.error}`);
  return r.summary;
}
const nanOr = (v: number | null) => v ?? Number.NaN;

describe.skipIf(missing !== null)('laudmask-export --images on a class-folder tree', () => {
  let work = '';
  let images = '';
  let out = '';
  let ckpt = '';
  let first = { status: null as number | null, stdout: '', stderr: '' };
  const exporter = () =>
    python([
      join(tool, 'export.py'),
      '--repo',
      fakeRepo,
      '--checkpoint',
      ckpt,
      '--images',
      images,
      '--out',
      out,
      '--batch-size',
      '32',
      '--workers',
      '2',
    ]);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'laudmask-set-'));
    images = join(work, 'images');
    out = join(work, 'out');
    ckpt = join(work, 'set.pth');
    const made = python(['-c', MAKE_IMAGES, images, CLASSES.join(','), String(PER_CLASS)]);
    if (made.status !== 0) throw new Error(made.stderr);
    const ck = python([
      join(tool, 'tests', 'make_checkpoint.py'),
      fakeRepo,
      ckpt,
      'uni_resnet50',
      'spatial-both-channel-layer',
      '4-4-2-1',
      '2-2-2-2',
    ]);
    if (ck.status !== 0) throw new Error(ck.stderr);
    first = exporter();
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('dumps every image, shows progress, and writes a summary numpy reads', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.match(/ -> /g)?.length).toBe(IMAGES);
    expect(first.stderr).toContain(`${IMAGES}/${IMAGES} images (0 kept, 0 failed`);
    expect(first.stderr).toContain(
      `${IMAGES} exported, 0 kept, 0 failed; summary of ${IMAGES} images`,
    );
    expect(existsSync(join(out, 'class_b', 'nested', 'img010.laudmask.npz'))).toBe(true);
    const np = python([
      '-c',
      `import numpy as np, sys
z = np.load(sys.argv[1])
print(z["spatial_rate"].shape, z["gate"].dtype, z["label"].dtype, z["mean_map/stage1/0"].shape, int(np.isnan(z["channel_rate"][:, 0]).all()))`,
      join(out, 'summary.npz'),
    ]);
    expect(np.stdout.trim()).toBe(`(${IMAGES}, 16) float32 int32 (1, 14, 14) 1`);
    // Stored and 64-byte aligned, so the app views the arrays in place.
    const file = readFileSync(join(out, 'summary.npz'));
    const members = storedZipMembers(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
    expect(members).not.toBeNull();
    const npys = [...members!].filter(([name]) => name.endsWith('.npy'));
    expect(npys.length).toBe(7 + 10 + 10); // rates, gate, classes; mean maps of 10 blocks; channel means of 10
    for (const [name, data] of npys) expect(data.byteOffset % 64, name).toBe(0);
  });

  it('holds one row per image equal to its dump, the class-folder labels and the mean maps', () => {
    const s = readSummary(join(out, 'summary.npz'));
    expect(s.images).toBe(IMAGES);
    expect(s.classNames).toEqual(CLASSES);
    expect(s.model).toMatchObject({
      arch: 'uni_resnet50',
      weights: 'checkpoint',
      checkpoint: 'set.pth',
    });
    const B = s.blocks.length;
    const gridSums = new Float64Array(196);
    const spatialOfBlock0 = new Set<number>();
    for (let i = 0; i < s.images; i++) {
      const name = s.dumps[i]!;
      const cls = name.includes('/') ? name.split('/')[0]! : null;
      expect(s.label[i], name).toBe(cls === null ? -1 : CLASSES.indexOf(cls));
      expect(s.sources[i]!.replace(/\.png$/, '.laudmask.npz')).toBe(name);
      const dump = readDump(join(out, name));
      expect(s.predicted[i]).toBe(dump.manifest.prediction.top5_index[0]);
      dump.blocks.forEach((b, k) => {
        const at = i * B + k;
        for (const [kind, value] of [
          ['spatial', b.rates.spatial],
          ['conv1', b.rates.conv1],
          ['conv2', b.rates.conv2],
          ['channel', b.rates.channel],
          ['gate', b.mode === 'layer' ? b.rates.spatial : null],
        ] as const) {
          const got = s.rates[kind][at]!;
          if (value === null) expect(Number.isNaN(got), `${name} ${b.key} ${kind}`).toBe(true);
          else expect(Math.abs(got - value), `${name} ${b.key} ${kind}`).toBeLessThan(1e-6);
        }
      });
      const grid = dump.blocks[0]!.grid!.data;
      for (let c = 0; c < 196; c++) gridSums[c] = gridSums[c]! + grid[c]!;
      spatialOfBlock0.add(nanOr(dump.blocks[0]!.rates.spatial));
    }
    // The images really differ (the test would be vacuous on constant masks).
    expect(spatialOfBlock0.size).toBeGreaterThan(5);
    const meanMap = s.blocks[0]!.meanMap!;
    for (let c = 0; c < 196; c++) expect(meanMap[c]).toBeCloseTo(gridSums[c]! / IMAGES, 6);
    expect(s.label.filter((l) => l === 1).length).toBe(PER_CLASS);
  });

  it('builds the same summary in TypeScript from the dumps alone', () => {
    const s = readSummary(join(out, 'summary.npz'));
    const builder = createMaskSetBuilder();
    for (const name of s.dumps) {
      const cls = name.includes('/') ? name.split('/')[0]! : null;
      expect(builder.add(name, readDump(join(out, name)), cls)).toBeNull();
    }
    const built = builder.finish()!;
    expect(built.images).toBe(s.images);
    expect(built.classNames).toEqual(s.classNames);
    expect([...built.label]).toEqual([...s.label]);
    expect([...built.predicted]).toEqual([...s.predicted]);
    for (const kind of ['spatial', 'conv1', 'conv2', 'channel', 'gate'] as const)
      expect([...built.rates[kind]]).toEqual([...s.rates[kind]]);
    built.blocks.forEach((b, k) => {
      const want = s.blocks[k]!;
      expect(b.key).toBe(want.key);
      expect(b.module).toBe(want.module);
      if (want.meanMap)
        [...want.meanMap].forEach((v, c) => expect(b.meanMap![c]).toBeCloseTo(v, 6));
      if (want.meanChannel)
        [...want.meanChannel].forEach((v, c) => expect(b.meanChannel![c]).toBeCloseTo(v, 6));
    });
  });

  it('resumes: a second run exports nothing, a third re-exports only missing or broken dumps', () => {
    const probe = join(out, 'class_a', 'img001.laudmask.npz');
    const before = statSync(probe).mtimeMs;
    const second = exporter();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toContain(' -> ');
    expect(second.stderr).toContain(
      `${IMAGES} of ${IMAGES} images already dumped by a previous run: kept`,
    );
    expect(second.stderr).toContain(
      `0 exported, ${IMAGES} kept, 0 failed; summary of ${IMAGES} images`,
    );
    expect(statSync(probe).mtimeMs).toBe(before);
    expect(readSummary(join(out, 'summary.npz')).images).toBe(IMAGES);

    unlinkSync(join(out, 'class_c', 'img005.laudmask.npz'));
    unlinkSync(join(out, 'loose.laudmask.npz'));
    writeFileSync(join(out, 'class_b', 'img002.laudmask.npz'), 'interrupted');
    const third = exporter();
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout.match(/ -> /g)?.length).toBe(3);
    expect(third.stdout).toContain('class_b/img002.png -> ');
    expect(third.stderr).toContain(`3 exported, ${IMAGES - 3} kept, 0 failed`);
    expect(readSummary(join(out, 'summary.npz')).images).toBe(IMAGES);
    expect(readDump(join(out, 'class_b', 'img002.laudmask.npz')).blocks.length).toBe(16);
  });
});
