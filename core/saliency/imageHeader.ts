/**
 * Image type and size from the first bytes of a file, without decoding it: lets the app refuse a
 * non-image or a 50-megapixel photo with a clear message before handing it to a decoder.
 */
import { checkImageDimensions } from './preprocess';

export type ImageType = 'png' | 'jpeg' | 'webp';

export type ImageInfoResult =
  | { ok: true; type: ImageType; width: number; height: number }
  | {
      ok: false;
      code: 'not-image' | 'unsupported-image' | 'corrupt-image' | 'image-too-large';
      error: string;
    };

const u16be = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
const u16le = (b: Uint8Array, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] as number) << 16);
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

const corrupt = (type: string): ImageInfoResult => ({
  ok: false,
  code: 'corrupt-image',
  error: `The ${type} file is truncated or corrupt: its size cannot be read.`,
});

function jpegSize(b: Uint8Array): ImageInfoResult {
  let i = 2;
  while (i + 9 <= b.length) {
    if (b[i] !== 0xff) return corrupt('JPEG');
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const isSof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { ok: true, type: 'jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
    if (marker === 0xda || marker === 0xd9) return corrupt('JPEG');
    const length = u16be(b, i + 2);
    if (length < 2) return corrupt('JPEG');
    i += 2 + length;
  }
  return corrupt('JPEG');
}

function webpSize(b: Uint8Array): ImageInfoResult {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return corrupt('WebP');
    return { ok: true, type: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    if (b[20] !== 0x2f) return corrupt('WebP');
    const bits = (u16le(b, 21) | ((b[23] as number) << 16) | ((b[24] as number) << 24)) >>> 0;
    return {
      ok: true,
      type: 'webp',
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { ok: true, type: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return corrupt('WebP');
}

/** Type and pixel size of a PNG, JPEG or WebP file. Never throws. */
export function readImageInfo(bytes: Uint8Array): ImageInfoResult {
  const b = bytes;
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') {
    if (ascii(b, 12, 4) !== 'IHDR') return corrupt('PNG');
    return { ok: true, type: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegSize(b);
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpSize(b);
  if (
    b.length >= 4 &&
    (ascii(b, 0, 4) === 'GIF8' || ascii(b, 0, 2) === 'BM' || ascii(b, 4, 4) === 'ftyp')
  ) {
    return {
      ok: false,
      code: 'unsupported-image',
      error: 'This image format is not supported; open a PNG, JPEG or WebP image.',
    };
  }
  return {
    ok: false,
    code: 'not-image',
    error: 'This file is not an image (PNG, JPEG or WebP expected).',
  };
}

/** {@link readImageInfo} plus the size limits: the single check to run before decoding a picked file. */
export function checkImageFile(bytes: Uint8Array): ImageInfoResult {
  const info = readImageInfo(bytes);
  if (!info.ok) return info;
  if (info.width === 0 || info.height === 0) {
    return {
      ok: false,
      code: 'corrupt-image',
      error: `The ${info.type.toUpperCase()} file says it has no pixels.`,
    };
  }
  const size = checkImageDimensions(info.width, info.height);
  if (!size.ok) return { ok: false, code: 'image-too-large', error: size.error };
  return info;
}
