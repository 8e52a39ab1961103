import { describe, expect, it } from 'vitest';
import { setStageMode } from '../../../renderer/src/store/configEdits';
import { buildMaskAtlas } from '../../../renderer/src/worker/masksAtlas';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { tileCornerMask, tileStripRows } from '../../../renderer/src/worker/masksTiles';
import { rampSaliency, stage1Config } from './helpers';

// The worker composes tiles with the 2D canvas from these pieces; the pixel path (buildMaskAtlas with
// its tiles) is the reference they must reproduce.
const TILE = 32;
const STRIP = 4;

function photo() {
  const rgba = new Uint8ClampedArray(224 * 224 * 4).fill(90);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return { rgba, width: 224, height: 224 };
}

describe('tileStripRows', () => {
  it("holds each block's strip as the pixel path draws it in its tile's bottom rows", () => {
    const config = setStageMode(stage1Config(), 1, 'channel');
    const { blocks, ponder } = proxyMasksFor(rampSaliency(), config);
    const atlas = buildMaskAtlas(blocks, ponder, { tilePx: TILE, tileStripPx: STRIP });
    const rows = tileStripRows(blocks, TILE)!;
    expect([rows.width, rows.height]).toEqual([TILE, blocks.length]);
    let compared = 0;
    blocks.forEach((block, i) => {
      for (let x = 0; x < TILE; x++) {
        const o = (i * TILE + x) * 4;
        const got = Array.from(rows.rgba.subarray(o, o + 4));
        if (!block.channel) {
          expect(got[3]).toBe(0);
          continue;
        }
        const a = ((TILE - 1) * atlas.tiles.width + i * TILE + x) * 4;
        expect(got).toEqual(Array.from(atlas.tiles.rgba.subarray(a, a + 4)));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(0);
  });

  it('is null when no block has channel masks', () => {
    const { blocks } = proxyMasksFor(rampSaliency(), stage1Config());
    expect(tileStripRows(blocks, TILE)).toBeNull();
  });
});

describe('tileCornerMask', () => {
  it("is opaque exactly where the pixel path's composited tiles are transparent", () => {
    const { blocks, ponder } = proxyMasksFor(rampSaliency(), stage1Config());
    const atlas = buildMaskAtlas(blocks, ponder, {
      tilePx: TILE,
      tileStripPx: STRIP,
      photo: photo(),
    });
    const mask = tileCornerMask(blocks.length, TILE);
    expect([mask.width, mask.height]).toEqual([atlas.tiles.width, atlas.tiles.height]);
    let corners = 0;
    for (let p = 3; p < mask.rgba.length; p += 4) {
      const cleared = atlas.tiles.rgba[p] === 0;
      expect(mask.rgba[p] === 255, `pixel ${(p - 3) / 4}`).toBe(cleared);
      if (cleared) corners++;
    }
    // A 32-pixel tile has a radius of 2 (3 CSS px of 64): one pixel per corner.
    expect(corners).toBe(4 * blocks.length);
  });
});
