/**
 * Minimal PNG support for mask dumps: the header check the reader needs, an encoder for the TS writer
 * (fixtures and tests write `image.png` without a canvas), and a decoder for 8-bit non-interlaced images
 * (what PIL writes for the network input) so that workers and the CLI can use a dump's image directly.
 */
import { unzlibSync, zlibSync } from 'fflate';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Pixels beyond this are refused by the decoder (a 224×224 input is 50 k). */
const MAX_DECODE_PIXELS = 40_000_000;

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++)
    c = (crcTable[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

/** PNG header facts; null when the bytes are not a PNG. */
export function readPngHeader(bytes: Uint8Array): {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
} | null {
  if (bytes.length < 33) return null;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return null;
  // The first chunk must be IHDR (length 13).
  if (u32(bytes, 8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    return null;
  return {
    width: u32(bytes, 16),
    height: u32(bytes, 20),
    bitDepth: bytes[24] as number,
    colorType: bytes[25] as number,
    interlaced: bytes[28] === 1,
  };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Encodes RGBA pixels as an 8-bit RGB PNG (alpha dropped: the network input is opaque). */
export function encodePngRgb(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = row + 1 + x * 3;
      raw[dst] = rgba[src] as number;
      raw[dst + 1] = rgba[src + 1] as number;
      raw[dst + 2] = rgba[src + 2] as number;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export type DecodePngResult =
  | { ok: true; width: number; height: number; rgba: Uint8ClampedArray }
  | { ok: false; error: string };

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced grey/RGB/grey-alpha/RGBA PNG to RGBA, for Node (tools, tests), where
 * there is no platform decoder. The app never uses it: its worker decodes every image, a dump's included,
 * with `createImageBitmap`. Never throws; other variants (palette, 16-bit, interlaced) get a message.
 */
export function decodePng(bytes: Uint8Array): DecodePngResult {
  const header = readPngHeader(bytes);
  if (!header) return { ok: false, error: 'not a PNG image' };
  const { width, height, bitDepth, colorType, interlaced } = header;
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || channels === undefined || interlaced) {
    return {
      ok: false,
      error: `PNG variant not supported here (bit depth ${bitDepth}, colour type ${colorType})`,
    };
  }
  if (width === 0 || height === 0 || width * height > MAX_DECODE_PIXELS) {
    return { ok: false, error: `PNG size ${width}×${height} is out of range` };
  }
  const idat: Uint8Array[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) return { ok: false, error: 'PNG is truncated' };
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const stride = width * channels;
  let raw: Uint8Array;
  try {
    const joined = new Uint8Array(idat.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of idat) {
      joined.set(p, o);
      o += p.length;
    }
    raw = unzlibSync(joined, { out: new Uint8Array(height * (stride + 1)) });
  } catch {
    return { ok: false, error: 'PNG pixel data is corrupt' };
  }
  if (raw.length < height * (stride + 1))
    return { ok: false, error: 'PNG pixel data is truncated' };
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] as number;
      const a = i >= channels ? (pixels[dst + i - channels] as number) : 0;
      const b = y > 0 ? (pixels[dst - stride + i] as number) : 0;
      const c = y > 0 && i >= channels ? (pixels[dst - stride + i - channels] as number) : 0;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else if (filter === 4) v = x + paeth(a, b, c);
      else return { ok: false, error: `PNG row ${y} has unknown filter ${filter}` };
      pixels[dst + i] = v & 0xff;
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const grey = channels <= 2;
    rgba[p * 4] = pixels[s] as number;
    rgba[p * 4 + 1] = pixels[grey ? s : s + 1] as number;
    rgba[p * 4 + 2] = pixels[grey ? s : s + 2] as number;
    rgba[p * 4 + 3] =
      channels === 2 ? (pixels[s + 1] as number) : channels === 4 ? (pixels[s + 3] as number) : 255;
  }
  return { ok: true, width, height, rgba };
}
