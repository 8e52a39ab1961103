/**
 * Pillow exactness of the live preprocessing: `pilBilinearResize` against Pillow's own `Image.resize`
 * (BILINEAR) on generated images of many sizes (down- and upscaling, odd sizes, one axis unchanged), and
 * `preprocessRgba` against the Python exporter's `preprocess` (the float32 network input, bit for bit).
 * The expected pixels come from /usr/bin/python3 with Pillow (python3-pil; CI installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTER_PREPROCESSING, pilBilinearResize, preprocessRgba } from '../../../core/live';
import { resizeCropRgbaToRgb } from '../../../core/live/cropResize';
import { encodePngRgb } from '../../../core/maskfile';

const PYTHON = '/usr/bin/python3';
const root = join(import.meta.dirname, '..', '..', '..');
const probe = spawnSync(PYTHON, ['-c', 'import PIL, numpy'], { encoding: 'utf8' });
const missing = probe.status === 0 ? null : `${PYTHON} cannot import PIL/numpy`;
if (missing) console.log(`skipped: Pillow exactness tests need python3-pil (${missing})`);

const work = mkdtempSync(join(tmpdir(), 'pil-resize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A deterministic test image: gradients, stripes and noise, so every tap weight matters. */
function makeImage(width: number, height: number, seed: number, channels = 3): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  let s = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const noise = s >>> 26; // 0..63
        const base = c === 0 ? x * 3 : c === 1 ? y * 5 : (x ^ y) * 7;
        const stripe = (x + 2 * y) % 11 < 3 ? 120 : 0;
        out[(y * width + x) * channels + c] = (base + stripe + noise) & 255;
      }
    }
  }
  return out;
}

function pillowResize(src: Uint8Array, w: number, h: number, ow: number, oh: number): Uint8Array {
  const inPath = join(work, `in-${w}x${h}.raw`);
  const outPath = join(work, `out-${w}x${h}-${ow}x${oh}.raw`);
  writeFileSync(inPath, src);
  const script = [
    'import sys',
    'from PIL import Image',
    'w, h, ow, oh = map(int, sys.argv[3:7])',
    "im = Image.frombytes('RGB', (w, h), open(sys.argv[1], 'rb').read())",
    "bilinear = getattr(Image, 'Resampling', Image).BILINEAR",
    "open(sys.argv[2], 'wb').write(im.resize((ow, oh), bilinear).tobytes())",
  ].join('\n');
  const r = spawnSync(
    PYTHON,
    ['-c', script, inPath, outPath, String(w), String(h), String(ow), String(oh)],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return new Uint8Array(readFileSync(outPath));
}

/** RGB as RGBA with a varying alpha (which the resize must ignore). */
function toRgba(rgb: Uint8Array, pixels: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    out.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
    out[p * 4 + 3] = (p * 53) & 255;
  }
  return out;
}

const differing = (a: Uint8Array, b: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
};

