/**
 * A pool of batch workers for runs over a folder: each worker holds its own session of the live model
 * (created at the first batch after the model was opened, kept for the next batches) and decodes,
 * preprocesses and runs whole images, so that the images of a folder run side by side instead of
 * taking turns on the live worker's one thread. The dumps come back to the page and go into the set
 * statistics in folder order, so the summary is the one a single worker builds.
 *
 * When the pool is switched off or its sessions cannot be created (e.g. memory for a second copy of
 * a large model), the batch runs in the live worker as before.
 */
import type { ArchitectureSpec } from '../../../../core/arch';
import type { ThresholdOffsets } from '../../../../core/live';
import type { LiveFailure } from '../engine';
import { createLiveBatch, type LiveBatch } from '../liveBatch';
import type { LiveBatchBackend, LiveBatchStart } from '../liveBatchActions';
import type { LiveBatchSession, LiveBatchTimes } from '../liveSlice';
import type { BatchImageResult } from './batchRunner';

/** What the pool needs of one batch worker (its comlink remote in the app, a fake in tests). */
export interface BatchMember {
  open(
    name: string,
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
    threads: number,
  ): Promise<{ ok: true; threads: number; createMs: number } | LiveFailure>;
  /** Runs one image given as bytes or as its file (which the worker reads). */
  run(path: string, image: Uint8Array | Blob, offsets: ThresholdOffsets): Promise<BatchImageResult>;
}

/** How many batch workers, each with sessions of how many threads. */
export interface BatchPoolLayout {
  workers: number;
  threads: number;
}

export interface BatchPoolDeps {
  /** Starts one batch worker; `terminate` ends it (and frees its session). */
  spawn(): { member: BatchMember; terminate(): void };
  /** The live worker's own batch, used when the pool is off or cannot open the model. */
  fallback: () => LiveBatchBackend;
  /** The pool's layout for the next batch; null runs batches in the live worker. */
  layout: () => BatchPoolLayout | null;
}

interface OpenModel {
  name: string;
  bytes: Uint8Array;
  extraArchitectures: ArchitectureSpec[];
}

interface Worker {
  member: BatchMember;
  terminate(): void;
  /** Images given to it and not finished. */
  load: number;
}

interface PoolBatch {
  builder: LiveBatch;
  times: LiveBatchTimes;
  /** The last image's addition to the set (the next one is added after it). */
  chain: Promise<void>;
}

/** Images given to each worker at a time. */
const IMAGES_PER_WORKER = 2;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const emptyTimes = (): LiveBatchTimes => ({
  readMs: 0,
  decodeMs: 0,
  preprocessMs: 0,
  runMs: 0,
  masksMs: 0,
  addMs: 0,
});

