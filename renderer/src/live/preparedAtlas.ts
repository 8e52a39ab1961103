/**
 * Pictures of a set of masks drawn before they reach the store (the live worker draws its masks' atlas
 * beside the run and transfers the bitmaps), so the mask views need not build them on the main thread.
 * Keyed by the masks' block array, the object the views receive; forgotten with it.
 *
 * The live worker leaves the overlays out (the overlay card shows one block's, in one mode, at a time):
 * they are painted here, into a canvas of the atlas's own layout, when a card asks for one
 * (`MaskAtlas.prepare`), with the same pixels the worker would have drawn.
 */
import type { BlockMaskSet } from '../../../core/maskfile/types';
import {
  overlayRgba,
  type AtlasRect,
  type OverlayKind,
  type MaskAtlas,
  type MaskAtlasLayout,
} from '../worker/masksAtlas';
import type { LiveAtlas } from './liveMasks';

const prepared = new WeakMap<readonly BlockMaskSet[], MaskAtlas>();

/** Remembers `atlas` as the pictures of `blocks`. */
export function rememberAtlas(blocks: readonly BlockMaskSet[], atlas: MaskAtlas): void {
  prepared.set(blocks, atlas);
}

/** The pictures already drawn for `blocks`, if any. */
export function preparedAtlasOf(blocks: readonly BlockMaskSet[]): MaskAtlas | undefined {
  return prepared.get(blocks);
}

/** The size of the overlays image of `layout` (what holds every rectangle). */
export function overlaysSize(layout: MaskAtlasLayout): { width: number; height: number } {
  let width = 1;
  let height = 1;
  for (const rects of Object.values(layout.overlays)) {
    for (const r of [rects.binary, rects.score]) {
      if (!r) continue;
      width = Math.max(width, r.x + r.side);
      height = Math.max(height, r.y + r.side);
    }
  }
  return { width, height };
}

/**
 * The live worker's pictures of `blocks` as the views' atlas: the overlays in a canvas (sized when the
 * first one is painted) where `prepare` paints a block's overlays the first time they are asked for.
 */
export function liveAtlasOf(blocks: readonly BlockMaskSet[], atlas: LiveAtlas): MaskAtlas {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  let ctx: CanvasRenderingContext2D | null | undefined;
  const painted = new Set<string>();
  const paint = (block: BlockMaskSet, kind: OverlayKind, rect: AtlasRect) => {
    if (ctx === undefined) {
      const { width, height } = overlaysSize(atlas.layout);
      canvas.width = width;
      canvas.height = height;
      ctx = canvas.getContext('2d');
    }
    if (!ctx) return;
    const sidePx = rect.side;
    const rgba = overlayRgba(block, kind, sidePx);
    ctx.putImageData(
      new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, sidePx, sidePx),
      rect.x,
      rect.y,
    );
  };
  return {
    ...atlas,
    overlays: canvas,
    prepare: (key, mode) => {
      const i = atlas.layout.index[key];
      const block = i === undefined ? undefined : blocks[i];
      const rects = atlas.layout.overlays[key];
      if (!block || !rects) return;
      for (const kind of ['binary', 'score'] as const) {
        const rect = rects[kind];
        if ((mode && mode !== kind) || !rect || painted.has(`${key}/${kind}`)) continue;
        painted.add(`${key}/${kind}`);
        paint(block, kind, rect);
      }
    },
  };
}

/** Remembers the live worker's `atlas` as the pictures of `blocks` (see {@link liveAtlasOf}). */
export function rememberLiveAtlas(blocks: readonly BlockMaskSet[], atlas: LiveAtlas): void {
  prepared.set(blocks, liveAtlasOf(blocks, atlas));
}
