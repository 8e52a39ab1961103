/// <reference lib="webworker" />
/**
 * The filmstrip tiles composed with the platform's 2D canvas in the masks worker (OffscreenCanvas):
 * per tile, the photo (resized once per image), the block's overlay at its own resolution blown up
 * without smoothing, and its channel strip; the same picture `buildMaskAtlas` blends pixel by pixel,
 * at a fraction of the cost (the blend of 33 tiles of 64² was most of a rate change's work in the
 * worker). Browser-only; where OffscreenCanvas is missing the worker keeps the pixel path.
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

/** A canvas holding raw pixels (a source for `drawImage`). */
export function canvasOfPixels(image: RgbaImage): OffscreenCanvas {
  const canvas = new OffscreenCanvas(image.width, image.height);
  context(canvas).putImageData(
    new ImageData(image.rgba as Uint8ClampedArray<ArrayBuffer>, image.width, image.height),
    0,
    0,
  );
  return canvas;
}

/** Row i: block i's tile channel strip, one pixel per tile column (transparent without channels). */
function stripRows(blocks: readonly BlockMaskSet[], tilePx: number): RgbaImage | null {
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
 * The tiles image of `layout` (tile i at x = i·tilePx): photo, binary overlay and channel strip, with
 * the corners outside the tile's rounded rectangle transparent, as `buildMaskAtlas` draws them.
 */
export function composeTiles(
  blocks: readonly BlockMaskSet[],
  layout: MaskAtlasLayout,
  overlays: OffscreenCanvas,
  photoTile: OffscreenCanvas,
): ImageBitmap {
  const { tilePx, tileStripPx } = layout;
  const canvas = new OffscreenCanvas(Math.max(1, blocks.length) * tilePx, tilePx);
  const ctx = context(canvas);
  ctx.imageSmoothingEnabled = false;
  const strips = stripRows(blocks, tilePx);
  const stripCanvas = strips ? canvasOfPixels(strips) : null;
  const corners = cornerPixels(tilePx, Math.round((TILE_CORNER_CSS_PX * tilePx) / 64));
  blocks.forEach((block, i) => {
    const x = i * tilePx;
    ctx.drawImage(photoTile, x, 0);
    const rect = layout.overlays[block.key]?.binary;
    if (rect && block.conv2)
      ctx.drawImage(overlays, rect.x, rect.y, rect.side, rect.side, x, 0, tilePx, tilePx);
    if (stripCanvas && block.channel)
      ctx.drawImage(stripCanvas, 0, i, tilePx, 1, x, tilePx - tileStripPx, tilePx, tileStripPx);
    for (const [px, py] of corners) ctx.clearRect(x + px, py, 1, 1);
  });
  return canvas.transferToImageBitmap();
}