/** The pool; `backend` is the batch backend the batch actions use. */
export function createBatchPool(deps: BatchPoolDeps) {
  let model: OpenModel | null = null;
  let workers: Worker[] = [];
  let sessions: LiveBatchSession[] = [];
  /** The layout the workers were opened with. */
  let opened: BatchPoolLayout | null = null;
  /** Why the pool could not open the current model (the batches then run in the live worker). */
  let failure: string | null = null;
  let batch: PoolBatch | null = null;
  /** True while the current batch runs in the live worker. */
  let fallingBack = false;

  function stop(): void {
    for (const w of workers) w.terminate();
    workers = [];
    sessions = [];
    opened = null;
  }

  /** Opens the pool's sessions for the current model (once; kept for the next batches). */
  async function ready(layout: BatchPoolLayout): Promise<boolean> {
    if (!model || failure !== null) return false;
    if (opened && opened.workers === layout.workers && opened.threads === layout.threads)
      return true;
    stop();
    const current = model;
    const started = Array.from({ length: layout.workers }, () => deps.spawn());
    workers = started.map((s) => ({ ...s, load: 0 }));
    const results = await Promise.all(
      started.map(({ member }) =>
        member
          .open(current.name, current.bytes, current.extraArchitectures, layout.threads)
          .catch((err: unknown): LiveFailure => ({ ok: false, error: message(err) })),
      ),
    );
    if (model !== current) return false;
    const made: LiveBatchSession[] = [];
    for (const r of results) {
      if (!r.ok) {
        stop();
        failure = r.error;
        return false;
      }
      made.push({ threads: r.threads, createMs: r.createMs });
    }
    sessions = made;
    opened = layout;
    return true;
  }

  /** The least busy worker (the first of equals). */
  function pick(): Worker {
    let best = workers[0] as Worker;
    for (const w of workers) if (w.load < best.load) best = w;
    return best;
  }

  async function addResult(
    current: PoolBatch,
    path: string,
    className: string | null,
    result: Promise<BatchImageResult>,
    previous: Promise<void>,
  ): Promise<string | null> {
    let r: BatchImageResult;
    try {
      r = await result;
    } catch (err) {
      r = { ok: false, error: message(err) };
    }
    await previous;
    if (!r.ok) return r.error;
    const t0 = performance.now();
    const problem = current.builder.add(path, r.dump, className);
    const { times } = current;
    times.readMs = (times.readMs ?? 0) + r.times.readMs;
    times.decodeMs += r.times.decodeMs;
    times.preprocessMs += r.times.preprocessMs;
    times.runMs += r.times.runMs;
    times.masksMs += r.times.masksMs;
    times.addMs += performance.now() - t0;
    return problem;
  }

  const backend: LiveBatchBackend = {
    async beginBatch(offsets): Promise<LiveBatchStart | void> {
      batch = null;
      const layout = deps.layout();
      const t0 = performance.now();
      if (!layout || !(await ready(layout))) {
        fallingBack = true;
        return deps.fallback().beginBatch(offsets);
      }
      fallingBack = false;
      batch = { builder: createLiveBatch(offsets), times: emptyTimes(), chain: Promise.resolve() };
      return {
        // Two images a worker: one running, the next read and decoding beside it (the decoder works
        // off the worker's thread), so no worker waits for its next image.
        inFlight: IMAGES_PER_WORKER * workers.length,
        sessions: sessions.map((s) => ({ ...s })),
        startMs: performance.now() - t0,
        readsFiles: true,
      };
    },

    addToBatch(path, image, className) {
      if (fallingBack) return deps.fallback().addToBatch(path, image, className);
      const current = batch;
      if (!current) return Promise.resolve('No batch is running.');
      const worker = pick();
      worker.load++;
      const result = worker.member.run(path, image, current.builder.offsets);
      const done = () => void worker.load--;
      void result.then(done, done);
      const added = addResult(current, path, className, result, current.chain);
      current.chain = added.then(
        () => undefined,
        () => undefined,
      );
      return added;
    },

    async finishBatch() {
      if (fallingBack) return deps.fallback().finishBatch();
      const current = batch;
      batch = null;
      if (!current) return { ok: false, error: 'No batch is running.' };
      await current.chain;
      const finished = current.builder.finish();
      return finished.ok
        ? { ...finished, times: current.times, sessions: sessions.map((s) => ({ ...s })) }
        : finished;
    },

    async cancelBatch() {
      batch = null;
      if (fallingBack) await deps.fallback().cancelBatch();
    },
  };

  return {
    backend,
    /** A model was opened in the live worker: the pool's sessions are of the previous one no more. */
    setModel(name: string, bytes: Uint8Array, extraArchitectures: ArchitectureSpec[]): void {
      stop();
      failure = null;
      model = { name, bytes, extraArchitectures };
    },
    /** The live model was closed: the pool's sessions go. */
    clearModel(): void {
      stop();
      failure = null;
      model = null;
    },
    /** Why the pool could not open the current model, if it could not. */
    get failure(): string | null {
      return failure;
    },
  };
}
