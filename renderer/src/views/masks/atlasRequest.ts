/**
 * The tile sizes of the filmstrip, which the mask pictures are drawn at (a module of its own: the page's
 * first bundle needs it to read a dump early, without the masks pipeline).
 */
import type { MaskAtlasRequest } from '../../worker/masksAtlas';

/** Filmstrip tile and its channel strip, in CSS pixels (the worker draws them at the pixel ratio). */
export const TILE_CSS_PX = 64;
export const TILE_STRIP_CSS_PX = 7;

/** The tile sizes the worker draws at, in device pixels. */
export function atlasRequest(): MaskAtlasRequest {
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const ratio = Math.max(1, Math.min(3, dpr));
  return {
    tilePx: Math.round(TILE_CSS_PX * ratio),
    tileStripPx: Math.round(TILE_STRIP_CSS_PX * ratio),
  };
}
