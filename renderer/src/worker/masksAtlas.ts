/**
 * The pixels of the 2D mask views for one set of masks, built in one pass off the main thread (the
 * masks worker turns them into ImageBitmaps; a dump's masks are built once on the page): every block's
 * filmstrip tile, every block's overlay at its own resolution in both overlay modes, the channel strips
 * and the ponder map. The view then only copies rectangles out of these images with `drawImage`, so a
 * rate change costs no pixel loop on the main thread. Pure (no DOM), unit-tested in Node.
 */
import { rasterizeOverlay } from '../../../core/maskfile/overlay';
import type { PonderMap } from '../../../core/maskfile/ponder';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import { channelStripRgba, ponderRgba, type Rgb } from '../views/masks/draw';

/** Raw RGBA pixels of one image. */
export interface RgbaImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A square region of an atlas: top-left corner and side, in the atlas's pixels. */
export interface AtlasRect {
  x: number;
  y: number;
  side: number;
}

/** Where each block's pictures are in the atlases (keyed by block key). */
export interface MaskAtlasLayout {
  /** Side of one filmstrip tile in pixels (CSS side × device pixel ratio); tile i at x = i·tilePx. */
  tilePx: number;
  /** Rows of the channel strip at the bottom of a tile. */
  tileStripPx: number;
  /** Column of each block's tile; its channel strip is row i of the strips image. */
  index: Record<string, number>;
  /** Overlay rectangles per block and mode (null: the block has nothing to draw in that mode). */
  overlays: Record<string, { binary: AtlasRect | null; score: AtlasRect | null }>;
  /** Width of the channel strips image (the most groups of any block); 0 without channel masks. */
  stripWidth: number;
  /**
   * True when the tiles and the ponder map already have the photo underneath (and the tiles their
   * rounded corners, see `TILE_CORNER_CSS_PX`).
   */
  composited: boolean;
  /** Whether the ponder map has the photo underneath; absent: as `composited` says. */
  ponderComposited?: boolean;
  /** Mean of the ponder map's counts (blocks computing per position), for the card's summary. */
  ponderMean: number;
}

/** The images (RGBA here; ImageBitmaps or canvases once on the page) and where things are in them. */
export interface MaskAtlasPixels {
  layout: MaskAtlasLayout;
  tiles: RgbaImage;
  overlays: RgbaImage;
  strips: RgbaImage | null;
  ponder: RgbaImage;
}

/** Channel strip colours of the filmstrip tiles and of the channel card. */
export const TILE_STRIP_COLOURS: readonly [Rgb, Rgb] = [
  [0, 190, 110],
  [40, 40, 60],
];
export const CARD_STRIP_COLOURS: readonly [Rgb, Rgb] = [
  [0, 170, 100],
  [205, 210, 220],
];

/** Greatest common divisor and least common multiple of positive integers. */
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b;

/**
 * Side at which a block's binary overlay is exact (every conv1/conv2 cell a whole number of pixels):
 * the least common multiple of the two map sides, at most `maxSide`; null without a spatial mask.
 */
export function binaryOverlaySide(block: BlockMaskSet, maxSide = 224): number | null {
  const conv2 = block.conv2;
  if (!conv2) return null;
  let side = Math.max(conv2.height, conv2.width);
  if (block.conv1) side = lcm(side, Math.max(block.conv1.height, block.conv1.width));
  return Math.min(maxSide, side);
}

/** Side at which a block's score heatmap is exact (one pixel per decision cell); null without scores. */
export function scoreOverlaySide(block: BlockMaskSet): number | null {
  const score = block.gridScore;
  return score ? Math.max(1, score.height, score.width) : null;
}

/** Copies a `side`² RGBA square into an atlas at (x, y), a 32-bit word per pixel. */
function blit(atlas: RgbaImage, src: Uint8ClampedArray, side: number, x: number, y: number): void {
  const to = new Uint32Array(atlas.rgba.buffer, atlas.rgba.byteOffset, atlas.rgba.length >> 2);
  const from = new Uint32Array(src.buffer, src.byteOffset, side * side);
  for (let r = 0; r < side; r++) {
    const o = (y + r) * atlas.width + x;
    const i = r * side;
    for (let c = 0; c < side; c++) to[o + c] = from[i + c] as number;
  }
}

/**
 * `over` (straight alpha, a `side`² square) blended onto the opaque `under` (same side) and written into
 * the atlas at (x, 0): what `drawImage` of the overlay over the photo does.
 */
