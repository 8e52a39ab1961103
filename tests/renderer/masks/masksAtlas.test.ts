import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAY_COLOURS, rasterizeOverlay } from '../../../core/maskfile/overlay';
import { setStageMode } from '../../../renderer/src/store/configEdits';
import { ponderRgba } from '../../../renderer/src/views/masks/draw';
import {
  binaryOverlaySide,
  buildMaskAtlas,
  cornerPixels,
  CARD_STRIP_COLOURS,
  TILE_STRIP_COLOURS,
  type RgbaImage,
} from '../../../renderer/src/worker/masksAtlas';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency, stage1Config } from './helpers';

const pixel = (img: RgbaImage, x: number, y: number) =>
  Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

/** A uniform grey 224×224 photo. */
function greyPhoto(level = 100): RgbaImage {
  const rgba = new Uint8ClampedArray(224 * 224 * 4).fill(level);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return { rgba, width: 224, height: 224 };
}

function masks(config = stage1Config()) {
  return proxyMasksFor(rampSaliency(), config);
}

describe('binaryOverlaySide', () => {
  it('is the map side, or the conv1 side where a stride-2 block reads a map twice as wide', () => {
    const { blocks } = masks();
    // ResNet-50 at 224: stage 1 maps are 56×56; stage 2's first block reads 56 and writes 28.
    expect(binaryOverlaySide(blocks.find((b) => b.key === 'stage1/0')!)).toBe(56);
    expect(binaryOverlaySide(blocks.find((b) => b.key === 'stage2/0')!)).toBe(56);
    expect(binaryOverlaySide(blocks.find((b) => b.key === 'stage2/1')!)).toBe(28);
  });
});

