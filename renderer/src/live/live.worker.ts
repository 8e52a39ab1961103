/// <reference lib="webworker" />
/**
 * The live worker: holds the one onnxruntime session of the opened ONNX model, decodes and
 * preprocesses every image here, runs it, and sends the page the masks (the same shape as a dump's).
 * The model's own decisions of the current image stay here, so a threshold offset is a re-threshold of
 * soft scores, not a new run. Batches over a folder accumulate the set statistics here too.
 */
import { expose, transfer } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import type { ThresholdOffsets } from '../../../core/live';
import type { MaskDump } from '../../../core/maskfile/types';
import {
  createLiveEngine,
  type LiveFailure,
  type OpenedLiveModel,
  type PreparedImage,
} from './engine';
import type { LiveImageView } from './imageHook';
import type { LiveBatchTimes } from './liveSlice';
import { liveMasksOf, type LiveAtlas, type LiveMasks } from './liveMasks';
import {
  decodeImagePixels,
  previewOf,
  releasePixels,
  type DecodedPixels,
  type DecodePixelsResult,
  type StepClock,
} from './liveImage';
import { ortRuntime, liveThreads } from './ortRuntime';
import { createLiveBatch, type LiveBatch } from './liveBatch';
import {
  buildMaskAtlas,
  resizeSquare,
  type MaskAtlasRequest,
  type RgbaImage,
} from '../worker/masksAtlas';
import { bitmapOf } from '../worker/bitmapOf';

const engine = createLiveEngine(ortRuntime);
/** The current image's dump with the model's own decisions (offsets apply to it). */
let base: MaskDump | null = null;
/** The current image's network input (the photo under the atlas's tiles) and its tile-sized copy. */
let basePhoto: RgbaImage | null = null;
let baseTilePhoto: { side: number; rgba: Uint8ClampedArray } | null = null;
let batch: LiveBatch | null = null;
/** The batch's last image in flight (the next one is added to the set after it). */
let batchTurn: Promise<void> = Promise.resolve();
/** Where the batch's time went so far (sums over its images, ms). */
let batchTimes = emptyBatchTimes();

function emptyBatchTimes(): LiveBatchTimes {
  return { decodeMs: 0, preprocessMs: 0, runMs: 0, masksMs: 0, addMs: 0 };
}
/** Session runs one at a time (an image opened during a batch waits for the batch's current run). */
let runQueue: Promise<unknown> = Promise.resolve();

function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = runQueue.then(task, task);
  runQueue = next.catch(() => undefined);
  return next;
}

/** The mask views' preview size (as their own decoder makes it). */
const PREVIEW_MAX_SIDE = 640;

/** Side of a prepared image's square crop. */
const cropSide = (prepared: PreparedImage) => Math.round(Math.sqrt(prepared.cropRgba.length / 4));

/**
 * The mask views' image of a run: the network's own input (crop) as a bitmap, and the preview. Both
 * bitmaps are made off this thread, started at once (they are ready by the time the run is done).
 */