function blendInto(
  atlas: RgbaImage,
  x: number,
  side: number,
  under: Uint8ClampedArray,
  over: Uint8ClampedArray,
): void {
  // Whole pixels as 32-bit words; the blend in 8-bit fixed point (within one level of the float blend).
  const to = new Uint32Array(atlas.rgba.buffer, atlas.rgba.byteOffset, atlas.rgba.length >> 2);
  const from = new Uint32Array(under.buffer, under.byteOffset, side * side);
  const out = atlas.rgba;
  for (let r = 0; r < side; r++) {
    const row = r * atlas.width + x;
    const src = r * side;
    for (let c = 0; c < side; c++) {
      const i = (src + c) * 4;
      const alpha = over[i + 3] as number;
      if (alpha === 0) {
        to[row + c] = from[src + c] as number;
        continue;
      }
      const o = (row + c) * 4;
      const a = alpha + (alpha >> 7); // 0…256
      const b = 256 - a;
      out[o] = ((over[i] as number) * a + (under[i] as number) * b + 128) >> 8;
      out[o + 1] = ((over[i + 1] as number) * a + (under[i + 1] as number) * b + 128) >> 8;
      out[o + 2] = ((over[i + 2] as number) * a + (under[i + 2] as number) * b + 128) >> 8;
      out[o + 3] = under[i + 3] as number;
    }
  }
}

/**
 * The share of the photo in the ponder map: 18 % of its luminance per pixel, at the map's side. It
 * depends on the photo only, so the worker keeps it with the image instead of computing it per change.
 */
export function ponderShade(photo: RgbaImage, side: number): Float32Array {
  const grey =
    photo.width === side && photo.height === side ? photo.rgba : resizeSquare(photo, side);
  const out = new Float32Array(side * side);
  for (let i = 0; i < out.length; i++) {
    const o = 4 * i;
    out[i] =
      0.18 *
      (0.2126 * (grey[o] as number) +
        0.7152 * (grey[o + 1] as number) +
        0.0722 * (grey[o + 2] as number));
  }
  return out;
}

/** Box-filter resize of a square RGBA image to `toSide`² (the photo under the tiles). */
export function resizeSquare(src: RgbaImage, toSide: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(toSide * toSide * 4);
  for (let y = 0; y < toSide; y++) {
    const y0 = Math.floor((y * src.height) / toSide);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / toSide));
    for (let x = 0; x < toSide; x++) {
      const x0 = Math.floor((x * src.width) / toSide);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / toSide));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * src.width + xx) * 4;
          r += src.rgba[i] as number;
          g += src.rgba[i + 1] as number;
          b += src.rgba[i + 2] as number;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * toSide + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return out;
}

/** Colour of column `x` of a `tilePx`-wide tile's channel strip: its group's, kept or skipped. */
export function tileStripColour(groups: Uint8Array, x: number, tilePx: number): Rgb {
  const [keep, skip] = TILE_STRIP_COLOURS;
  return groups[Math.min(groups.length - 1, Math.floor((x * groups.length) / tilePx))]
    ? keep
    : skip;
}

/**
 * Draws a block's filmstrip tile into the atlas at (x, 0): its overlay with the channel strip in the
 * bottom rows, over `photo` when given.
 */
function drawTile(
  tiles: RgbaImage,
  x: number,
  block: BlockMaskSet,
  tilePx: number,
  stripPx: number,
  photo: Uint8ClampedArray | null,
): void {
  const over = block.conv2
    ? rasterizeOverlay(block, { sidePx: tilePx })
    : new Uint8ClampedArray(tilePx * tilePx * 4);
  if (block.channel) {
    const groups = block.channel;
    for (let x = 0; x < tilePx; x++) {
      const c = tileStripColour(groups, x, tilePx);
      for (let y = tilePx - stripPx; y < tilePx; y++) {
        const o = (y * tilePx + x) * 4;
        over[o] = c[0];
        over[o + 1] = c[1];
        over[o + 2] = c[2];
        over[o + 3] = 255;
      }
    }
  }
  if (photo) {
    blendInto(tiles, x, tilePx, photo, over);
    clearCorners(tiles, x, tilePx, Math.round((TILE_CORNER_CSS_PX * tilePx) / 64));
  } else blit(tiles, over, tilePx, x, 0);
}

