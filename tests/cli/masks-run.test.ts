/**
 * `laudnet masks run` on the committed live-model fixtures (no Python needed): a PNG gives the Python
 * exporter's dump cell for cell (`--check`), and a JPEG, decoded by mozjpeg instead of Pillow's
 * libjpeg-turbo, gives nearly the same network input and masks (measured, bounded here).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, readMaskDump } from '../../core/maskfile';
import { repoRoot, spawnCli } from './cli-helpers';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'onnx');
const model = join(fixtures, 'tiny-mixed.onnx');

describe('laudnet masks run', () => {
  let work = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'masks-run-'));
    mkdirSync(join(work, 'png'));
    copyFileSync(join(fixtures, 'image.png'), join(work, 'png', 'image.png'));
    mkdirSync(join(work, 'ref-png'));
    copyFileSync(
      join(fixtures, 'tiny-mixed.laudmask.npz'),
      join(work, 'ref-png', 'image.laudmask.npz'),
    );
    mkdirSync(join(work, 'jpeg'));
    copyFileSync(join(repoRoot, 'assets', 'samples', 'dog.jpg'), join(work, 'jpeg', 'dog.jpg'));
    mkdirSync(join(work, 'ref-jpeg'));
    copyFileSync(
      join(fixtures, 'tiny-mixed-dog-jpg.laudmask.npz'),
      join(work, 'ref-jpeg', 'dog.laudmask.npz'),
    );
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a PNG: the Python dump, cell for cell', () => {
    const r = spawnCli([
      'masks',
      'run',
      '--model',
      model,
      '--images',
      join(work, 'png', 'image.png'),
      '--out',
      join(work, 'out-png'),
      '--check',
      join(work, 'ref-png'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `image.png -> ${join(work, 'out-png', 'image.laudmask.npz')} (16 blocks, mean rate 0.344)\n`,
    );
    expect(r.stderr).toMatch(
      /check against .*ref-png: 1 images, 32670 mask cells compared, 0 differ\n/,
    );
    expect(r.stderr).toMatch(/1 exported, 0 kept, 0 failed in [\d.]+ s; summary of 1 images: /);
  });

  it('a JPEG (mozjpeg vs Pillow): input within 2 levels, masks within 1 % of cells', () => {
    const r = spawnCli([
      'masks',
      'run',
      '--model',
      model,
      '--images',
      join(work, 'jpeg'),
      '--out',
      join(work, 'out-jpeg'),
      '--check',
      join(work, 'ref-jpeg'),
    ]);
    const counts = /(\d+) mask cells compared, (\d+) differ/.exec(r.stderr);
    expect(counts, r.stderr).not.toBeNull();
    const [cells, differ] = [Number(counts![1]), Number(counts![2])];
    expect(cells).toBe(32670);
    expect(differ / cells).toBeLessThan(0.01);
    const read = (path: string) => {
      const d = readMaskDump(new Uint8Array(readFileSync(path)));
      if (!d.ok) throw new Error(d.error);
      return d.dump;
    };
    const ts = read(join(work, 'out-jpeg', 'dog.laudmask.npz'));
    const py = read(join(work, 'ref-jpeg', 'dog.laudmask.npz'));
    expect(ts.manifest.input).toEqual(py.manifest.input); // same file hash, size, crop box
    const a = decodePng(ts.imagePng);
    const b = decodePng(py.imagePng);
    if (!a.ok || !b.ok) throw new Error('image.png unreadable');
    let max = 0;
    let differing = 0;
    for (let i = 0; i < a.rgba.length; i++) {
      const d = Math.abs(a.rgba[i]! - b.rgba[i]!);
      max = Math.max(max, d);
      if (d) differing++;
    }
    expect(max).toBeLessThanOrEqual(2);
    expect(differing / (224 * 224 * 3)).toBeLessThan(0.2);
  });

  it('refuses missing flags and images it cannot decode, with messages', () => {
    const noModel = spawnCli(['masks', 'run', '--images', work, '--out', join(work, 'x')]);
    expect([noModel.status, noModel.stderr]).toEqual([
      2,
      'laudnet masks: --model M.onnx is required\n',
    ]);
    const empty = spawnCli([
      'masks',
      'run',
      '--model',
      model,
      '--images',
      join(work, 'ref-png'),
      '--out',
      join(work, 'x'),
    ]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(
      /no images \(\.jpg, \.jpeg, \.png, \.webp, \.bmp\) in .*ref-png or its folders/,
    );
    // An image it cannot decode is reported; the others are still run and summarised (exit status 2).
    mkdirSync(join(work, 'some-bad'));
    copyFileSync(join(fixtures, 'image.png'), join(work, 'some-bad', 'a.png'));
    writeFileSync(join(work, 'some-bad', 'b.webp'), Uint8Array.from([82, 73, 70, 70, 0, 0, 0, 0]));
    writeFileSync(
      join(work, 'some-bad', 'c.png'),
      Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 0]),
    );
    const bad = spawnCli([
      'masks',
      'run',
      '--model',
      model,
      '--images',
      join(work, 'some-bad'),
      '--out',
      join(work, 'out-bad'),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      `error: cannot read image ${join(work, 'some-bad', 'b.webp')}: only PNG and JPEG images can be decoded here (no Python)\n`,
    );
    expect(bad.stderr).toContain(
      `error: cannot read image ${join(work, 'some-bad', 'c.png')}: not a PNG image\n`,
    );
    expect(bad.stderr).toMatch(/1 exported, 0 kept, 2 failed in [\d.]+ s; summary of 1 images: /);
  });
});