function viewOf(
  prepared: PreparedImage,
  pixels: DecodedPixels,
  previewLater = false,
): Promise<LiveImageView> {
  const side = cropSide(prepared);
  const [x0, y0, x1, y1] = prepared.geometry.cropBox;
  const input = createImageBitmap(
    new ImageData(prepared.cropRgba as Uint8ClampedArray<ArrayBuffer>, side, side),
  );
  // The decode made the preview when asked for (from the decoder's frame, or of all its pixels);
  // with `previewLater`, a JPEG's is its frame at full size, scaled by the page.
  const original = pixels.preview ?? previewOf(pixels, PREVIEW_MAX_SIDE);
  const scaledLater = previewLater && pixels.decoder === 'image-decoder';
  return Promise.all([input, original]).then(([input, original]) => ({
    input,
    original,
    ...(scaledLater ? { originalSide: PREVIEW_MAX_SIDE } : {}),
    rgba: prepared.cropRgba,
    size: side,
    origWidth: prepared.geometry.origWidth,
    origHeight: prepared.geometry.origHeight,
    cropBox: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  }));
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Decodes an image for the open model: a JPEG's planes are converted only where its preprocessing
 * reads them (the centre crop's source), the preview (when `withPreview`) scaled from the decoder's
 * frame. Decoded again in full when the model changed meanwhile and reads other pixels.
 */
async function decodeForModel(
  bytes: Uint8Array,
  withPreview: boolean,
  step: StepClock,
  previewScaled = true,
): Promise<DecodePixelsResult> {
  const previewSide = withPreview ? PREVIEW_MAX_SIDE : undefined;
  const decoded = await decodeImagePixels(
    bytes,
    {
      previewSide,
      previewScaled,
      regionOf: (width, height) => engine.sourceRegion(width, height),
    },
    step,
  );
  if (!decoded.ok || !decoded.pixels.region) return decoded;
  const { width, height, region } = decoded.pixels;
  const needed = engine.sourceRegion(width, height);
  const inside =
    needed !== null &&
    needed.x0 >= region.x0 &&
    needed.y0 >= region.y0 &&
    needed.x1 <= region.x1 &&
    needed.y1 <= region.y1;
  if (inside) return decoded;
  releasePixels(decoded.pixels);
  void decoded.pixels.preview?.then(
    (bitmap) => bitmap.close(),
    () => undefined,
  );
  return decodeImagePixels(bytes, { previewSide, previewScaled }, step);
}

/**
 * Every picture the 2D mask views draw of `masks`, over the current image (as the masks worker draws
 * proxy masks' pictures), so that the page builds none of them on its thread.
 */
async function atlasOf(
  masks: LiveMasks,
  request: MaskAtlasRequest,
  step?: StepClock,
): Promise<LiveAtlas> {
  const photo = basePhoto;
  if (photo && baseTilePhoto?.side !== request.tilePx)
    baseTilePhoto = { side: request.tilePx, rgba: resizeSquare(photo, request.tilePx) };
  const pixels = buildMaskAtlas(masks.blocks, masks.ponder, {
    ...request,
    photo,
    tilePhoto: photo ? (baseTilePhoto?.rgba ?? null) : null,
    // The overlay card shows one block's overlay: the page paints it when it shows it.
    overlays: false,
  });
  step?.('atlasPixels');
  const [tiles, strips, ponder] = await Promise.all([
    bitmapOf(pixels.tiles),
    pixels.strips ? bitmapOf(pixels.strips) : null,
    bitmapOf(pixels.ponder),
  ]);
  step?.('atlasBitmaps');
  return { layout: pixels.layout, tiles, strips, ponder };
}

/** The bitmaps of an atlas (to transfer them). */
const atlasBitmaps = (atlas: LiveAtlas | undefined): ImageBitmap[] =>
  atlas ? [atlas.tiles, atlas.ponder, ...(atlas.strips ? [atlas.strips] : [])] : [];

/** A clock of named steps: each call records the ms since the previous one (summed per name). */
function stepClock(): { step: StepClock; steps: Record<string, number> } {
  const steps: Record<string, number> = {};
  let last = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - last);
    last = now;
  };
  return { step, steps };
}

/** Wall-clock time comparable across the page and its workers (ms since the epoch). */
const epochNow = () => performance.timeOrigin + performance.now();

/** Timings of one image, ms. */
export interface LiveImageTiming {
  decodeMs: number;
  preprocessMs: number;
  runMs: number;
  masksMs: number;
  totalMs: number;
  /** True when the mask views were given this decode (they did not decode the image again). */
  sharedDecode: boolean;
  decoder: 'image-decoder' | 'image-bitmap';
  /** The worker's steps in order (ms each), for the bench's breakdown. */
  steps: Record<string, number>;
  /** When the worker started and finished the image (ms since the epoch). */
  workerStart: number;
  workerEnd: number;
}

export interface LiveImageResult {
  ok: true;
  masks: LiveMasks;
  timing: LiveImageTiming;
  /** The decoded image for the mask views, when asked for (they then need not decode it again). */
  view: LiveImageView | null;
}

