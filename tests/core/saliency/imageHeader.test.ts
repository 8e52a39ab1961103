import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePngRgb } from '../../../core/maskfile/png';
import { checkImageFile, readImageInfo } from '../../../core/saliency/imageHeader';

const samples = join(import.meta.dirname, '..', '..', '..', 'assets', 'samples');

/** A minimal JPEG head: SOI, an APP0 segment, then SOF0 with the given size. */
function jpegHead(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x06,
    0x4a,
    0x46,
    0x49,
    0x46,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x03,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('readImageInfo', () => {
  it('reads the sizes of the sample JPEGs', () => {
    const dog = readImageInfo(new Uint8Array(readFileSync(join(samples, 'dog.jpg'))));
    expect(dog).toEqual({ ok: true, type: 'jpeg', width: 768, height: 576 });
    const giraffe = readImageInfo(new Uint8Array(readFileSync(join(samples, 'giraffe.jpg'))));
    expect(giraffe).toEqual({ ok: true, type: 'jpeg', width: 500, height: 500 });
  });

  it('reads PNG, JPEG and the three WebP variants', () => {
    expect(readImageInfo(encodePngRgb(new Uint8Array(3 * 2 * 4), 3, 2))).toEqual({
      ok: true,
      type: 'png',
      width: 3,
      height: 2,
    });
    expect(readImageInfo(jpegHead(640, 480))).toEqual({
      ok: true,
      type: 'jpeg',
      width: 640,
      height: 480,
    });
    const riff = (chunk: string, body: number[]) =>
      Uint8Array.from([
        ...ascii('RIFF'),
        0,
        0,
        0,
        0,
        ...ascii('WEBP'),
        ...ascii(chunk),
        0,
        0,
        0,
        0,
        ...body,
      ]);
    // VP8: frame tag (3 bytes), start code 9d 01 2a, 14-bit width and height.
    expect(
      readImageInfo(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02])),
    ).toMatchObject({ width: 800, height: 600 });
    // VP8L: signature 0x2f, then (width − 1) in 14 bits and (height − 1) in the next 14 bits: 99 and 49.
    const bits = 99 | (49 << 14);
    expect(
      readImageInfo(
        riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, bits >>> 24]),
      ),
    ).toMatchObject({ width: 100, height: 50 });
    // VP8X: flags + reserved (4 bytes), then 24-bit width − 1 and height − 1.
    expect(readImageInfo(riff('VP8X', [0, 0, 0, 0, 0x7f, 0x07, 0, 0x37, 0x04, 0]))).toMatchObject({
      width: 1920,
      height: 1080,
    });
  });

  it('tells non-images, unsupported formats and corrupt files apart', () => {
    expect(readImageInfo(new TextEncoder().encode('hello, this is text'))).toMatchObject({
      ok: false,
      code: 'not-image',
    });
    expect(readImageInfo(Uint8Array.from([...ascii('GIF89a'), 1, 0, 1, 0]))).toMatchObject({
      ok: false,
      code: 'unsupported-image',
    });
    expect(readImageInfo(jpegHead(640, 480).slice(0, 12))).toMatchObject({
      ok: false,
      code: 'corrupt-image',
    });
    expect(readImageInfo(new Uint8Array(0))).toMatchObject({ ok: false, code: 'not-image' });
  });
});

describe('checkImageFile', () => {
  it('refuses a 50-megapixel JPEG before decoding it', () => {
    const r = checkImageFile(jpegHead(8660, 5774));
    expect(r).toMatchObject({ ok: false, code: 'image-too-large' });
    expect(!r.ok && r.error).toContain('50.0 megapixels');
  });

  it('passes an ordinary image through', () => {
    expect(checkImageFile(jpegHead(1024, 768))).toEqual({
      ok: true,
      type: 'jpeg',
      width: 1024,
      height: 768,
    });
  });
});
