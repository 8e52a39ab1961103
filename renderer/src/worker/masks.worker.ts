/// <reference lib="webworker" />
/**
 * The masks worker: decodes images and mask dumps and computes proxy masks, so that none of it blocks
 * the page. Each opened image gets an id; its saliency map stays here (only the few latest) so a rate
 * change costs a top-k, not a new saliency map.
 */
import { expose, transfer } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import type { StudioConfig } from '../../../core/config/schema';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import type { Box } from '../../../core/saliency/preprocess';
import type { SaliencyMap } from '../../../core/saliency/spectralResidual';
import {
  openMaskDump,
  proxyMasksFor,
  saliencyOf,
  type MaskComputation,
  type OpenedDumpData,
} from './masksCompute';
import { decodeImageFile, decodePngPixels } from './masksImage';
import { packMasks } from './masksPack';
import {
  buildMaskAtlas,
  ponderShade,
  resizeSquare,
  type MaskAtlas,
  type MaskAtlasRequest,
} from './masksAtlas';
import { bitmapOf } from './bitmapOf';
import { canComposeTiles, composeTiles, tileCornerMask, tileStripRows } from './masksTiles';

/** Images kept (the current one, and a few to come back to through undo or "use proxy"). */
const CACHE_SIZE = 4;
interface KeptImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** Computed on the first proxy-mask request: a dump's own masks never need it. */
  saliency: SaliencyMap | null;
  /** The photo resized to the filmstrip's tile side (the side it was resized to). */
  tilePhoto: { side: number; rgba: Uint8ClampedArray } | null;
  /** The photo's share of the ponder map (see `ponderShade`), at the map's side. */
  shade: { side: number; values: Float32Array } | null;
  /** `tilePhoto` as a bitmap, for tiles composed with the 2D canvas (see masksTiles.ts). */
  tileBitmap: { side: number; bitmap: Promise<ImageBitmap> } | null;
}
const images = new Map<number, KeptImage>();
let nextImageId = 1;

function remember(rgba: Uint8ClampedArray, width: number, height: number): number {
  const id = nextImageId++;
  images.set(id, {
    rgba,
    width,
    height,
    saliency: null,
    tilePhoto: null,
    shade: null,
    tileBitmap: null,
  });
  while (images.size > CACHE_SIZE) {
    const oldest = images.keys().next().value;
    if (oldest === undefined) break;
    images.delete(oldest);
  }
  return id;
}

function saliencyFor(imageId: number): SaliencyMap | null {
  const image = images.get(imageId);
  if (!image) return null;
  image.saliency ??= saliencyOf(image.rgba, image.width, image.height);
  return image.saliency;
}

/** Tile corner masks by tile count and side (the same for every change of one network). */
const cornerMasks = new Map<string, Promise<ImageBitmap>>();

/** The bitmaps tiles are composed from, but the overlays (see masksTiles.ts). */
async function tileSourcesFor(
  image: KeptImage,
  blocks: readonly BlockMaskSet[],
  request: MaskAtlasRequest,
) {
  const px = request.tilePx;
  if (image.tileBitmap?.side !== px && image.tilePhoto?.side === px) {
    const photo = bitmapOf({ rgba: image.tilePhoto.rgba, width: px, height: px });
    const old = image.tileBitmap;
    image.tileBitmap = { side: px, bitmap: photo };
    void old?.bitmap.then((b) => b.close());
  }
  const key = `${blocks.length}x${px}`;
  let corners = cornerMasks.get(key);
  if (!corners) {
    if (cornerMasks.size > 8) cornerMasks.clear();
    corners = bitmapOf(tileCornerMask(blocks.length, px));
    cornerMasks.set(key, corners);
  }
  const strips = tileStripRows(blocks, px);
  const [photo, cornerBitmap, stripBitmap] = await Promise.all([
    image.tileBitmap ? image.tileBitmap.bitmap : Promise.reject(new Error('no tile photo')),
    corners,
    strips ? bitmapOf(strips) : null,
  ]);
  return { photo, corners: cornerBitmap, strips: stripBitmap };
}

