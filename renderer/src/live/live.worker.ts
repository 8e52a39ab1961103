/// <reference lib="webworker" />
/**
 * The live worker: holds the one onnxruntime session of the opened ONNX model, decodes and
 * preprocesses every image here, runs it, and sends the page the masks (the same shape as a dump's).
 * The model's own decisions of the current image stay here, so a threshold offset is a re-threshold of
 * soft scores, not a new run. Batches over a folder accumulate the set statistics here too.
 */
import { expose } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import type { ThresholdOffsets } from '../../../core/live';
import type { MaskDump } from '../../../core/maskfile/types';
import { createLiveEngine, type LiveFailure, type OpenedLiveModel } from './engine';
import { liveMasksOf, type LiveMasks } from './liveMasks';
import { decodeImagePixels } from './liveImage';
import { ortRuntime, liveThreads } from './ortRuntime';
import { createLiveBatch, type LiveBatch } from './liveBatch';

const engine = createLiveEngine(ortRuntime);
/** The current image's dump with the model's own decisions (offsets apply to it). */
let base: MaskDump | null = null;
let batch: LiveBatch | null = null;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Timings of one image, ms. */
export interface LiveImageTiming {
  decodeMs: number;
  preprocessMs: number;
  runMs: number;
  masksMs: number;
  totalMs: number;
}

export interface LiveImageResult {
  ok: true;
  masks: LiveMasks;
  timing: LiveImageTiming;
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

  /** Decodes, preprocesses and runs one image; the masks carry `offsets`. */
  async runImage(
    name: string,
    bytes: Uint8Array,
    offsets: ThresholdOffsets,
  ): Promise<LiveImageResult | LiveFailure> {
    const t0 = performance.now();
    const decoded = await decodeImagePixels(bytes);
    if (!decoded.ok) return decoded;
    const t1 = performance.now();
    const { rgba, width, height } = decoded.pixels;
    const run = await engine.run(rgba, width, height, name);
    if ('ok' in run) return run;
    base = run.dump;
    const t2 = performance.now();
    const masks = liveMasksOf(engine.withOffsets(run.dump, offsets));
    const t3 = performance.now();
    return {
      ok: true,
      masks,
      timing: {
        decodeMs: t1 - t0,
        preprocessMs: run.preprocessMs,
        runMs: run.runMs,
        masksMs: run.masksMs + (t3 - t2),
        totalMs: t3 - t0,
      },
    };
  },

  /** The current image's masks with other offsets (no rerun). */
  rethreshold(offsets: ThresholdOffsets): LiveMasks | LiveFailure {
    if (!base) return { ok: false, error: 'No image has been run through the live model yet.' };
    try {
      return liveMasksOf(engine.withOffsets(base, offsets));
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  /** Starts a batch (any unfinished one is dropped). */
  beginBatch(offsets: ThresholdOffsets): void {
    batch = createLiveBatch(offsets);
  },

  /** Runs one image of the batch; a message when it failed (the batch goes on). */
  async addToBatch(
    path: string,
    bytes: Uint8Array,
    className: string | null,
  ): Promise<string | null> {
    const current = batch;
    if (!current) return 'No batch is running.';
    const decoded = await decodeImagePixels(bytes);
    if (!decoded.ok) return decoded.error;
    const { rgba, width, height } = decoded.pixels;
    const run = await engine.run(rgba, width, height, path);
    if ('ok' in run) return run.error;
    return current.add(path, engine.withOffsets(run.dump, current.offsets), className);
  },

  /** The set summary of the batch (`summary.npz`, laudmask-set v1), or a failure. */
  finishBatch(): { ok: true; bytes: Uint8Array; images: number } | LiveFailure {
    const current = batch;
    batch = null;
    if (!current) return { ok: false, error: 'No batch is running.' };
    return current.finish();
  },

  cancelBatch(): void {
    batch = null;
  },
};

export type LiveWorkerApi = typeof api;

expose(api);
