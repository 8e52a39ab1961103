/**
 * Opening images and mask dumps for the mask views: the worker decodes, then the store is updated in
 * one step. A failure only adds a notice: whatever was open (image, masks, configuration) stays.
 */
import { transfer } from 'comlink';
import type { ArchitectureSpec } from '../../../../core/arch';
import type { StudioConfig } from '../../../../core/config/schema';
import type { OpenedFile } from '../../host/types';
import type { StudioStore } from '../../store';
import type { MaskImage } from '../../store/masksSlice';
import type { MaskAtlasRequest } from '../../worker/masksAtlas';
import type {
  OpenedDumpMessage,
  OpenedImageMessage,
  ProxyBasisMessage,
  ProxyMasksMessage,
  WorkerFailure,
} from '../../worker/masks.worker';
import { rememberAtlas } from '../../live/preparedAtlas';
import { configFromDump } from './adoptDump';
import { atlasRequest } from './atlasRequest';
import type { SamplePhoto } from './samples';

/** The worker calls the actions need (the comlink remote in the app, a fake in tests). */
export interface MasksBackend {
  openImage(bytes: Uint8Array): Promise<OpenedImageMessage | WorkerFailure>;
  openDump(
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
    atlas?: MaskAtlasRequest,
  ): Promise<OpenedDumpMessage | WorkerFailure>;
  proxyMasks(
    imageId: number,
    config: StudioConfig,
    atlas?: MaskAtlasRequest,
  ): Promise<ProxyMasksMessage | WorkerFailure>;
  /**
   * An image's saliency and tile photo, for proxy masks computed on the page (see masksMain/); a
   * backend without it has every change computed by `proxyMasks`.
   */
  proxyBasis?(imageId: number, tilePx: number): Promise<ProxyBasisMessage | WorkerFailure>;
  /** Keeps pixels decoded elsewhere (the live worker's) like an opened image's; returns its id. */
  registerImage?(rgba: Uint8ClampedArray, width: number, height: number): Promise<number>;
}

/** An image another worker decoded (the live model's input and a preview), shown without decoding. */
export interface DecodedImageView {
  input: ImageBitmap;
  rgba: Uint8ClampedArray;
  size: number;
  /** Null when the preview comes later (a quick live model's, with its masks). */
  original: ImageBitmap | null;
  origWidth: number;
  origHeight: number;
  cropBox: OpenedImageMessage['cropBox'];
}

