/**
 * One batch worker's image run: the file read (when given a file), decode, preprocess, `session.run`, outputs → the dump with the batch's
 * offsets. No pictures are drawn (a batch only needs the set statistics); the page adds the dumps to
 * the set in folder order, whichever worker ran them.
 */
import type { ThresholdOffsets } from '../../../../core/live';
import type { MaskDump } from '../../../../core/maskfile/types';
import type { createLiveEngine, LiveFailure } from '../engine';
import type { DecodePixelsResult, DecodedPixels } from '../liveImage';

/** Where one image's time went in its worker, ms. */
export interface BatchImageTimes {
  /** The image's file read (0 when its bytes were given). */
  readMs: number;
  decodeMs: number;
  preprocessMs: number;
  runMs: number;
  /** Outputs mapped to masks (and the offsets applied). */
  masksMs: number;
}

export type BatchImageResult = { ok: true; dump: MaskDump; times: BatchImageTimes } | LiveFailure;

export interface BatchRunnerDeps {
  engine: Pick<ReturnType<typeof createLiveEngine>, 'prepare' | 'runPrepared' | 'withOffsets'>;
  decode: (bytes: Uint8Array) => Promise<DecodePixelsResult>;
  /** Gives decoded pixels back for reuse once preprocessed. */
  release?: (pixels: DecodedPixels) => void;
}

/** The runner of one batch worker over its engine (the model must be open in it). */
export function createBatchRunner({ engine, decode, release }: BatchRunnerDeps) {
  return async function runImage(
    path: string,
    image: Uint8Array | Blob,
    offsets: ThresholdOffsets,
  ): Promise<BatchImageResult> {
    const t0 = performance.now();
    const bytes = image instanceof Uint8Array ? image : new Uint8Array(await image.arrayBuffer());
    const t1 = performance.now();
    const decoded = await decode(bytes);
    if (!decoded.ok) return decoded;
    const decodeMs = performance.now() - t1;
    const { pixels } = decoded;
    const prepared = engine.prepare(pixels.rgba, pixels.width, pixels.height, path);
    release?.(pixels);
    if ('ok' in prepared) return prepared;
    const run = await engine.runPrepared(prepared);
    if ('ok' in run) return run;
    const t2 = performance.now();
    const dump = engine.withOffsets(run.dump, offsets);
    return {
      ok: true,
      dump,
      times: {
        readMs: t1 - t0,
        decodeMs,
        preprocessMs: run.preprocessMs,
        runMs: run.runMs,
        masksMs: run.masksMs + (performance.now() - t2),
      },
    };
  };
}
