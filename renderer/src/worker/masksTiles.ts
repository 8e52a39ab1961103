/// <reference lib="webworker" />
/**
 * The filmstrip tiles composed with the platform's 2D canvas in the masks worker (OffscreenCanvas):
 * per tile, the photo (resized once per image), the block's overlay at its own resolution blown up
 * without smoothing, and its channel strip; the same picture `buildMaskAtlas` blends pixel by pixel,
 * at a fraction of the cost (the blend of 33 tiles of 64² was most of a rate change's work in the
 * worker). Browser-only; where OffscreenCanvas is missing the worker keeps the pixel path. The
 * sources are ImageBitmaps, all made in one batch with the atlas's other bitmaps (each awaited
 * `createImageBitmap` is a hop to another thread and back): a canvas source would be snapshotted at
 * every `drawImage`, and a `putImageData` into a new canvas took longer than `createImageBitmap`.
 */
import type { BlockMaskSet } from '../../../core/maskfile/types';
import {
  cornerPixels,
  TILE_CORNER_CSS_PX,
  tileStripColour,
  type MaskAtlasLayout,
  type RgbaImage,
} from './masksAtlas';

/** True where the worker can compose tiles with a 2D OffscreenCanvas. */
export function canComposeTiles(): boolean {
  return typeof OffscreenCanvas !== 'undefined' && typeof ImageData !== 'undefined';
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser offers no 2D canvas in workers');
  return ctx;
}

/**
 * Row i: block i's tile channel strip, one pixel per tile column (transparent without channels);
 * null when no block has channel masks.
 */
export function tileStripRows(blocks: readonly BlockMaskSet[], tilePx: number): RgbaImage | null {
  if (!blocks.some((b) => b.channel)) return null;
  const rgba = new Uint8ClampedArray(tilePx * blocks.length * 4);
  blocks.forEach((block, i) => {
    const groups = block.channel;
    if (!groups) return;
    for (let x = 0; x < tilePx; x++) {
      const c = tileStripColour(groups, x, tilePx);
      const o = (i * tilePx + x) * 4;
      rgba[o] = c[0];
      rgba[o + 1] = c[1];
      rgba[o + 2] = c[2];
      rgba[o + 3] = 255;
    }
  });
  return { rgba, width: tilePx, height: blocks.length };
}

/**
 * Opaque at the pixels outside the rounded corners of `tiles` tiles of `tilePx` side in a row, clear
 * elsewhere: drawn with `destination-out` over the composed tiles, it clears those corners in one
 * draw (what `buildMaskAtlas` does pixel by pixel).
 */
export function tileCornerMask(tiles: number, tilePx: number): RgbaImage {
  const width = Math.max(1, tiles) * tilePx;
  const rgba = new Uint8ClampedArray(width * tilePx * 4);
  const corners = cornerPixels(tilePx, Math.round((TILE_CORNER_CSS_PX * tilePx) / 64));
  for (let t = 0; t < tiles; t++)
    for (const [px, py] of corners) rgba[(py * width + t * tilePx + px) * 4 + 3] = 255;
  return { rgba, width, height: tilePx };
}

/** The bitmaps {@link composeTiles} draws from (see the module comment). */
interface TileSources {
  /** The photo at the tile side. */
  photo: ImageBitmap;
  /** The overlays image of the atlas (its `binary` rectangles). */
  overlays: ImageBitmap;
  /** {@link tileStripRows}, when some block has channel masks. */
  strips: ImageBitmap | null;
  /** {@link tileCornerMask} for these tiles. */
  corners: ImageBitmap;
}

/**
 * The tiles image of `layout` (tile i at x = i·tilePx): photo, binary overlay and channel strip, with
 * the corners outside the tile's rounded rectangle transparent, as `buildMaskAtlas` draws them.
 */
export function composeTiles(
  blocks: readonly BlockMaskSet[],
  layout: MaskAtlasLayout,
  sources: TileSources,
): ImageBitmap {
  const { tilePx, tileStripPx } = layout;
  const canvas = new OffscreenCanvas(Math.max(1, blocks.length) * tilePx, tilePx);
  const ctx = context(canvas);
  ctx.imageSmoothingEnabled = false;
  const { photo, overlays, strips } = sources;
  blocks.forEach((block, i) => {
    const x = i * tilePx;
    ctx.drawImage(photo, x, 0);
    const rect = layout.overlays[block.key]?.binary;
    if (rect && block.conv2)
      ctx.drawImage(overlays, rect.x, rect.y, rect.side, rect.side, x, 0, tilePx, tilePx);
    if (strips && block.channel)
      ctx.drawImage(strips, 0, i, tilePx, 1, x, tilePx - tileStripPx, tilePx, tileStripPx);
  });
  ctx.globalCompositeOperation = 'destination-out';
  ctx.drawImage(sources.corners, 0, 0);
  return canvas.transferToImageBitmap();
}
