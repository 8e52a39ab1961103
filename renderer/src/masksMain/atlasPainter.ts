/**
 * The 2D mask views' pictures of proxy masks, painted on the page and kept up to date per change: only
 * the blocks whose masks changed are painted again (their filmstrip tile, overlays and channel strip).
 * The tiles are the pixels `buildMaskAtlas` blends over the photo, without a blend per change: the photo
 * blended with each overlay colour is made once per image, and a tile pixel is picked from those by its
 * mask state. The ponder map is drawn at the masks' finest side, without the photo (the card draws the
 * grey photo under it, as for a dump). Pure (no DOM), unit-tested in Node against `buildMaskAtlas`.
 */
import {
  axisLookup,
  DEFAULT_OVERLAY_COLOURS,
  rasterizeOverlay,
} from '../../../core/maskfile/overlay';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import { channelStripRgba, ponderRgba } from '../views/masks/draw';
import {
  atlasPlacement,
  binaryOverlaySide,
  CARD_STRIP_COLOURS,
  cornerPixels,
  overlayRgba,
  scoreOverlaySide,
  TILE_CORNER_CSS_PX,
  tileStripColour,
  type AtlasRect,
  type MaskAtlasLayout,
  type OverlayKind,
  type RgbaImage,
} from '../worker/masksAtlas';
import type { MaskerResult } from './masker';
import { ponderMean } from './ponder';

/**
 * Which pictures a paint changed (tiles and strips by block index; a rebuild changes everything). The
 * changed tiles are painted when asked for ({@link AtlasPainter.paintTiles}).
 */
export interface PaintedChange {
  rebuilt: boolean;
  tiles: number[];
  strips: number[];
}

/** The photo (`tilePx`² RGBA) with one overlay colour blended over it as `buildMaskAtlas` blends. */
function blendedPhoto(photo: Uint8ClampedArray, colour: readonly number[]): Uint32Array {
  const out = new Uint8ClampedArray(photo.length);
  const alpha = colour[3] as number;
  const a = alpha + (alpha >> 7);
  const b = 256 - a;
  for (let i = 0; i < photo.length; i += 4) {
    if (alpha === 0) {
      out[i] = photo[i] as number;
      out[i + 1] = photo[i + 1] as number;
      out[i + 2] = photo[i + 2] as number;
    } else {
      out[i] = ((colour[0] as number) * a + (photo[i] as number) * b + 128) >> 8;
      out[i + 1] = ((colour[1] as number) * a + (photo[i + 1] as number) * b + 128) >> 8;
      out[i + 2] = ((colour[2] as number) * a + (photo[i + 2] as number) * b + 128) >> 8;
    }
    out[i + 3] = photo[i + 3] as number;
  }
  return new Uint32Array(out.buffer);
}

const words = (image: RgbaImage) =>
  new Uint32Array(image.rgba.buffer, image.rgba.byteOffset, image.rgba.length >> 2);

/** Paints proxy masks' pictures over one photo (see the module comment). */
export class AtlasPainter {
  readonly tilePx: number;
  readonly tileStripPx: number;
  layout: MaskAtlasLayout | null = null;
  tiles: RgbaImage = { rgba: new Uint8ClampedArray(4), width: 1, height: 1 };
  overlays: RgbaImage = { rgba: new Uint8ClampedArray(4), width: 1, height: 1 };
  strips: RgbaImage | null = null;
  ponder: RgbaImage = { rgba: new Uint8ClampedArray(4), width: 1, height: 1 };
  private readonly photo: Uint32Array;
  private readonly keep: Uint32Array;
  private readonly extra: Uint32Array;
  private readonly skip: Uint32Array;
  private readonly corners: [number, number][];
  private signature = '';
  private painted: (BlockMaskSet | null)[] = [];
  /** Blocks (by index) whose tiles are not painted yet: the filmstrip asks for the tiles it shows. */
  private tileDue = new Set<number>();
  /** Painted blocks whose overlays are not painted yet, and which of them (binary, score). */
  private overlayDue = new WeakMap<BlockMaskSet, Set<OverlayKind>>();

  /** `tilePhoto`: the photo resized to `tilePx` (as `resizeSquare` makes it). */
  constructor(tilePx: number, tileStripPx: number, tilePhoto: Uint8ClampedArray) {
    this.tilePx = tilePx;
    this.tileStripPx = tileStripPx;
    const c = DEFAULT_OVERLAY_COLOURS;
    this.photo = new Uint32Array(tilePhoto.slice().buffer);
    this.keep = blendedPhoto(tilePhoto, c.keep);
    this.extra = blendedPhoto(tilePhoto, c.conv1Extra);
    this.skip = blendedPhoto(tilePhoto, c.skip);
    this.corners = cornerPixels(tilePx, Math.round((TILE_CORNER_CSS_PX * tilePx) / 64));
  }

