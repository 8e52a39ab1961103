import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePngRgb, readPngHeader } from '../../../core/maskfile/png';

/** A PNG chunk with a correct CRC, assembled independently of the encoder. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: number[] | Uint8Array): number[] {
  const body = [...Array.from(type, (c) => c.charCodeAt(0)), ...data];
  const crc = crc32(Uint8Array.from(body));
  const len = data.length;
  return [
    len >>> 24,
    (len >> 16) & 255,
    (len >> 8) & 255,
    len & 255,
    ...body,
    crc >>> 24,
    (crc >> 16) & 255,
    (crc >> 8) & 255,
    crc & 255,
  ];
}
const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('png', () => {
  it('encodes RGB that decodes back to the same pixels', () => {
    const rgba = new Uint8Array(5 * 3 * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37) % 256;
    for (let p = 0; p < 15; p++) rgba[p * 4 + 3] = 255;
    const png = encodePngRgb(rgba, 5, 3);
    expect(readPngHeader(png)).toEqual({
      width: 5,
      height: 3,
      bitDepth: 8,
      colorType: 2,
      interlaced: false,
    });
    const back = decodePng(png);
    expect(back.ok && Array.from(back.rgba)).toEqual(Array.from(rgba));
  });

  it('undoes the Sub, Up, Average and Paeth filters of a grey image', () => {
    // 3×4 grey image, rows filtered with types 1..4; raw values worked out by hand.
    const want = [
      [10, 20, 30],
      [15, 25, 40],
      [15, 30, 50],
      [20, 30, 60],
    ];
    // Filtered bytes worked out by hand from the rows above:
    // Sub: 10, 20−10, 30−20. Up: 15−10, 25−20, 40−30. Average: 15−⌊(0+15)/2⌋=8, 30−⌊(15+25)/2⌋=10,
    // 50−⌊(30+40)/2⌋=15. Paeth (left, up, up-left): (0,15,0)→15 → 5; (20,30,15)→30 → 0; (30,50,30)→50 → 10.
    const rows = [
      [1, 10, 10, 10],
      [2, 5, 5, 10],
      [3, 8, 10, 15],
      [4, 5, 0, 10],
    ];
    const ihdr = [0, 0, 0, 3, 0, 0, 0, 4, 8, 0, 0, 0, 0];
    const png = Uint8Array.from([
      ...SIG,
      ...chunk('IHDR', ihdr),
      ...chunk('IDAT', zlibSync(Uint8Array.from(rows.flat()))),
      ...chunk('IEND', []),
    ]);
    const r = decodePng(png);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const grey = Array.from({ length: 12 }, (_, p) => r.rgba[p * 4]);
    expect(grey).toEqual(want.flat());
    expect(r.rgba[3]).toBe(255);
  });

  it('refuses what it cannot decode, with a reason', () => {
    expect(decodePng(new TextEncoder().encode('not a png at all, really not'))).toEqual({
      ok: false,
      error: 'not a PNG image',
    });
    const palette = Uint8Array.from([
      ...SIG,
      ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0]),
    ]);
    const refused = decodePng(palette);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain('not supported');
    const good = encodePngRgb(new Uint8Array(16 * 16 * 4), 16, 16);
    expect(decodePng(good.slice(0, 45)).ok).toBe(false);
  });
});
