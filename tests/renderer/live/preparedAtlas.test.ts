/**
 * The live worker's atlas comes without its overlays: the page paints a block's overlay into the
 * atlas's canvas when a card asks for it, with the pixels the worker would have drawn, once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  liveAtlasOf,
  overlaysSize,
  preparedAtlasOf,
  rememberLiveAtlas,
} from '../../../renderer/src/live/preparedAtlas';
import { buildMaskAtlas, type RgbaImage } from '../../../renderer/src/worker/masksAtlas';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency, stage1Config } from '../masks/helpers';

interface Put {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  x: number;
  y: number;
}

/** Canvases whose 2D context records `putImageData` (happy-dom draws nothing). */
function recordingCanvases() {
  const puts: Put[] = [];
  const canvases: HTMLCanvasElement[] = [];
  const create = document.createElement.bind(document);
  vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => {
    const el = create(tag);
    if (tag !== 'canvas') return el;
    const canvas = el as HTMLCanvasElement;
    canvases.push(canvas);
    const ctx = {
      putImageData: (
        data: { data: Uint8ClampedArray; width: number; height: number },
        x: number,
        y: number,
      ) => puts.push({ rgba: data.data, width: data.width, height: data.height, x, y }),
    };
    canvas.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
    return canvas;
  }) as typeof document.createElement);
  if (typeof ImageData === 'undefined') {
    vi.stubGlobal(
      'ImageData',
      class {
        constructor(
          readonly data: Uint8ClampedArray,
          readonly width: number,
          readonly height: number,
        ) {}
      },
    );
  }
  return { puts, canvases };
}

/** The `rect` of an atlas image. */
function crop(img: RgbaImage, x: number, y: number, side: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < side; r++)
    out.push(
      ...img.rgba.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + side) * 4),
    );
  return out;
}

function live() {
  const { blocks, ponder } = proxyMasksFor(rampSaliency(), stage1Config());
  const full = buildMaskAtlas(blocks, ponder, { tilePx: 32, tileStripPx: 4 });
  const bare = buildMaskAtlas(blocks, ponder, { tilePx: 32, tileStripPx: 4, overlays: false });
  const bitmap = {} as ImageBitmap;
  const atlas = { layout: bare.layout, tiles: bitmap, strips: null, ponder: bitmap };
  return { blocks, full, atlas };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('live atlas overlays', () => {
  it('sizes the overlays canvas as the worker sized its overlays image', () => {
    const { full } = live();
    expect(overlaysSize(full.layout)).toEqual({
      width: full.overlays.width,
      height: full.overlays.height,
    });
  });

  it("paints a block's overlay when asked, with the worker's pixels, and only once", () => {
    const { puts, canvases } = recordingCanvases();
    const { blocks, full, atlas } = live();
    const shown = liveAtlasOf(blocks, atlas);
    expect(puts).toHaveLength(0);
    const block = blocks.find((b) => atlas.layout.overlays[b.key]?.binary)!;
    shown.prepare?.(block.key, 'binary');
    shown.prepare?.(block.key, 'binary');
    const rect = atlas.layout.overlays[block.key]!.binary!;
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ x: rect.x, y: rect.y, width: rect.side, height: rect.side });
    expect(Array.from(puts[0]!.rgba)).toEqual(crop(full.overlays, rect.x, rect.y, rect.side));
    expect([canvases[0]!.width, canvases[0]!.height]).toEqual([
      full.overlays.width,
      full.overlays.height,
    ]);
    expect(shown.overlays).toBe(canvases[0]);
    // Both modes when no mode is named: the score overlay is painted now, the binary one was.
    shown.prepare?.(block.key);
    const score = atlas.layout.overlays[block.key]!.score!;
    expect(puts).toHaveLength(2);
    expect(Array.from(puts[1]!.rgba)).toEqual(crop(full.overlays, score.x, score.y, score.side));
  });

  it('is what the views get for the blocks it was remembered with', () => {
    recordingCanvases();
    const { blocks, atlas } = live();
    rememberLiveAtlas(blocks, atlas);
    const shown = preparedAtlasOf(blocks);
    expect(shown?.tiles).toBe(atlas.tiles);
    expect(shown?.layout).toBe(atlas.layout);
    expect(typeof shown?.prepare).toBe('function');
  });
});