/** Every picture of the 2D mask views for these masks, over the image's photo, as ImageBitmaps. */
async function atlasFor(
  image: KeptImage,
  computed: MaskComputation,
  request: MaskAtlasRequest,
): Promise<MaskAtlas<ImageBitmap>> {
  const photo = { rgba: image.rgba, width: image.width, height: image.height };
  if (image.tilePhoto?.side !== request.tilePx)
    image.tilePhoto = { side: request.tilePx, rgba: resizeSquare(photo, request.tilePx) };
  const side = computed.ponder.side;
  if (image.shade?.side !== side) image.shade = { side, values: ponderShade(photo, side) };
  // The tiles with the 2D canvas where the worker has one (the pixel blend is the slow part).
  const compose = canComposeTiles();
  const pixels = buildMaskAtlas(computed.blocks, computed.ponder, {
    ...request,
    photo,
    tilePhoto: image.tilePhoto.rgba,
    ponderShade: image.shade.values,
    tiles: !compose,
  });
  const [overlays, strips, ponder, tileSources] = await Promise.all([
    bitmapOf(pixels.overlays),
    pixels.strips ? bitmapOf(pixels.strips) : null,
    bitmapOf(pixels.ponder),
    compose ? tileSourcesFor(image, computed.blocks, request) : null,
  ]);
  let tiles: ImageBitmap;
  if (tileSources) {
    tiles = composeTiles(computed.blocks, pixels.layout, { ...tileSources, overlays });
    tileSources.strips?.close();
  } else tiles = await bitmapOf(pixels.tiles);
  return { layout: pixels.layout, tiles, overlays, strips, ponder };
}

const bitmapsOf = (a: MaskAtlas<ImageBitmap>): ImageBitmap[] =>
  [a.tiles, a.overlays, a.strips, a.ponder].filter((b): b is ImageBitmap => b !== null);

/** Proxy masks as the page receives them: with their pictures when the page asked for them. */
export type ProxyMasksMessage = MaskComputation & { ok: true; atlas?: MaskAtlas<ImageBitmap> };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface OpenedImageMessage {
  ok: true;
  imageId: number;
  input: ImageBitmap;
  original: ImageBitmap;
  origWidth: number;
  origHeight: number;
  cropBox: Box;
}

export interface OpenedDumpMessage {
  ok: true;
  imageId: number;
  input: ImageBitmap;
  dump: Omit<OpenedDumpData, 'input'>;
  /** The 2D views' pictures of the dump's masks (no photo under them), when the page asked. */
  atlas?: MaskAtlas<ImageBitmap>;
}

/** A dump's pictures as the page would build them (no photo under the tiles), as ImageBitmaps. */
async function dumpAtlasFor(
  dump: Omit<OpenedDumpData, 'input'>,
  request: MaskAtlasRequest,
): Promise<MaskAtlas<ImageBitmap>> {
  const pixels = buildMaskAtlas(dump.blocks, dump.ponder, request);
  const [tiles, overlays, strips, ponder] = await Promise.all([
    bitmapOf(pixels.tiles),
    bitmapOf(pixels.overlays),
    pixels.strips ? bitmapOf(pixels.strips) : null,
    bitmapOf(pixels.ponder),
  ]);
  return { layout: pixels.layout, tiles, overlays, strips, ponder };
}

export type WorkerFailure = { ok: false; error: string };

/** An image's saliency map and its photo at the tile side (see `proxyBasis`). */
export interface ProxyBasisMessage {
  ok: true;
  saliency: SaliencyMap;
  tilePx: number;
  /** The photo resized to `tilePx`² (RGBA), as the filmstrip's tiles show it. */
  tilePhoto: Uint8ClampedArray;
}