  /** Paints what changed in `result` since the last paint. */
  paint(result: MaskerResult): PaintedChange {
    const { blocks } = result;
    const signature = blocks
      .map((b) => `${b.key}:${binaryOverlaySide(b)}:${scoreOverlaySide(b)}:${b.channel?.length}`)
      .join(',');
    const rebuilt = signature !== this.signature || !this.layout;
    if (rebuilt) {
      this.allocate(blocks);
      this.signature = signature;
      this.painted = blocks.map(() => null);
      this.tileDue.clear();
    }
    const layout = this.layout as MaskAtlasLayout;
    const change: PaintedChange = { rebuilt, tiles: [], strips: [] };
    blocks.forEach((block, i) => {
      if (this.painted[i] === block) return;
      this.painted[i] = block;
      // The tile when the filmstrip asks for it (it draws the tiles on screen).
      this.tileDue.add(i);
      change.tiles.push(i);
      // The overlays when the card asks for them (it shows one block's).
      this.overlayDue.set(block, new Set(['binary', 'score']));
      if (this.strips && block.channel) {
        const [keep, skip] = CARD_STRIP_COLOURS;
        this.strips.rgba.set(
          channelStripRgba(block.channel, keep, skip),
          i * this.strips.width * 4,
        );
        change.strips.push(i);
      }
    });
    const coarse = result.coarsePonder.coarse;
    // Into the last map's pixels when the side is the same (the canvas keeps wrapping them).
    this.ponder = {
      rgba: ponderRgba(coarse, blocks.length, 255, this.ponder.rgba),
      width: coarse.side,
      height: coarse.side,
    };
    this.layout = { ...layout, ponderMean: ponderMean(result.coarsePonder) };
    return change;
  }

  /**
   * Paints the tiles of blocks `keys` (all blocks when absent) whose masks changed since they were last
   * painted; their indices, ascending (none when they are up to date).
   */
  paintTiles(keys?: readonly string[]): number[] {
    const index = this.layout?.index;
    if (!index || this.tileDue.size === 0) return [];
    const due = keys
      ? keys.map((k) => index[k]).filter((i): i is number => i !== undefined && this.tileDue.has(i))
      : [...this.tileDue];
    due.sort((a, b) => a - b);
    // Tiles painted here by their masks: a block sharing another's masks copies its pixels.
    const done = new Map<Uint8Array, { i: number; conv1: Uint8Array | null; rows: number }>();
    for (const i of due) {
      this.tileDue.delete(i);
      const block = this.painted[i];
      if (block) this.paintTile(i, block, done);
    }
    return due;
  }

  /**
   * Paints the overlays of block `key` (both, or the `mode` one only) if its masks changed since they
   * were last painted; the rectangles painted (none when they are up to date).
   */
  paintOverlays(key: string, mode?: OverlayKind): AtlasRect[] {
    const i = this.layout?.index[key];
    const block = i === undefined ? undefined : this.painted[i];
    const due = block ? this.overlayDue.get(block) : undefined;
    if (!block || !due) return [];
    const rects = this.layout?.overlays[key];
    const out: AtlasRect[] = [];
    for (const kind of ['binary', 'score'] as const) {
      if ((mode && mode !== kind) || !due.has(kind)) continue;
      due.delete(kind);
      const rect = rects?.[kind];
      if (!rect) continue;
      const sidePx = rect.side;
      this.blit(overlayRgba(block, kind, sidePx), rect);
      out.push(rect);
    }
    if (due.size === 0) this.overlayDue.delete(block);
    return out;
  }

  private allocate(blocks: readonly BlockMaskSet[]): void {
    const { tilePx, tileStripPx } = this;
    const n = Math.max(1, blocks.length);
    this.tiles = {
      rgba: new Uint8ClampedArray(n * tilePx * tilePx * 4),
      width: n * tilePx,
      height: tilePx,
    };
    const placement = atlasPlacement(blocks);
    this.overlays = placement.overlays;
    this.strips = placement.strips;
    const { stripWidth } = placement;
    const layout: MaskAtlasLayout = {
      tilePx,
      tileStripPx,
      index: {},
      overlays: placement.rects,
      stripWidth,
      composited: true,
      ponderComposited: false,
      ponderMean: 0,
    };
    blocks.forEach((block, i) => (layout.index[block.key] = i));
    this.layout = layout;
  }

