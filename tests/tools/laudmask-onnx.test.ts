/**
 * Acceptance 1 (CI path): the Python exporter (Debian /usr/bin/python3 with python3-torch and
 * python3-onnx) writes the ONNX of the project's fake LAUDNet test model with random weights (seed 0) and
 * the dumps of the same images; `laudnet masks run` (the real program, onnxruntime-node, no Python) on that
 * ONNX writes dumps equal to the Python dumps cell for cell and the same set summary. Also: the seed builds
 * the same model twice, --fp16 halves the weights, and the bad-input messages of `masks run`.
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
import { parseLiveModel } from '../../core/live';
import type { MaskDump } from '../../core/maskfile';
import { decodePng, encodePngRgb, readMaskDump } from '../../core/maskfile';
import { readMaskSetSummary } from '../../core/maskset';
import { spawnCli } from '../cli/cli-helpers';
import { metadataOf, withMetadata } from '../core/live/onnxBytes';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'tools', 'laudmask-export');
const fakeRepo = join(tool, 'tests', 'fake_laudnet');
const fixtures = join(root, 'tests', 'fixtures', 'onnx');
const PYTHON = '/usr/bin/python3';

const probe = existsSync(PYTHON)
  ? spawnSync(PYTHON, ['-c', 'import torch, numpy, PIL, onnx'], { encoding: 'utf8' })
  : null;
const missing =
  probe?.status === 0 ? null : 'python3-torch, python3-numpy, python3-pil, python3-onnx';
if (missing) console.log(`skipped: the ONNX exporter tests need ${missing} for ${PYTHON}`);

function exporter(args: string[]) {
  const r = spawnSync(PYTHON, [join(tool, 'export.py'), '--repo', fakeRepo, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const readBytes = (path: string) => new Uint8Array(readFileSync(path));
function readDump(path: string): MaskDump {
  const r = readMaskDump(readBytes(path));
  if (!r.ok) throw new Error(`${path}: ${r.error}`);
  return r.dump;
}
const MODEL = [
  '--arch',
  'uni_resnet50',
  '--dyn-mode',
  'spatial-both-layer-channel',
  '--granularity',
  '4-4-2-1',
];

describe.skipIf(missing !== null)('exporter --onnx and laudnet masks run', () => {
  let work = '';
  let images = '';
  let python = { status: 0 as number | null, stdout: '', stderr: '' };
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'laudmask-onnx-'));
    images = join(work, 'images');
    // An ImageFolder tree: two classes, a PNG each (the fixture photo and a mirrored copy).
    mkdirSync(join(images, 'cat'), { recursive: true });
    mkdirSync(join(images, 'dog'), { recursive: true });
    copyFileSync(join(fixtures, 'image.png'), join(images, 'dog', 'photo.png'));
    const png = decodePng(readBytes(join(fixtures, 'image.png')));
    if (!png.ok) throw new Error(png.error);
    const mirrored = new Uint8Array(png.rgba.length);
    for (let y = 0; y < png.height; y++)
      for (let x = 0; x < png.width; x++)
        mirrored.set(
          png.rgba.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4),
          (y * png.width + png.width - 1 - x) * 4,
        );
    writeFileSync(join(images, 'cat', 'mirror.png'), encodePngRgb(mirrored, png.width, png.height));
    python = exporter([
      ...MODEL,
      '--seed',
      '0',
      '--images',
      images,
      '--out',
      join(work, 'py'),
      '--onnx',
      join(work, 'm.onnx'),
      '--check-images',
      images,
    ]);
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes the dumps and an ONNX whose traced masks agree with the hooks, loudly random', () => {
    expect(python.stderr).toContain('RANDOMLY INITIALISED');
    expect(python.status, python.stderr).toBe(0);
    expect(python.stderr).toMatch(
      /check: 2 images, \d+ mask cells compared \(the traced graph vs PyTorch hooks\): 0 differ/,
    );
    const parsed = parseLiveModel(readBytes(join(work, 'm.onnx')));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.meta.weights).toBe('random-init');
    expect(parsed.meta.weightsDtype).toBe('float32');
    expect(parsed.meta.modes).toEqual(['spatial', 'spatial+channel', 'layer', 'channel']);
  });

  it('masks run (onnxruntime-node, no Python) writes the same dumps, cell for cell, and the same summary', () => {
    const out = join(work, 'ts');
    const r = spawnCli([
      'masks',
      'run',
      '--model',
      join(work, 'm.onnx'),
      '--images',
      images,
      '--out',
      out,
      '--check',
      join(work, 'py'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `cat/mirror.png -> ${join(out, 'cat', 'mirror.laudmask.npz')} (16 blocks`,
    );
    expect(r.stderr).toMatch(/check against .*: 2 images, \d+ mask cells compared, 0 differ/);
    for (const name of ['cat/mirror', 'dog/photo']) {
      const ts = readDump(join(out, `${name}.laudmask.npz`));
      const py = readDump(join(work, 'py', `${name}.laudmask.npz`));
      expect(ts.warnings).toEqual(py.warnings);
      expect(ts.manifest.model).toEqual(py.manifest.model);
      expect(ts.manifest.input).toEqual(py.manifest.input);
      expect(ts.manifest.prediction?.top5_index).toEqual(py.manifest.prediction?.top5_index);
      ts.manifest.prediction?.top5_prob?.forEach((p, i) =>
        expect(p).toBeCloseTo(py.manifest.prediction!.top5_prob![i]!, 6),
      );
      expect(Object.keys(ts.manifest.arrays ?? {}).sort()).toEqual(
        Object.keys(py.manifest.arrays ?? {}).sort(),
      );
      expect(ts.manifest.arrays).toEqual(py.manifest.arrays);
      const pixels = (d: MaskDump) => {
        const p = decodePng(d.imagePng);
        if (!p.ok) throw new Error(p.error);
        return Buffer.from(p.rgba);
      };
      expect(pixels(ts).equals(pixels(py))).toBe(true);
      for (const [i, b] of ts.blocks.entries()) {
        const p = py.blocks[i]!;
        expect(b.grid?.data, `${name} ${b.key} grid`).toEqual(p.grid?.data);
        expect(b.conv2?.data, `${name} ${b.key} conv2`).toEqual(p.conv2?.data);
        expect(b.conv1?.data, `${name} ${b.key} conv1`).toEqual(p.conv1?.data);
        expect(b.channel, `${name} ${b.key} channel`).toEqual(p.channel);
        expect(b.manifestRates).toEqual(p.manifestRates);
        expect(b.module).toBe(p.module);
      }
    }
    const tsSet = readMaskSetSummary(readBytes(join(out, 'summary.npz')));
    const pySet = readMaskSetSummary(readBytes(join(work, 'py', 'summary.npz')));
    if (!tsSet.ok || !pySet.ok) throw new Error('summary unreadable');
    const a = tsSet.summary;
    const b = pySet.summary;
    expect(a.model).toEqual(b.model);
    expect([a.images, a.classNames, a.dumps, a.sources]).toEqual([
      b.images,
      b.classNames,
      b.dumps,
      b.sources,
    ]);
    expect(a.label).toEqual(b.label);
    expect(a.predicted).toEqual(b.predicted);
    expect(a.rates).toEqual(b.rates);
    expect(
      a.blocks.map((x) => [x.key, x.module, x.mode, x.gridShape, x.meanMap, x.meanChannel]),
    ).toEqual(
      b.blocks.map((x) => [x.key, x.module, x.mode, x.gridShape, x.meanMap, x.meanChannel]),
    );
    // A second run keeps every dump (same model, same image hashes), like the exporter.
    const again = spawnCli([
      'masks',
      'run',
      '--model',
      join(work, 'm.onnx'),
      '--images',
      images,
      '--out',
      out,
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/0 exported, 2 kept, 0 failed/);
  });

  it('builds the same model from the same seed; --fp16 stores half-size weights behind Cast nodes', () => {
    const second = exporter([...MODEL, '--seed', '0', '--onnx', join(work, 'again.onnx')]);
    expect(second.status, second.stderr).toBe(0);
    expect(
      Buffer.from(readBytes(join(work, 'again.onnx'))).equals(
        Buffer.from(readBytes(join(work, 'm.onnx'))),
      ),
    ).toBe(true);
    const half = exporter([...MODEL, '--seed', '0', '--onnx', join(work, 'half.onnx'), '--fp16']);
    expect(half.status, half.stderr).toBe(0);
    expect(half.stderr).toMatch(/ONNX written: .*half\.onnx \([\d.]+ MB, float16 weights/);
    const bytes = readBytes(join(work, 'half.onnx'));
    // This test model's graph is mostly index constants; its float weights are what shrinks.
    expect(bytes.length).toBeLessThan(readBytes(join(work, 'm.onnx')).length - 60_000);
    expect(metadataOf(bytes).weights_dtype).toBe('float16');
    const ops = spawnSync(
      PYTHON,
      [
        '-c',
        `import onnx; m = onnx.load(${JSON.stringify(join(work, 'half.onnx'))}); print(sum(n.op_type == 'Cast' and n.name.endswith('__cast') for n in m.graph.node), sum(i.data_type == 10 for i in m.graph.initializer))`,
      ],
      { encoding: 'utf8' },
    );
    const [casts, halves] = ops.stdout.trim().split(' ').map(Number);
    expect(casts).toBeGreaterThan(30);
    expect(halves).toBe(casts);
    // It runs, and its masks are still readable dumps (agreement with fp32 is reported, not promised).
    const r = spawnCli([
      'masks',
      'run',
      '--model',
      join(work, 'half.onnx'),
      '--images',
      images,
      '--out',
      join(work, 'half'),
      '--check',
      join(work, 'py'),
    ]);
    expect(r.stderr).toMatch(/check against .*: 2 images, \d+ mask cells compared, \d+ differ/);
    expect(existsSync(join(work, 'half', 'summary.npz'))).toBe(true);
  });

  it('masks run refuses bad models with messages', () => {
    const model = readBytes(join(fixtures, 'tiny-mixed.onnx'));
    const write = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(work, name), bytes);
      return join(work, name);
    };
    const meta = metadataOf(model);
    const cases: [string[], RegExp][] = [
      [
        ['--model', join(fixtures, 'image.png')],
        /^laudnet masks: --model .*image\.png: This is not an ONNX model \(.*\): open a \.onnx file exported with tools\/laudmask-export --onnx\.\n$/,
      ],
      [
        ['--model', write('bare.onnx', withMetadata(model, {}))],
        /^laudnet masks: --model .*bare\.onnx: This ONNX model has no LAUDNet metadata \(key "laudnet"\), so its masks cannot be mapped to blocks/,
      ],
      [
        [
          '--model',
          write(
            'big-input.onnx',
            withMetadata(model, {
              laudnet: JSON.stringify({
                ...meta,
                input: { ...(meta.input as object), size: 288, crop: 288, shape: [1, 3, 288, 288] },
              }),
            }),
          ),
        ],
        /: The model takes 288×288 images \(input shape \[1, 3, 288, 288\], crop 288\); ResNet-50 here takes 1×3×224×224\. Export it for 224×224 input\.\n$/,
      ],
      [
        ['--model', join(fixtures, 'tiny-mixed.onnx'), '--max-model-mb', '0.25'],
        /: the model is 0\.4 MB; models over 0\.3 MB are refused because they would not fit in memory here\. Export it with --fp16 \(half the size\)\.\n$/,
      ],
      [['--model', join(work, 'nowhere.onnx')], /--model .*nowhere\.onnx does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = spawnCli(['masks', 'run', ...args, '--images', images, '--out', join(work, 'bad')]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });
});