const api = {
  ping(): boolean {
    return true;
  },

  /** Opens a model; the previous one stays open when this fails. */
  async openModel(
    name: string,
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
  ): Promise<(OpenedLiveModel & { threads: number }) | LiveFailure> {
    try {
      const opened = await engine.open(name, bytes, extraArchitectures);
      if (!opened.ok) return opened;
      base = null;
      return { ...opened, threads: liveThreads() };
    } catch (err) {
      return { ok: false, error: `${name} could not be opened: ${message(err)}` };
    }
  },

  /**
   * Decodes, preprocesses and runs one image; the masks carry `offsets`. `withView` asks for the decoded
   * image for the mask views (the network's input and a preview, transferred), so that they need not
   * decode it again: `true` puts it in the result (image and masks are shown together), a callback
   * gets it as soon as the image is preprocessed, before the run (a slow model's image is shown first).
   * With `atlas`, the masks come with the views' pictures of them. `previewLater` (with a callback):
   * a JPEG's preview is its decoder's frame at full size (`originalSide` set), made at once; the page
   * scales it while the model runs (scaling it here would hold the run up).
   */
  async runImage(
    name: string,
    bytes: Uint8Array,
    offsets: ThresholdOffsets,
    withView: boolean | ((view: LiveImageView) => unknown) = false,
    atlas?: MaskAtlasRequest,
    previewLater = false,
  ): Promise<LiveImageResult | LiveFailure> {
    const workerStart = epochNow();
    const t0 = performance.now();
    const { step, steps } = stepClock();
    const early = typeof withView === 'function';
    const decoded = await decodeForModel(bytes, withView !== false, step, !(early && previewLater));
    if (!decoded.ok) return decoded;
    step('decodeRest');
    const t1 = performance.now();
    const pixels = decoded.pixels;
    const prepared = engine.prepare(pixels.rgba, pixels.width, pixels.height, name);
    if ('ok' in prepared) {
      releasePixels(pixels);
      return prepared;
    }
    step('preprocess');
    const side = cropSide(prepared);
    // Kept for the atlas (the crop's own buffer goes to the page with the view), with its tile-sized
    // copy made now rather than after the run.
    const photo: RgbaImage = { rgba: prepared.cropRgba.slice(), width: side, height: side };
    const tilePhoto = atlas
      ? { side: atlas.tilePx, rgba: resizeSquare(photo, atlas.tilePx) }
      : null;
    // The views' bitmaps are made off this thread while the session runs.
    const shown = withView ? viewOf(prepared, pixels, early && previewLater) : null;
    // The decoded pixels serve the next image once the views' bitmaps are made of them.
    const free = () => releasePixels(pixels);
    if (shown) void shown.then(free, free);
    else free();
    if (early && shown) {
      const view = await shown;
      const bitmaps = view.original ? [view.input, view.original] : [view.input];
      void withView(transfer(view, [...bitmaps, view.rgba.buffer]));
    }
    step('viewStart');
    const run = await serial(() => engine.runPrepared(prepared));
    step('runAndOutputs');
    if ('ok' in run) {
      if (withView === true)
        void shown?.then((v) => {
          v.input.close();
          v.original?.close();
        });
      return run;
    }
    base = run.dump;
    basePhoto = photo;
    baseTilePhoto = tilePhoto;
    const t2 = performance.now();
    const masks = liveMasksOf(engine.withOffsets(run.dump, offsets));
    step('liveMasks');
    if (atlas) masks.atlas = await atlasOf(masks, atlas, step);
    const view = withView === true && shown ? await shown : null;
    step('viewWait');
    const t3 = performance.now();
    const result: LiveImageResult = {
      ok: true,
      masks,
      view,
      timing: {
        decodeMs: t1 - t0,
        preprocessMs: run.preprocessMs,
        runMs: run.runMs,
        masksMs: run.masksMs + (t3 - t2),
        totalMs: t3 - t0,
        sharedDecode: withView !== false,
        decoder: pixels.decoder,
        steps,
        workerStart,
        workerEnd: epochNow(),
      },
    };
    const bitmaps = atlasBitmaps(masks.atlas);
    if (view) bitmaps.push(view.input, ...(view.original ? [view.original] : []));
    return transfer(result, view ? [...bitmaps, view.rgba.buffer] : bitmaps);
  },

  /** The current image's masks with other offsets (no rerun), with their pictures when asked. */
  async rethreshold(
    offsets: ThresholdOffsets,
    atlas?: MaskAtlasRequest,
  ): Promise<LiveMasks | LiveFailure> {
    if (!base) return { ok: false, error: 'No image has been run through the live model yet.' };
    try {
      const masks = liveMasksOf(engine.withOffsets(base, offsets));
      if (atlas) masks.atlas = await atlasOf(masks, atlas);
      return transfer(masks, atlasBitmaps(masks.atlas));
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  /** Starts a batch (any unfinished one is dropped). */
  beginBatch(offsets: ThresholdOffsets): void {
    batch = createLiveBatch(offsets);
    batchTimes = emptyBatchTimes();
  },

  /**
   * Runs one image of the batch; a message when it failed (the batch goes on). The page may send the
   * next image before this one is done: its decoding and preprocessing go ahead while the session runs
   * this one, and images are added to the set in the order they were sent.
   */
  async addToBatch(
    path: string,
    bytes: Uint8Array,
    className: string | null,
  ): Promise<string | null> {
    const current = batch;
    if (!current) return 'No batch is running.';
    const previous = batchTurn;
    let done = () => {};
    batchTurn = new Promise<void>((resolve) => (done = resolve));
    try {
      const t0 = performance.now();
      const decoded = await decodeImagePixels(bytes);
      batchTimes.decodeMs += performance.now() - t0;
      const prepared = decoded.ok
        ? engine.prepare(decoded.pixels.rgba, decoded.pixels.width, decoded.pixels.height, path)
        : decoded;
      if (decoded.ok) releasePixels(decoded.pixels);
      await previous;
      if ('ok' in prepared) return prepared.error;
      const run = await serial(() => engine.runPrepared(prepared));
      if ('ok' in run) return run.error;
      const t1 = performance.now();
      const problem = current.add(path, engine.withOffsets(run.dump, current.offsets), className);
      batchTimes.preprocessMs += run.preprocessMs;
      batchTimes.runMs += run.runMs;
      batchTimes.masksMs += run.masksMs;
      batchTimes.addMs += performance.now() - t1;
      return problem;
    } finally {
      done();
    }
  },

  /** The set summary of the batch (`summary.npz`, laudmask-set v1), or a failure. */
  finishBatch():
    { ok: true; bytes: Uint8Array; images: number; times: LiveBatchTimes } | LiveFailure {
    const current = batch;
    batch = null;
    if (!current) return { ok: false, error: 'No batch is running.' };
    const finished = current.finish();
    return finished.ok ? { ...finished, times: batchTimes } : finished;
  },

  cancelBatch(): void {
    batch = null;
  },
};

export type LiveWorkerApi = typeof api;

expose(api);