  private blit(src: Uint8ClampedArray, rect: AtlasRect): void {
    const to = words(this.overlays);
    const from = new Uint32Array(src.buffer, src.byteOffset, rect.side * rect.side);
    const w = this.overlays.width;
    for (let r = 0; r < rect.side; r++)
      to.set(from.subarray(r * rect.side, (r + 1) * rect.side), (rect.y + r) * w + rect.x);
  }

  /**
   * Block i's tile: the photo blended with its overlay, its channel strip, clear corners. `done`: the
   * tiles painted before it in this paint, by their conv2 mask (the same masks: the same pixels).
   */
  private paintTile(
    i: number,
    block: BlockMaskSet,
    done: Map<Uint8Array, { i: number; conv1: Uint8Array | null; rows: number }>,
  ): void {
    const px = this.tilePx;
    const out = words(this.tiles);
    const width = this.tiles.width;
    const x0 = i * px;
    const conv2 = block.conv2;
    const conv1 = block.conv1;
    const stripFrom = block.channel ? px - this.tileStripPx : px;
    const twin = conv2 ? done.get(conv2.data) : undefined;
    if (twin && twin.conv1 === (conv1?.data ?? null) && twin.rows === stripFrom) {
      const from = twin.i * px;
      for (let y = 0; y < stripFrom; y++) {
        const o = y * width;
        out.copyWithin(o + x0, o + from, o + from + px);
      }
    } else if (conv2 && conv2.groups === 1 && (!conv1 || conv1.groups === 1)) {
      done.set(conv2.data, { i, conv1: conv1?.data ?? null, rows: stripFrom });
      const ys2 = axisLookup(px, conv2.height);
      const xs2 = axisLookup(px, conv2.width);
      const ys1 = axisLookup(px, conv1?.height ?? 1);
      const xs1 = axisLookup(px, conv1?.width ?? 1);
      const w1 = conv1?.width ?? 1;
      const kept2 = conv2.data;
      const kept1 = conv1?.data ?? null;
      const { keep, extra, skip } = this;
      for (let y = 0; y < stripFrom; y++) {
        const row2 = (ys2[y] as number) * conv2.width;
        const row1 = (ys1[y] as number) * w1;
        const o = y * width + x0;
        const t = y * px;
        for (let x = 0; x < px; x++) {
          const p = t + x;
          out[o + x] = kept2[row2 + (xs2[x] as number)]
            ? (keep[p] as number)
            : kept1 && kept1[row1 + (xs1[x] as number)]
              ? (extra[p] as number)
              : (skip[p] as number);
        }
      }
    } else if (conv2) {
      // Grouped masks (not made by the proxy): blended from the overlay itself.
      this.blendTile(i, rasterizeOverlay(block, { sidePx: px }), stripFrom);
    } else {
      for (let y = 0; y < stripFrom; y++)
        out.set(this.photo.subarray(y * px, (y + 1) * px), y * width + x0);
    }
    if (block.channel) {
      const rgba = this.tiles.rgba;
      for (let x = 0; x < px; x++) {
        const c = tileStripColour(block.channel, x, px);
        for (let y = stripFrom; y < px; y++) {
          const o = (y * width + x0 + x) * 4;
          rgba[o] = c[0];
          rgba[o + 1] = c[1];
          rgba[o + 2] = c[2];
          rgba[o + 3] = (this.photo[y * px + x] as number) >>> 24;
        }
      }
    }
    const rgba = this.tiles.rgba;
    for (const [cx, cy] of this.corners) rgba[(cy * width + x0 + cx) * 4 + 3] = 0;
  }

  /** The blend of `buildMaskAtlas` for an arbitrary overlay (rows above `rows`). */
  private blendTile(i: number, over: Uint8ClampedArray, rows: number): void {
    const px = this.tilePx;
    const under = new Uint8ClampedArray(this.photo.buffer);
    const out = this.tiles.rgba;
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < px; x++) {
        const s = (y * px + x) * 4;
        const o = (y * this.tiles.width + i * px + x) * 4;
        const alpha = over[s + 3] as number;
        const a = alpha + (alpha >> 7);
        const b = 256 - a;
        for (let ch = 0; ch < 3; ch++)
          out[o + ch] =
            alpha === 0
              ? (under[s + ch] as number)
              : ((over[s + ch] as number) * a + (under[s + ch] as number) * b + 128) >> 8;
        out[o + 3] = under[s + 3] as number;
      }
    }
  }
}