describe.skipIf(missing !== null)('pilBilinearResize equals Pillow', () => {
  const cases: [number, number, number, number][] = [
    [300, 257, 298, 256], // the fixture's downscale (both axes)
    [1000, 700, 365, 256], // strong downscale
    [37, 101, 256, 698], // upscale, odd sizes
    [50, 40, 320, 256], // upscale both
    [256, 300, 256, 300], // nothing to do
    [256, 333, 256, 290], // vertical pass only
    [511, 256, 400, 256], // horizontal pass only
    [224, 224, 256, 256], // slight upscale
    [97, 1013, 256, 2673], // tall, odd
    [3, 2, 7, 5], // tiny
  ];
  it.each(cases)('%i×%i → %i×%i', (w, h, ow, oh) => {
    const src = makeImage(w, h, w * 31 + h);
    const expected = pillowResize(src, w, h, ow, oh);
    const got = pilBilinearResize(src, w, h, 3, ow, oh);
    expect(got.length).toBe(expected.length);
    expect(differing(got, expected)).toBe(0);
    // The fast path (RGBA in, alpha ignored) gives the same pixels, whole and as a window.
    const rgba = toRgba(src, w * h);
    const fast = resizeCropRgbaToRgb(rgba, w, h, ow, oh, { x0: 0, y0: 0, width: ow, height: oh });
    expect(differing(fast, expected)).toBe(0);
    // Pixels not on a 32-bit boundary take the byte-wise path: the same values.
    const shifted = new Uint8Array(rgba.length + 1).subarray(1);
    shifted.set(rgba);
    const unaligned = resizeCropRgbaToRgb(shifted, w, h, ow, oh, {
      x0: 0,
      y0: 0,
      width: ow,
      height: oh,
    });
    expect(differing(unaligned, expected)).toBe(0);
    const win = {
      x0: Math.floor(ow / 3),
      y0: Math.floor(oh / 4),
      width: Math.ceil(ow / 2),
      height: Math.ceil(oh / 2),
    };
    const part = resizeCropRgbaToRgb(rgba, w, h, ow, oh, win);
    let off = 0;
    for (let y = 0; y < win.height; y++) {
      const at = ((y + win.y0) * ow + win.x0) * 3;
      off += differing(
        part.subarray(y * win.width * 3, (y + 1) * win.width * 3),
        expected.subarray(at, at + win.width * 3),
      );
    }
    expect(off).toBe(0);
  });

  it('a window equals the same pixels of the full resize', () => {
    const src = makeImage(301, 211, 5);
    const full = pilBilinearResize(src, 301, 211, 3, 365, 256);
    const win = pilBilinearResize(src, 301, 211, 3, 365, 256, {
      x0: 70,
      y0: 16,
      width: 224,
      height: 224,
    });
    for (let y = 0; y < 224; y++) {
      const row = full.subarray(((y + 16) * 365 + 70) * 3, ((y + 16) * 365 + 70 + 224) * 3);
      expect(differing(win.subarray(y * 224 * 3, (y + 1) * 224 * 3), row)).toBe(0);
    }
    expect(() =>
      pilBilinearResize(src, 301, 211, 3, 365, 256, { x0: 200, y0: 0, width: 224, height: 224 }),
    ).toThrow(/outside/);
  });
});

const torch =
  missing === null && spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!torch)('preprocessRgba equals the Python exporter', () => {
  const tool = join(root, 'tools', 'laudmask-export');
  const sizes: [number, number][] = [
    [300, 257],
    [257, 300],
    [341, 256], // crop offset 58.5 → 58 (half to even)
    [343, 256], // crop offset 59.5 → 60
    [640, 427],
    [200, 150], // upscaled
  ];
  const images = new Map<string, Uint8Array>();
  const expected = new Map<
    string,
    { input: Float32Array; orig_size: number[]; crop_box: number[] }
  >();

  beforeAll(() => {
    const pngs: string[] = [];
    for (const [w, h] of sizes) {
      const rgb = makeImage(w, h, w + 7 * h);
      const rgba = new Uint8Array(w * h * 4);
      for (let p = 0; p < w * h; p++) {
        rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
        rgba[p * 4 + 3] = (p * 37) & 255; // alpha is dropped, as Pillow's convert('RGB') drops it
      }
      const png = join(work, `img-${w}x${h}.png`);
      writeFileSync(png, encodePngRgb(rgba, w, h));
      images.set(`${w}x${h}`, rgba);
      pngs.push(png);
    }
    // The exporter's own preprocess(): float32 input bytes, crop box, original size (one Python run).
    const script = [
      'import sys, json',
      `sys.path.insert(0, ${JSON.stringify(tool)})`,
      'from laudmask_dump import preprocess',
      'for path in sys.argv[1:]:',
      '    t, png, entry = preprocess(path)',
      "    open(path + '.f32', 'wb').write(t.numpy().astype('<f4').tobytes())",
      '    print(json.dumps(entry))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, ...pngs], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const entries = r.stdout.trim().split('\n');
    sizes.forEach(([w, h], i) => {
      const bytes = readFileSync(`${pngs[i]}.f32`);
      const entry = JSON.parse(entries[i]!) as { orig_size: number[]; crop_box: number[] };
      expected.set(`${w}x${h}`, {
        input: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4),
        ...entry,
      });
    });
  }, 120_000);

  it.each(sizes)('%i×%i: the network input bit for bit, the same crop box', (w, h) => {
    const want = expected.get(`${w}x${h}`)!;
    const got = preprocessRgba(images.get(`${w}x${h}`)!, w, h, EXPORTER_PREPROCESSING);
    expect(got.input.length).toBe(want.input.length);
    let diff = 0;
    for (let i = 0; i < got.input.length; i++) if (!Object.is(got.input[i], want.input[i])) diff++;
    expect(diff).toBe(0);
    expect(got.geometry.cropBox).toEqual(want.crop_box);
    expect([got.geometry.origWidth, got.geometry.origHeight]).toEqual(want.orig_size);
  });
});
