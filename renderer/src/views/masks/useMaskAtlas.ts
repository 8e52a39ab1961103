import { useMemo } from 'react';
import { preparedAtlasOf } from '../../live/preparedAtlas';
import { buildMaskAtlas, type MaskAtlas, type RgbaImage } from '../../worker/masksAtlas';
import { pixelsCanvas } from './draw';
import type { ShownMasks } from './selection';
import { atlasRequest } from './atlasRequest';

const canvasOf = (image: RgbaImage) => pixelsCanvas(image.rgba, image.width, image.height);

/**
 * The pictures the 2D cards copy from: the worker's (proxy masks, drawn there with the photo under the
 * tiles and the ponder map), or, for a dump's or the live model's masks, built here once per set of
 * masks (a rate change does not change them) without the photo, which the cards then draw underneath.
 */
export function useMaskAtlas(masks: ShownMasks | null): MaskAtlas | null {
  const result = masks?.result ?? null;
  const drawn =
    masks?.source === 'proxy'
      ? masks.result.atlas
      : masks
        ? preparedAtlasOf(masks.result.blocks)
        : undefined;
  return useMemo(() => {
    if (!result) return null;
    if (drawn) return drawn;
    const pixels = buildMaskAtlas(result.blocks, result.ponder, atlasRequest());
    return {
      layout: pixels.layout,
      tiles: canvasOf(pixels.tiles),
      overlays: canvasOf(pixels.overlays),
      strips: pixels.strips ? canvasOf(pixels.strips) : null,
      ponder: canvasOf(pixels.ponder),
    };
  }, [result, drawn]);
}
