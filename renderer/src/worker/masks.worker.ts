/// <reference lib="webworker" />
/**
 * The masks worker: decodes images and mask dumps and computes proxy masks, so that none of it blocks
 * the page. Each opened image gets an id; its saliency map stays here (only the few latest) so a rate
 * change costs a top-k, not a new saliency map.
 */
import { expose, transfer } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import type { StudioConfig } from '../../../core/config/schema';
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

/** Images kept (the current one, and a few to come back to through undo or "use proxy"). */
const CACHE_SIZE = 4;
interface KeptImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** Computed on the first proxy-mask request: a dump's own masks never need it. */
  saliency: SaliencyMap | null;
}
const images = new Map<number, KeptImage>();
let nextImageId = 1;

function remember(rgba: Uint8ClampedArray, width: number, height: number): number {
  const id = nextImageId++;
  images.set(id, { rgba, width, height, saliency: null });
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
}

export type WorkerFailure = { ok: false; error: string };

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

  /** Proxy masks of `config` over image `imageId`. */
  proxyMasks(
    imageId: number,
    config: StudioConfig,
  ): (MaskComputation & { ok: true }) | WorkerFailure {
    try {
      const saliency = saliencyFor(imageId);
      if (!saliency) return { ok: false, error: 'The image is no longer loaded; open it again.' };
      return { ok: true, ...proxyMasksFor(saliency, config) };
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  /** Reads a `.laudmask.npz`; on success its input image is registered like an opened image. */
  async openDump(
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
  ): Promise<OpenedDumpMessage | WorkerFailure> {
    const result = openMaskDump(bytes, extraArchitectures);
    if (!result.ok) return { ok: false, error: result.error };
    const { input: raw, ...dump } = result.dump;
    const decoded = await decodePngPixels(raw.png);
    if (!decoded.ok) return decoded;
    const input = decoded.bitmap;
    const imageId = remember(decoded.rgba, input.width, input.height);
    const out: OpenedDumpMessage = { ok: true, imageId, input, dump };
    return transfer(out, [input]);
  },
};

export type MasksWorkerApi = typeof api;

expose(api);
