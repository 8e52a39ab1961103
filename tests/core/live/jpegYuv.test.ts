/**
 * The YCbCr → RGB step of the live JPEG decoder against Pillow: the planes Chromium's `ImageDecoder`
 * gave for three small JPEGs (4:2:0, 4:2:2, 4:4:4; odd sizes, so every plane has a half-covered edge
 * column and row) must become exactly the RGB values of Pillow's `Image.open(f).convert('RGB')`, which
 * tests/fixtures/live-jpeg/make-fixtures.py wrote beside them (make-planes.mjs extracted the planes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromaSize, jpegYuvToRgba, type JpegYuvPlanes } from '../../../core/live/jpegYuv';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'live-jpeg');
interface PlaneLayout {
  format: JpegYuvPlanes['format'];
  width: number;
  height: number;
  layout: { offset: number; stride: number }[];
}
const layouts = JSON.parse(readFileSync(join(dir, 'planes.json'), 'utf8')) as Record<
  string,
  PlaneLayout
>;

function planesOf(name: string): JpegYuvPlanes {
  const entry = layouts[name];
  if (!entry) throw new Error(`${name} is not in planes.json`);
  const bytes = new Uint8Array(readFileSync(join(dir, name.replace('.jpg', '.planes.bin'))));
  const [y, u, v] = entry.layout;
  if (!y || !u || !v) throw new Error(`${name}: three planes expected`);
  return {
    format: entry.format,
    width: entry.width,
    height: entry.height,
    y: bytes.subarray(y.offset),
    yStride: y.stride,
    u: bytes.subarray(u.offset),
    uStride: u.stride,
    v: bytes.subarray(v.offset),
    vStride: v.stride,
  };
}

/** Pixels whose RGB differs from Pillow's, and the first such one. */
function differences(rgba: Uint8ClampedArray, pillow: Uint8Array) {
  let count = 0;
  let first: string | null = null;
  for (let i = 0, j = 0; j < pillow.length; i += 4, j += 3) {
    if (rgba[i] !== pillow[j] || rgba[i + 1] !== pillow[j + 1] || rgba[i + 2] !== pillow[j + 2]) {
      count++;
      first ??= `pixel ${j / 3}: ${rgba[i]},${rgba[i + 1]},${rgba[i + 2]} vs Pillow ${pillow[j]},${pillow[j + 1]},${pillow[j + 2]}`;
    }
  }
  return { count, first };
}

describe('jpegYuvToRgba (libjpeg-turbo fancy upsampling and YCbCr conversion)', () => {
  it.each([
    ['tiny-420.jpg', 'I420'],
    ['tiny-422.jpg', 'I422'],
    ['tiny-444.jpg', 'I444'],
  ])('%s (%s planes) gives Pillow’s RGB, value for value', (name, format) => {
    const planes = planesOf(name);
    expect(planes.format).toBe(format);
    const pillow = new Uint8Array(readFileSync(join(dir, name.replace('.jpg', '.rgb'))));
    expect(pillow.length).toBe(37 * 29 * 3);
    const rgba = jpegYuvToRgba(planes);
    expect(rgba.length).toBe(37 * 29 * 4);
    expect(differences(rgba, pillow)).toEqual({ count: 0, first: null });
    // Opaque: alpha is 255 everywhere.
    expect(rgba.filter((_, i) => i % 4 === 3 && rgba[i] !== 255).length).toBe(0);
  });

  it('writes into a given array and leaves what lies beyond the image alone', () => {
    const planes = planesOf('tiny-420.jpg');
    const out = new Uint8ClampedArray(37 * 29 * 4 + 8).fill(7);
    expect(jpegYuvToRgba(planes, out)).toBe(out);
    expect([...out.subarray(37 * 29 * 4)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it.each(['tiny-420.jpg', 'tiny-422.jpg', 'tiny-444.jpg'])(
    '%s: a region gives Pillow’s RGB inside it and leaves rows and columns outside alone',
    (name) => {
      const planes = planesOf(name);
      const pillow = new Uint8Array(readFileSync(join(dir, name.replace('.jpg', '.rgb'))));
      // Odd and even edges, touching the image's own edges or not.
      for (const region of [
        { x0: 5, y0: 3, x1: 30, y1: 20 },
        { x0: 0, y0: 0, x1: 37, y1: 29 },
        { x0: 36, y0: 28, x1: 37, y1: 29 },
        { x0: 1, y0: 10, x1: 2, y1: 11 },
      ]) {
        const out = new Uint8ClampedArray(37 * 29 * 4).fill(7);
        jpegYuvToRgba(planes, out, region);
        for (let y = 0; y < 29; y++) {
          for (let x = 0; x < 37; x++) {
            const at = (y * 37 + x) * 4;
            const got = [...out.subarray(at, at + 4)];
            const inside = x >= region.x0 && x < region.x1 && y >= region.y0 && y < region.y1;
            const beside = y >= region.y0 && y < region.y1 && x >= region.x0 - 1 && x <= region.x1;
            const want = [...pillow.subarray((y * 37 + x) * 3, (y * 37 + x) * 3 + 3), 255];
            if (inside) expect(got, `${name} ${JSON.stringify(region)} (${x}, ${y})`).toEqual(want);
            // At most one column beside the region (the other half of a chroma pair) is written.
            else if (!beside) expect(got, `${name} (${x}, ${y}) outside`).toEqual([7, 7, 7, 7]);
          }
        }
      }
    },
  );

  it('writes into an output at any byte offset, and refuses a region outside the image', () => {
    const planes = planesOf('tiny-422.jpg');
    const pillow = new Uint8Array(readFileSync(join(dir, 'tiny-422.rgb')));
    const buffer = new Uint8ClampedArray(37 * 29 * 4 + 1);
    const out = buffer.subarray(1);
    jpegYuvToRgba(planes, out);
    expect(differences(out, pillow)).toEqual({ count: 0, first: null });
    expect(() => jpegYuvToRgba(planes, undefined, { x0: 0, y0: 0, x1: 38, y1: 29 })).toThrow(
      /region \[0, 38\)×\[0, 29\) is not inside 37×29/,
    );
    expect(() => jpegYuvToRgba(planes, undefined, { x0: 4, y0: 0, x1: 4, y1: 29 })).toThrow(
      /is not inside/,
    );
  });

  it('gives the chroma plane sizes of each layout (half columns and rows rounded up)', () => {
    expect(chromaSize('I420', 37, 29)).toEqual({ width: 19, height: 15 });
    expect(chromaSize('I422', 37, 29)).toEqual({ width: 19, height: 29 });
    expect(chromaSize('I444', 37, 29)).toEqual({ width: 37, height: 29 });
  });

  it('refuses planes too short for the size and images under 3 pixels a side', () => {
    const planes = planesOf('tiny-420.jpg');
    expect(() => jpegYuvToRgba({ ...planes, v: planes.v.subarray(0, 100) })).toThrow(
      /the I420 planes are too small for 37×29 pixels/,
    );
    expect(() => jpegYuvToRgba({ ...planes, width: 2 })).toThrow(
      /a 2×29 image is too small for exact chroma upsampling/,
    );
    expect(() => jpegYuvToRgba(planes, new Uint8ClampedArray(10))).toThrow(
      /an output of 10 values for 37×29 pixels/,
    );
  });
});