describe('buildMaskAtlas', () => {
  it("holds each block's overlay at its own resolution: blown up, it is the 224-pixel overlay", () => {
    const { blocks, ponder } = masks();
    const atlas = buildMaskAtlas(blocks, ponder, { tilePx: 64, tileStripPx: 7 });
    for (const block of [blocks[0]!, blocks[3]!, blocks.at(-1)!]) {
      for (const mode of ['binary', 'score'] as const) {
        const rect = atlas.layout.overlays[block.key]![mode]!;
        const full = rasterizeOverlay(block, { mode });
        let differing = 0;
        for (let y = 0; y < 224; y += 3) {
          for (let x = 0; x < 224; x += 3) {
            const ax = rect.x + Math.floor((x * rect.side) / 224);
            const ay = rect.y + Math.floor((y * rect.side) / 224);
            const want = Array.from(full.subarray((y * 224 + x) * 4, (y * 224 + x) * 4 + 4));
            if (pixel(atlas.overlays, ax, ay).join() !== want.join()) differing++;
          }
        }
        expect(differing, `${block.key} ${mode}`).toBe(0);
      }
    }
  });

  it('composites tiles and the ponder map over the photo when it is given', () => {
    const { blocks, ponder } = masks();
    const atlas = buildMaskAtlas(blocks, ponder, {
      tilePx: 64,
      tileStripPx: 7,
      photo: greyPhoto(100),
    });
    expect(atlas.layout.composited).toBe(true);
    expect(atlas.tiles.width).toBe(64 * blocks.length);
    // Stage 1 at rate 0.5 over a left-to-right, top-to-bottom ramp: the bottom right is kept, the top left skipped.
    const [kr, kg, kb, ka] = DEFAULT_OVERLAY_COLOURS.keep;
    const a = ka / 255;
    const kept = pixel(atlas.tiles, 60, 60);
    expect(kept[0]).toBeCloseTo(kr * a + 100 * (1 - a), -0.5);
    expect(kept[1]).toBeCloseTo(kg * a + 100 * (1 - a), -0.5);
    expect(kept[2]).toBeCloseTo(kb * a + 100 * (1 - a), -0.5);
    expect(kept[3]).toBe(255);
    // Rounded corners (radius 3 px): only the outermost corner pixel of each tile lies outside the
    // circle of radius 3 around (3, 3) — (0.5, 0.5) is 2.5·√2 ≈ 3.54 away, (1.5, 0.5) ≈ 2.92.
    for (const [x, y] of [
      [0, 0],
      [63, 0],
      [0, 63],
      [63, 63],
      [64, 0],
      [127, 63],
    ] as const)
      expect(pixel(atlas.tiles, x, y)[3], `${x},${y}`).toBe(0);
    for (const [x, y] of [
      [1, 0],
      [0, 1],
      [62, 0],
      [65, 0],
      [1, 63],
    ] as const)
      expect(pixel(atlas.tiles, x, y)[3], `${x},${y}`).toBe(255);
    const [sr, , , sa] = DEFAULT_OVERLAY_COLOURS.skip;
    expect(pixel(atlas.tiles, 2, 2)[0]).toBeCloseTo(sr * (sa / 255) + 100 * (1 - sa / 255), -0.5);
    // Ponder: 82 % heat over 18 % grey photo.
    const heat = ponderRgba(ponder, blocks.length);
    const i = (100 * 224 + 100) * 4;
    expect(pixel(atlas.ponder, 100, 100)[0]).toBeCloseTo(0.82 * heat[i]! + 0.18 * 100, -0.5);
    // The card's summary: the mean number of blocks computing per position.
    let total = 0;
    for (const c of ponder.counts) total += c;
    expect(atlas.layout.ponderMean).toBeCloseTo(total / (224 * 224), 9);
  });

  it('without a photo, leaves the tiles transparent where there is no mask (the view draws the photo)', () => {
    let config = stage1Config();
    config = setStageMode(config, 1, 'channel');
    const { blocks, ponder } = masks(config);
    const atlas = buildMaskAtlas(blocks, ponder, { tilePx: 32, tileStripPx: 4 });
    expect(atlas.layout.composited).toBe(false);
    const channelBlock = blocks.findIndex((b) => b.key === 'stage2/0');
    const block = blocks[channelBlock]!;
    expect(atlas.layout.index['stage2/0']).toBe(channelBlock);
    // No spatial mask: transparent above the strip; the strip is the group decisions, left to right.
    expect(pixel(atlas.tiles, channelBlock * 32 + 5, 5)[3]).toBe(0);
    const groups = block.channel!;
    const firstGroup = pixel(atlas.tiles, channelBlock * 32, 31).slice(0, 3);
    expect(firstGroup).toEqual([...(groups[0] ? TILE_STRIP_COLOURS[0] : TILE_STRIP_COLOURS[1])]);
    // The channel card's row: one pixel per group.
    const strips = atlas.strips!;
    expect(atlas.layout.stripWidth).toBe(groups.length);
    for (let g = 0; g < groups.length; g++) {
      const want = groups[g] ? CARD_STRIP_COLOURS[0] : CARD_STRIP_COLOURS[1];
      expect(pixel(strips, g, channelBlock).slice(0, 3)).toEqual([...want]);
    }
    // Channel-only blocks have no overlay to draw.
    expect(atlas.layout.overlays['stage2/0']!.binary).toBeNull();
  });

  // Each part left out (drawn elsewhere: tiles by the worker's composer, overlays by the page) becomes
  // a 1×1 placeholder; the layout and every other part stay as in the full atlas.
  it.each([
    ['tiles', { tiles: false }],
    ['overlays', { overlays: false }],
  ] as const)('without its %s, keeps the same layout and the other parts', (left, option) => {
    const { blocks, ponder } = masks();
    const photo = greyPhoto(90);
    const full = buildMaskAtlas(blocks, ponder, { tilePx: 32, tileStripPx: 4, photo });
    const bare = buildMaskAtlas(blocks, ponder, { tilePx: 32, tileStripPx: 4, photo, ...option });
    expect(bare.layout).toEqual(full.layout);
    expect([bare[left].width, bare[left].height]).toEqual([1, 1]);
    for (const part of ['tiles', 'overlays', 'ponder'] as const)
      if (part !== left) expect(bare[part].rgba, part).toEqual(full[part].rgba);
    expect(bare.strips?.rgba).toEqual(full.strips?.rgba);
  });
});

describe('cornerPixels', () => {
  it('lists the pixels outside the rounded corners, the same in all four corners', () => {
    expect(cornerPixels(64, 0)).toEqual([]);
    // Radius 3: only the corner pixel's centre (2.5, 2.5 from the circle's centre) lies outside.
    expect(cornerPixels(10, 3)).toEqual([
      [0, 0],
      [9, 0],
      [0, 9],
      [9, 9],
    ]);
    // Radius 5: (0,0), (1,0), (2,0), (0,1), (0,2) per corner; (3,0) and (1,1) lie inside.
    const px = cornerPixels(12, 5);
    expect(px).toHaveLength(20);
    for (const [x, y] of [
      [0, 0],
      [2, 0],
      [0, 2],
      [11, 0],
      [9, 0],
      [0, 11],
      [11, 11],
      [11, 9],
    ] as const)
      expect(px).toContainEqual([x, y]);
    expect(px).not.toContainEqual([3, 0]);
    expect(px).not.toContainEqual([1, 1]);
  });
});
