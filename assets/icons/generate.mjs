// Draws the LAUDNet Studio icon and writes every file the makers need:
//   png/<N>x<N>.png for N in 16…1024 (electron-builder's Linux icon set, maker-deb),
//   icon.png (512, the Linux window icon), icon.ico (Windows, Squirrel, nsis), icon.icns (macOS).
// The motif is a 4×4 spatial mask — bright cells are computed, dim ones skipped — on the app's accent
// blue: what LAUDNet's dynamic networks do. PNGs are encoded here with node:zlib, ICO and ICNS are
// plain containers of those PNGs, so no image tool is needed. Run: node assets/icons/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const here = import.meta.dirname;
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types and their pixel sizes (Apple's PNG-based types, 10.7+).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** Which cells of the mask are "kept": an L for LAUDNet plus two scattered active cells. */
const MASK = [
  [1, 0, 0, 0],
  [1, 0, 1, 0],
  [1, 0, 0, 1],
  [1, 1, 1, 1],
];

const MARGIN = 0.08; // transparent border, as desktop icon grids expect
const RADIUS = 0.2; // corner radius of the tile, relative to the canvas
const TOP = [30, 58, 138]; // #1e3a8a
const BOTTOM = [37, 99, 235]; // #2563eb, the renderer's accent

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour (premultiplied-free RGBA, 0..1 alpha) of the icon at unit coordinates (u, v). */
function shade(u, v) {
  if (!insideRoundedRect(u, v, MARGIN, MARGIN, 1 - MARGIN, 1 - MARGIN, RADIUS)) return null;
  const t = (v - MARGIN) / (1 - 2 * MARGIN);
  let rgb = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  const grid0 = 0.25;
  const cell = (1 - 2 * grid0) / 4;
  const gap = cell * 0.16;
  const col = Math.floor((u - grid0) / cell);
  const row = Math.floor((v - grid0) / cell);
  if (row >= 0 && row < 4 && col >= 0 && col < 4) {
    const x0 = grid0 + col * cell + gap / 2;
    const y0 = grid0 + row * cell + gap / 2;
    if (insideRoundedRect(u, v, x0, y0, x0 + cell - gap, y0 + cell - gap, cell * 0.18)) {
      const alpha = MASK[row][col] ? 0.95 : 0.2;
      rgb = rgb.map((c) => c + (255 - c) * alpha);
    }
  }
  return rgb;
}

/** Renders an RGBA image with 4×4 supersampling (smooth edges at every size). */
function render(size) {
  const ss = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, filter 0 on every row). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (supported since Windows Vista). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([size, png]) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}

/** ICNS: a big-endian length-prefixed list of (type, PNG) elements. */
function encodeIcns(elements) {
  const parts = elements.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const pngs = new Map(PNG_SIZES.map((size) => [size, encodePng(size, render(size))]));
mkdirSync(join(here, 'png'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(join(here, 'png', `${size}x${size}.png`), png);
writeFileSync(join(here, 'icon.png'), pngs.get(512));
writeFileSync(join(here, 'icon.ico'), encodeIco(ICO_SIZES.map((s) => [s, pngs.get(s)])));
writeFileSync(join(here, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([t, s]) => [t, pngs.get(s)])));
console.log(
  `wrote ${pngs.size} PNGs, icon.png, icon.ico (${ICO_SIZES.length} sizes), icon.icns (${ICNS_TYPES.length} elements)`,
);
