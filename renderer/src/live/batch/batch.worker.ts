/// <reference lib="webworker" />
/**
 * A batch worker: its own onnxruntime session of the live model (created when a batch first needs it
 * and kept for the next batches), which decodes, preprocesses and runs the images the page gives it and
 * sends back their dumps. Several of them run a folder's images side by side (see `batchPool.ts`).
 */
import { expose } from 'comlink';
import type { ArchitectureSpec } from '../../../../core/arch';
import type { ThresholdOffsets } from '../../../../core/live';
import { createLiveEngine, type LiveFailure } from '../engine';
import { decodeImagePixels, releasePixels } from '../liveImage';
import { limitLiveThreads, liveThreads, ortRuntime } from '../ortRuntime';
import { createBatchRunner, type BatchImageResult } from './batchRunner';

const engine = createLiveEngine(ortRuntime);
const runImage = createBatchRunner({
  engine,
  // The session is fixed while images run, so only the pixels its preprocessing reads are converted.
  decode: (bytes) =>
    decodeImagePixels(bytes, { regionOf: (width, height) => engine.sourceRegion(width, height) }),
  release: releasePixels,
});
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const api = {
  /** Creates this worker's session of the model with at most `threads` threads. */
  async open(
    name: string,
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
    threads: number,
  ): Promise<{ ok: true; threads: number; createMs: number } | LiveFailure> {
    try {
      limitLiveThreads(threads);
      const opened = await engine.open(name, bytes, extraArchitectures);
      if (!opened.ok) return opened;
      return { ok: true, threads: liveThreads(), createMs: opened.createMs };
    } catch (err) {
      return { ok: false, error: `${name} could not be opened for the batch: ${message(err)}` };
    }
  },

  /** Runs one image: its bytes, or its file (read here, off the page's thread). */
  async run(
    path: string,
    image: Uint8Array | Blob,
    offsets: ThresholdOffsets,
  ): Promise<BatchImageResult> {
    try {
      return await runImage(path, image, offsets);
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  close(): Promise<void> {
    return engine.close();
  },
};

export type BatchWorkerApi = typeof api;

expose(api);