const api = {
  /** Decodes an image file; on success {@link api.proxyMasks} can compute masks over it. */
  async openImage(bytes: Uint8Array): Promise<OpenedImageMessage | WorkerFailure> {
    const decoded = await decodeImageFile(bytes);
    if (!decoded.ok) return decoded;
    const { input, inputRgba, original, origWidth, origHeight, cropBox } = decoded.image;
    const imageId = remember(inputRgba, input.width, input.height);
    const out: OpenedImageMessage = {
      ok: true,
      imageId,
      input,
      original,
      origWidth,
      origHeight,
      cropBox,
    };
    return transfer(out, [input, original]);
  },

  /** Keeps pixels decoded elsewhere (the live worker's network input) like an opened image's. */
  registerImage(rgba: Uint8ClampedArray, width: number, height: number): number {
    return remember(rgba, width, height);
  },

  /**
   * Proxy masks of `config` over image `imageId`; with `atlas`, also every picture the 2D views draw
   * (see masksAtlas.ts), so that the page draws them without a pixel loop of its own.
   */
  async proxyMasks(
    imageId: number,
    config: StudioConfig,
    atlas?: MaskAtlasRequest,
  ): Promise<ProxyMasksMessage | WorkerFailure> {
    try {
      const saliency = saliencyFor(imageId);
      const image = images.get(imageId);
      if (!saliency || !image)
        return { ok: false, error: 'The image is no longer loaded; open it again.' };
      const computed = proxyMasksFor(saliency, config);
      const pictures = atlas ? await atlasFor(image, computed, atlas) : null;
      // Every mask array in one transferred buffer (see masksPack.ts).
      const packed = packMasks(computed.blocks, computed.ponder);
      const out: ProxyMasksMessage = {
        ok: true,
        elapsedMs: computed.elapsedMs,
        blocks: packed.blocks,
        ponder: packed.ponder,
      };
      const transferred: Transferable[] = [packed.buffer];
      if (pictures) {
        out.atlas = pictures;
        transferred.push(pictures.tiles, pictures.overlays, pictures.ponder);
        if (pictures.strips) transferred.push(pictures.strips);
      }
      return transfer(out, transferred);
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  /**
   * What the page needs to compute proxy masks over image `imageId` itself (see masksMain/): its
   * saliency map and the photo at the filmstrip's tile side. Sent once per image; every change of the
   * configuration is then computed on the page, in the frame of the change.
   */
  proxyBasis(imageId: number, tilePx: number): ProxyBasisMessage | WorkerFailure {
    try {
      const saliency = saliencyFor(imageId);
      const image = images.get(imageId);
      if (!saliency || !image)
        return { ok: false, error: 'The image is no longer loaded; open it again.' };
      const photo = { rgba: image.rgba, width: image.width, height: image.height };
      if (image.tilePhoto?.side !== tilePx)
        image.tilePhoto = { side: tilePx, rgba: resizeSquare(photo, tilePx) };
      const data = saliency.data.slice();
      const tilePhoto = image.tilePhoto.rgba.slice();
      const out: ProxyBasisMessage = {
        ok: true,
        saliency: { width: saliency.width, height: saliency.height, data },
        tilePx,
        tilePhoto,
      };
      return transfer(out, [data.buffer, tilePhoto.buffer]);
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  /** Reads a `.laudmask.npz`; on success its input image is registered like an opened image. */
  async openDump(
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
    atlas?: MaskAtlasRequest,
  ): Promise<OpenedDumpMessage | WorkerFailure> {
    const result = openMaskDump(bytes, extraArchitectures);
    if (!result.ok) return { ok: false, error: result.error };
    const { input: raw, ...dump } = result.dump;
    const [decoded, pictures] = await Promise.all([
      decodePngPixels(raw.png),
      atlas ? dumpAtlasFor(dump, atlas) : null,
    ]);
    if (!decoded.ok) {
      if (pictures) for (const b of bitmapsOf(pictures)) b.close();
      return decoded;
    }
    const input = decoded.bitmap;
    const imageId = remember(decoded.rgba, input.width, input.height);
    const out: OpenedDumpMessage = { ok: true, imageId, input, dump };
    if (!pictures) return transfer(out, [input]);
    out.atlas = pictures;
    return transfer(out, [input, ...bitmapsOf(pictures)]);
  },
};

export type MasksWorkerApi = typeof api;

expose(api);
