/**
 * Proxy masks computed on the page: per image, its masker (masker.ts) and, per tile size, the canvases
 * of its pictures (canvasAtlas.ts). Kept for the few latest images, shared by the 2D and 3D views.
 */
import type { SaliencyMap } from '../../../core/saliency/spectralResidual';
import type { MaskAtlasRequest } from '../worker/masksAtlas';
import { CanvasAtlas } from './canvasAtlas';
import { ProxyMasker } from './masker';

/** Seed of the proxy's layer gates and channel groups (the worker's `PROXY_SEED`). */
const SEED = 0;
const KEPT = 3;

export interface PageProxy {
  imageId: number;
  masker: ProxyMasker;
  tilePx: number;
  tilePhoto: Uint8ClampedArray;
  atlases: Map<string, CanvasAtlas>;
}

const kept = new Map<number, PageProxy>();

/** The page's proxy state of image `imageId`, when its basis has arrived. */
export function pageProxyOf(imageId: number): PageProxy | null {
  return kept.get(imageId) ?? null;
}

/** Keeps an image's basis (from the masks worker's `proxyBasis`). */
export function rememberBasis(
  imageId: number,
  saliency: SaliencyMap,
  tilePx: number,
  tilePhoto: Uint8ClampedArray,
): PageProxy {
  const page: PageProxy = {
    imageId,
    masker: new ProxyMasker(saliency, SEED),
    tilePx,
    tilePhoto,
    atlases: new Map(),
  };
  kept.delete(imageId);
  kept.set(imageId, page);
  while (kept.size > KEPT) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return page;
}

/** The canvases of `page`'s pictures at the tile sizes of `request` (null: another tile side). */
export function canvasAtlasOf(page: PageProxy, request: MaskAtlasRequest): CanvasAtlas | null {
  if (request.tilePx !== page.tilePx) return null;
  const key = `${request.tilePx}/${request.tileStripPx}`;
  let atlas = page.atlases.get(key);
  if (!atlas) {
    atlas = new CanvasAtlas(request.tilePx, request.tileStripPx, page.tilePhoto);
    page.atlases.set(key, atlas);
  }
  return atlas;
}