export interface MaskActionsDeps {
  backend: () => MasksBackend;
  store: StudioStore;
  /** Fetches a sample photo (default: `fetch`). */
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  /**
   * Told of every image to show, with its file's bytes (the live model runs it). Returns true when it
   * has shown the image itself (with its live masks, in one store update); else the image is shown here.
   */
  onImageOpened?: (image: MaskImage, bytes: Uint8Array) => boolean | void;
  /**
   * Told of every image file as soon as its bytes arrive, before decoding. A returned promise gives
   * the image already decoded (a quick live model's run; null: decode it here), shown with its masks.
   */
  onImageOpening?: (
    name: string,
    bytes: Uint8Array,
  ) => Promise<DecodedImageView | null> | undefined;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A zip (hence a `.npz`) starts with "PK"; dropped files are routed by content, not by name. */
export function looksLikeMaskDump(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Phases of a dump open on the performance timeline (the dump-open benchmark breaks its time down). */
const mark = (name: string) => globalThis.performance?.mark?.(name);

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export type MaskActions = ReturnType<typeof createMaskActions>;

/** The open actions, bound to a store and a worker backend. */
/**
 * A decoded view's pixels, handed to the masks worker: moved there (transferred, not copied) when they
 * are a buffer of their own, which nothing on the page reads afterwards.
 */
function ownPixels(rgba: Uint8ClampedArray): Uint8ClampedArray {
  const whole = rgba.byteOffset === 0 && rgba.byteLength === rgba.buffer.byteLength;
  return whole && rgba.buffer instanceof ArrayBuffer ? transfer(rgba, [rgba.buffer]) : rgba;
}

export function createMaskActions(deps: MaskActionsDeps) {
  const { store, backend } = deps;
  const getBytes = deps.fetchBytes ?? fetchBytes;
  // Only the newest open request may change the store (a slow decode must not override a later pick).
  let latestRequest = 0;

  const begin = () => {
    latestRequest++;
    store.getState().setMaskLoading(true);
    return latestRequest;
  };
  const finish = (request: number) => {
    if (request === latestRequest) store.getState().setMaskLoading(false);
    return request === latestRequest;
  };
  const fail = (request: number, text: string) => {
    finish(request);
    store.getState().notify('error', text);
    return false;
  };

  async function openImageBytes(
    name: string,
    bytes: Uint8Array,
    origin: 'sample' | 'file',
  ): Promise<boolean> {
    // The live run starts first: the loading flag's store update need not hold the bytes up.
    const decoded = deps.onImageOpening?.(name, bytes);
    const request = begin();
    let result:
      (Omit<OpenedImageMessage, 'original'> & { original: ImageBitmap | null }) | WorkerFailure;
    try {
      const view = decoded ? await decoded : null;
      const worker = backend();
      result =
        view && worker.registerImage
          ? {
              ok: true,
              imageId: await worker.registerImage(ownPixels(view.rgba), view.size, view.size),
              input: view.input,
              original: view.original,
              origWidth: view.origWidth,
              origHeight: view.origHeight,
              cropBox: view.cropBox,
            }
          : await worker.openImage(bytes);
    } catch (err) {
      return fail(request, `${name} could not be opened: ${message(err)}`);
    }
    if (!result.ok) return fail(request, `${name} could not be opened: ${result.error}`);
    if (!finish(request)) return false;
    const image: MaskImage = {
      id: result.imageId,
      name,
      origin,
      input: result.input,
      original: result.original,
      origWidth: result.origWidth,
      origHeight: result.origHeight,
      cropBox: result.cropBox,
    };
    if (deps.onImageOpened?.(image, bytes) !== true) store.getState().setMaskImage(image);
    return true;
  }

  async function openSample(sample: SamplePhoto): Promise<boolean> {
    let bytes: Uint8Array;
    try {
      bytes = await getBytes(sample.url);
    } catch (err) {
      store
        .getState()
        .notify('error', `The sample photo "${sample.label}" could not be loaded: ${message(err)}`);
      return false;
    }
    return openImageBytes(`${sample.id}.jpg`, bytes, 'sample');
  }

  async function openDumpBytes(name: string, bytes: Uint8Array): Promise<boolean> {
    const request = begin();
    const { config } = store.getState();
    const custom = config.model.kind === 'custom' ? [config.model.architecture] : [];
    let result: OpenedDumpMessage | WorkerFailure;
    mark('laudnet:dump-open');
    try {
      result = await backend().openDump(bytes, custom, atlasRequest());
    } catch (err) {
      return fail(request, `${name} could not be opened: ${message(err)}`);
    }
    if (!result.ok) return fail(request, `${name} could not be opened: ${result.error}`);
    mark('laudnet:dump-read');
    const { dump } = result;
    // The worker drew the masks' pictures with the read: the views take them instead of building them.
    if (result.atlas) rememberAtlas(dump.blocks, result.atlas);
    const adopted = configFromDump(store.getState().config, dump.arch, dump.patch);
    if (!adopted.ok) return fail(request, `${name} could not be opened: ${adopted.error}`);
    if (!finish(request)) return false;
    const s = store.getState();
    // Without a recorded crop, the original is described as the input itself (and marked unknown).
    const side = dump.arch.inputSize;
    const [x0, y0, x1, y1] = dump.cropBox ?? [0, 0, side, side];
    const [origWidth, origHeight] = dump.origSize ?? [side, side];
    s.replaceConfig(adopted.config);
    s.setMaskDump(
      {
        fileName: name,
        archId: dump.archId,
        archLabel: dump.archLabel,
        weights: dump.weights,
        weightsText: dump.weightsText,
        checkpoint: dump.checkpoint,
        warnings: dump.warnings,
        blocks: dump.blocks,
        ponder: dump.ponder,
      },
      {
        id: result.imageId,
        name,
        origin: 'dump',
        input: result.input,
        original: null,
        origWidth,
        origHeight,
        cropBox: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
        cropUnknown: dump.cropBox === null || dump.origSize === null,
      },
    );
    s.selectStage(0);
    s.selectBlock(dump.blocks[0]?.key ?? null);
    mark('laudnet:dump-adopted');
    // One notice for the event and file: the configuration was replaced (with Undo, one undo step),
    // followed by what the dump itself warns about (the random-init notice is one of the reader's warnings).
    const notes = [
      `${name} replaced the configuration: ${dump.archLabel} with the dump's modes, granularities and measured rates.`,
      ...dump.warnings,
    ].filter(Boolean);
    s.notify('info', notes.join(' '), {
      key: `open:${name}`,
      action: {
        label: 'Undo',
        run: () => {
          if (store.getState().config === adopted.config) store.getState().undo();
        },
      },
    });
    return true;
  }

  /** Opens a picked or dropped file as a dump (zip content) or an image (anything else). */
  function openFile(file: OpenedFile): Promise<boolean> {
    return looksLikeMaskDump(file.bytes)
      ? openDumpBytes(file.name, file.bytes)
      : openImageBytes(file.name, file.bytes, 'file');
  }

  return { openImageBytes, openSample, openDumpBytes, openFile };
}