/** Corner radius of a filmstrip tile's picture, in CSS pixels of a 64-pixel tile. */
export const TILE_CORNER_CSS_PX = 3;

/**
 * Makes the pixels outside a rounded corner of `radius` transparent, in the `side`² square at (x, 0):
 * a composited tile is then drawn as it is, without a clip per tile on the page.
 */
function clearCorners(atlas: RgbaImage, x: number, side: number, radius: number): void {
  for (const [px, py] of cornerPixels(side, radius))
    atlas.rgba[(py * atlas.width + x + px) * 4 + 3] = 0;
}

/** The pixels of a `side`² square outside its rounded corners of `radius` (made transparent). */
export function cornerPixels(side: number, radius: number): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < radius; y++) {
    for (let c = 0; c < radius; c++) {
      const dx = c + 0.5 - radius;
      const dy = y + 0.5 - radius;
      if (dx * dx + dy * dy <= radius * radius) continue;
      out.push([c, y], [side - 1 - c, y], [c, side - 1 - y], [side - 1 - c, side - 1 - y]);
    }
  }
  return out;
}

/** The ponder heat over a grey copy of the photo (18 % photo, 82 % heat, as the card used to draw). */
function ponderPixels(
  ponder: PonderMap,
  blocks: number,
  shade: Float32Array | null,
): Uint8ClampedArray {
  const heat = ponderRgba(ponder, blocks);
  if (!shade) return heat;
  for (let i = 0; i < shade.length; i++) {
    const o = 4 * i;
    const l = shade[i] as number;
    heat[o] = 0.82 * (heat[o] as number) + l;
    heat[o + 1] = 0.82 * (heat[o + 1] as number) + l;
    heat[o + 2] = 0.82 * (heat[o + 2] as number) + l;
  }
  return heat;
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return values.length ? sum / values.length : 0;
}

export interface MaskAtlasOptions {
  /** Tile side in device pixels (64 CSS pixels at the page's pixel ratio). */
  tilePx: number;
  /** Channel-strip rows at the bottom of a tile, in device pixels. */
  tileStripPx: number;
  /** The network input: when given, tiles and ponder map are composited over it. */
  photo?: RgbaImage | null;
  /** The photo already resized to `tilePx` (a cache of the caller's), else it is resized here. */
  tilePhoto?: Uint8ClampedArray | null;
  /** `ponderShade(photo, ponder.side)` (a cache of the caller's), else it is computed here. */
  ponderShade?: Float32Array | null;
  /**
   * False: the tiles are left out (a 1×1 placeholder); the caller composes them itself from the
   * overlays (see masksTiles.ts). The layout is the same either way.
   */
  tiles?: boolean;
  /**
   * False: the overlays are left out (a 1×1 placeholder); the page paints the one a card shows when it
   * shows it (see live/preparedAtlas.ts). Their rectangles in the layout are the same either way.
   */
  overlays?: boolean;
}

/** Where each block's overlays and channel strip sit in the atlas, and the images sized to hold them. */
export interface AtlasPlacement {
  overlays: RgbaImage;
  strips: RgbaImage | null;
  stripWidth: number;
  /** Per block key: its binary overlay (first band) and score overlay (second band), left to right. */
  rects: MaskAtlasLayout['overlays'];
}

/** Which of a block's two overlays: its decisions (binary) or its soft scores. */
export type OverlayKind = 'binary' | 'score';

/** The RGBA pixels of one of `block`'s overlays at `sidePx` (what every atlas paints into its rectangle). */
export function overlayRgba(
  block: BlockMaskSet,
  kind: OverlayKind,
  sidePx: number,
): Uint8ClampedArray {
  return rasterizeOverlay(block, kind === 'score' ? { sidePx, mode: 'score' } : { sidePx });
}

