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

/** Saliency maps kept (the current image, and a few to come back to through undo or "use proxy"). */
const CACHE_SIZE = 4;
const saliencies = new Map<number, SaliencyMap>();
let nextImageId = 1;

function remember(rgba: Uint8ClampedArray, width: number, height: number): number {
  const id = nextImageId++;
  saliencies.set(id, saliencyOf(rgba, width, height));
  while (saliencies.size > CACHE_SIZE) {
    const oldest = saliencies.keys().next().value;
    if (oldest === undefined) break;
    saliencies.delete(oldest);
  }
  return id;
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
  /** Decodes an image file; on success its saliency is ready for {@link api.proxyMasks}. */
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

  /** Proxy masks of `config` over image `imageId`. */
  proxyMasks(
    imageId: number,
    config: StudioConfig,
  ): (MaskComputation & { ok: true }) | WorkerFailure {
    const saliency = saliencies.get(imageId);
    if (!saliency) return { ok: false, error: 'The image is no longer loaded; open it again.' };
    try {
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
