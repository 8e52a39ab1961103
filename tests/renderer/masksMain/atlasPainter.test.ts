import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { AtlasPainter } from '../../../renderer/src/masksMain/atlasPainter';
import { ProxyMasker } from '../../../renderer/src/masksMain/masker';
import { coarsePonder, ponderMean } from '../../../renderer/src/masksMain/ponder';
import {
  setStageGroupSize,
  setStageMode,
  setStageRate,
  setTargetRate,
} from '../../../renderer/src/store/configEdits';
import { ponderRgba } from '../../../renderer/src/views/masks/draw';
import { buildMaskAtlas, resizeSquare } from '../../../renderer/src/worker/masksAtlas';
import { rampSaliency } from '../masks/helpers';

/** A photo with texture in every channel (so a blend that is off by one level shows). */
function photo(side = 224) {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    rgba[4 * i] = (i * 37) % 256;
    rgba[4 * i + 1] = (i * 11 + 90) % 256;
    rgba[4 * i + 2] = (i >> 5) % 256;
    rgba[4 * i + 3] = 255;
  }
  return { rgba, width: side, height: side };
}

const firstDifference = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `byte ${i}: ${a[i]} vs ${b[i]}`;
  return null;
};

describe('AtlasPainter', () => {
  it('paints, change after change, the pixels buildMaskAtlas blends from scratch', () => {
    const image = photo();
    const tilePx = 64;
    const stripPx = 7;
    const tilePhoto = resizeSquare(image, tilePx);
    const masker = new ProxyMasker(rampSaliency());
    const painter = new AtlasPainter(tilePx, stripPx, tilePhoto);
    let config: StudioConfig = setStageMode(defaultConfig('resnet50'), 1, 'spatial+channel');
    config = setStageGroupSize(config, 1, 16);
    config = setStageMode(config, 3, 'layer');
    const edits: ((c: StudioConfig) => StudioConfig)[] = [
      (c) => c,
      (c) => setTargetRate(c, 0.31),
      (c) => setTargetRate(c, 0.87),
      (c) => setStageRate(c, 2, 0.12),
      (c) => setTargetRate(c, 0.5),
      (c) => setStageMode(c, 2, 'channel'),
      (c) => setTargetRate(c, 0),
      (c) => setTargetRate(c, 1),
      (c) => setTargetRate(c, 0.44),
    ];
    for (const edit of edits) {
      config = edit(config);
      const result = masker.update(config);
      const change = painter.paint(result);
      painter.paintTiles();
      for (const b of result.blocks) painter.paintOverlays(b.key);
      const want = buildMaskAtlas(result.blocks, result.ponder, {
        tilePx,
        tileStripPx: stripPx,
        photo: image,
      });
      expect(firstDifference(painter.tiles.rgba, want.tiles.rgba)).toBeNull();
      expect(firstDifference(painter.overlays.rgba, want.overlays.rgba)).toBeNull();
      expect(painter.strips && firstDifference(painter.strips.rgba, want.strips!.rgba)).toBeNull();
      const { ponderMean: mean, ...layout } = painter.layout!;
      const { ponderMean: wantMean, ...wantLayout } = want.layout;
      expect(layout).toEqual({ ...wantLayout, ponderComposited: false });
      expect(mean).toBe(wantMean);
      // The ponder picture: the heat of each count (no photo), at the coarse side.
      const coarse = result.coarsePonder.coarse;
      const heat = ponderRgba(result.ponder, result.blocks.length);
      const k = result.ponder.side / coarse.side;
      for (let y = 0; y < coarse.side; y += 3)
        for (let x = 0; x < coarse.side; x += 5) {
          const o = (y * coarse.side + x) * 4;
          const p = (y * k * result.ponder.side + x * k) * 4;
          expect([...painter.ponder.rgba.subarray(o, o + 4)]).toEqual([...heat.subarray(p, p + 4)]);
        }
      if (edit === edits[0]) expect(change.rebuilt).toBe(true);
    }
  });

  it('paints only the tiles of blocks whose masks changed', () => {
    const masker = new ProxyMasker(rampSaliency());
    const painter = new AtlasPainter(32, 4, resizeSquare(photo(), 32));
    let config = setStageMode(defaultConfig('resnet50'), 0, 'spatial');
    const first = painter.paint(masker.update(config));
    expect(first.rebuilt).toBe(true);
    expect(painter.paintTiles()).toHaveLength(first.tiles.length);
    expect(painter.paintOverlays('stage2/0').length).toBe(2);
    config = setStageRate(config, 0, 0.2);
    const change = painter.paint(masker.update(config));
    expect(change.rebuilt).toBe(false);
    expect(change.tiles).toEqual([0, 1, 2]);
    // Tiles: painted when asked for (the filmstrip asks for the ones it shows), once per change.
    const before = painter.tiles.rgba.slice();
    expect(painter.tiles.rgba).toEqual(before);
    expect(painter.paintTiles(['stage1/1', 'stage2/0'])).toEqual([1]);
    expect(painter.tiles.rgba).not.toEqual(before);
    expect(painter.paintTiles(['stage1/1'])).toEqual([]);
    expect(painter.paintTiles()).toEqual([0, 2]);
    expect(painter.paintTiles()).toEqual([]);
    // Overlays: painted when asked for, once per change of the block's masks.
    expect(painter.paintOverlays('stage1/0').length).toBe(2);
    expect(painter.paintOverlays('stage1/0')).toEqual([]);
    expect(painter.paintOverlays('stage2/0')).toEqual([]);
    // The overlay shown alone (one mode): the other waits until asked for.
    config = setStageRate(config, 0, 0.6);
    painter.paint(masker.update(config));
    const rects = painter.layout!.overlays['stage1/0']!;
    expect(painter.paintOverlays('stage1/0', 'score')).toEqual([rects.score]);
    expect(painter.paintOverlays('stage1/0', 'score')).toEqual([]);
    expect(painter.paintOverlays('stage1/0')).toEqual([rects.binary]);
    expect(painter.paintOverlays('stage1/0', 'binary')).toEqual([]);
  });
});

describe('coarsePonder', () => {
  it('gives computePonderMap’s counts, maximum and mean', () => {
    const masker = new ProxyMasker(rampSaliency());
    for (const rate of [0.1, 0.55, 0.9]) {
      const { blocks } = masker.update(setTargetRate(defaultConfig('resnet101'), rate));
      const got = coarsePonder(blocks);
      const want = computePonderMap(blocks);
      expect(got.coarse.side).toBe(56);
      expect(
        firstDifference(
          new Uint8ClampedArray(got.map.counts.buffer),
          new Uint8ClampedArray(want.counts.buffer),
        ),
      ).toBeNull();
      expect(got.map.maxCount).toBe(want.maxCount);
      let sum = 0;
      for (const c of want.counts) sum += c;
      expect(ponderMean(got)).toBe(sum / want.counts.length);
    }
  });
});
