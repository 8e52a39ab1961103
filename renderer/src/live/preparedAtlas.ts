/**
 * Pictures of a set of masks drawn before they reach the store (the live worker draws its masks' atlas
 * beside the run and transfers the bitmaps), so the mask views need not build them on the main thread.
 * Keyed by the masks' block array, the object the views receive; forgotten with it.
 */
import type { BlockMaskSet } from '../../../core/maskfile/types';
import type { MaskAtlas } from '../worker/masksAtlas';

const prepared = new WeakMap<readonly BlockMaskSet[], MaskAtlas>();

/** Remembers `atlas` as the pictures of `blocks`. */
export function rememberAtlas(blocks: readonly BlockMaskSet[], atlas: MaskAtlas): void {
  prepared.set(blocks, atlas);
}

/** The pictures already drawn for `blocks`, if any. */
export function preparedAtlasOf(blocks: readonly BlockMaskSet[]): MaskAtlas | undefined {
  return prepared.get(blocks);
}