/** Places the blocks' overlays in two bands (binary, then score) and sizes the channel strips. */
export function atlasPlacement(blocks: readonly BlockMaskSet[]): AtlasPlacement {
  const binarySides = blocks.map((b) => binaryOverlaySide(b));
  const scoreSides = blocks.map((b) => scoreOverlaySide(b));
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, s) => a + (s ?? 0), 0);
  const band = (xs: (number | null)[]) => Math.max(0, ...xs.map((s) => s ?? 0));
  const binaryBand = band(binarySides);
  const width = Math.max(1, sum(binarySides), sum(scoreSides));
  const height = Math.max(1, binaryBand + band(scoreSides));
  const stripWidth = Math.max(0, ...blocks.map((b) => b.channel?.length ?? 0));
  const rects: MaskAtlasLayout['overlays'] = {};
  let bx = 0;
  let sx = 0;
  blocks.forEach((block, i) => {
    const bSide = binarySides[i] ?? null;
    const sSide = scoreSides[i] ?? null;
    rects[block.key] = {
      binary: bSide !== null ? { x: bx, y: 0, side: bSide } : null,
      score: sSide !== null ? { x: sx, y: binaryBand, side: sSide } : null,
    };
    bx += bSide ?? 0;
    sx += sSide ?? 0;
  });
  return {
    overlays: { rgba: new Uint8ClampedArray(width * height * 4), width, height },
    strips:
      stripWidth > 0
        ? {
            rgba: new Uint8ClampedArray(stripWidth * blocks.length * 4),
            width: stripWidth,
            height: blocks.length,
          }
        : null,
    stripWidth,
    rects,
  };
}

/** Builds every picture of the 2D mask views for `blocks` (see the module comment). */
export function buildMaskAtlas(
  blocks: readonly BlockMaskSet[],
  ponder: PonderMap,
  opts: MaskAtlasOptions,
): MaskAtlasPixels {
  const { tilePx, tileStripPx } = opts;
  const photo = opts.photo ?? null;
  const withTiles = opts.tiles !== false;
  const tilePhoto = photo && withTiles ? (opts.tilePhoto ?? resizeSquare(photo, tilePx)) : null;
  const n = Math.max(1, blocks.length);
  const tiles: RgbaImage = withTiles
    ? { rgba: new Uint8ClampedArray(n * tilePx * tilePx * 4), width: n * tilePx, height: tilePx }
    : { rgba: new Uint8ClampedArray(4), width: 1, height: 1 };
  const placement = atlasPlacement(blocks);
  const { strips, stripWidth, rects } = placement;
  const withOverlays = opts.overlays !== false;
  const overlays: RgbaImage = withOverlays
    ? placement.overlays
    : { rgba: new Uint8ClampedArray(4), width: 1, height: 1 };
  const layout: MaskAtlasLayout = {
    tilePx,
    tileStripPx,
    index: {},
    overlays: rects,
    stripWidth,
    composited: photo !== null,
    ponderMean: meanOf(ponder.counts),
  };
  blocks.forEach((block, i) => {
    layout.index[block.key] = i;
    if (withTiles) drawTile(tiles, i * tilePx, block, tilePx, tileStripPx, tilePhoto);
    const { binary, score } = rects[block.key]!;
    if (withOverlays && binary)
      blit(overlays, overlayRgba(block, 'binary', binary.side), binary.side, binary.x, 0);
    if (withOverlays && score)
      blit(overlays, overlayRgba(block, 'score', score.side), score.side, score.x, score.y);
    if (strips && block.channel) {
      const [keep, skip] = CARD_STRIP_COLOURS;
      strips.rgba.set(channelStripRgba(block.channel, keep, skip), i * stripWidth * 4);
    }
  });
  return {
    layout,
    tiles,
    overlays,
    strips,
    ponder: {
      rgba: ponderPixels(
        ponder,
        blocks.length,
        photo ? (opts.ponderShade ?? ponderShade(photo, ponder.side)) : null,
      ),
      width: ponder.side,
      height: ponder.side,
    },
  };
}

/** The atlases as images the page can draw from (ImageBitmaps from the worker, canvases otherwise). */
export interface MaskAtlas<Image = CanvasImageSource> {
  layout: MaskAtlasLayout;
  tiles: Image;
  overlays: Image;
  strips: Image | null;
  ponder: Image;
  /**
   * Brings block `key`'s overlays in `overlays` up to date, both or the `mode` one only (pictures
   * painted on the page paint the overlay shown only); absent: every overlay is there already.
   */
  prepare?: (key: string, mode?: 'binary' | 'score') => void;
  /**
   * Brings the tiles of blocks `keys` in `tiles` up to date (pictures painted on the page paint the
   * tiles the filmstrip draws only); absent: every tile is there already.
   */
  prepareTiles?: (keys: readonly string[]) => void;
}

/** What the worker is told about the filmstrip's tiles (device pixels). */
export interface MaskAtlasRequest {
  tilePx: number;
  tileStripPx: number;
}
