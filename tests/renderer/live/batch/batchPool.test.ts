/**
 * The batch pool over in-process workers, each with its own session of the committed test model
 * (onnxruntime-web in Node): images run side by side, finish out of order, and still give the set
 * summary a single worker builds, byte for byte; sessions are created once and kept; the live worker's
 * batch takes over when the pool is off or cannot open the model.
 */
import { describe, expect, it } from 'vitest';
import type { ThresholdOffsets } from '../../../../core/live';
import { createLiveEngine } from '../../../../renderer/src/live/engine';
import { createLiveBatch } from '../../../../renderer/src/live/liveBatch';
import type { LiveBatchBackend } from '../../../../renderer/src/live/liveBatchActions';
import { createBatchPool, type BatchMember } from '../../../../renderer/src/live/batch/batchPool';
import { createBatchRunner } from '../../../../renderer/src/live/batch/batchRunner';
import { fakeDecode, nodeRuntime, readFixture, testImages } from '../nodeRuntime';

const MODEL = 'tiny-mixed.onnx';
const NONE: ThresholdOffsets = { global: 0, perBlock: {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker in this process: its own engine and session; `delayMs` slows its runs down. */
function fakeWorker(delayMs: number, log: { opens: number; runs: number[]; ended: number }) {
  const engine = createLiveEngine(nodeRuntime);
  const runImage = createBatchRunner({ engine, decode: fakeDecode() });
  const index = log.runs.push(0) - 1;
  const member: BatchMember = {
    async open(name, bytes, extra, threads) {
      log.opens++;
      const opened = await engine.open(name, bytes, extra);
      return opened.ok ? { ok: true, threads, createMs: opened.createMs } : opened;
    },
    async run(path, bytes, offsets) {
      log.runs[index]!++;
      await sleep(delayMs);
      return runImage(path, bytes, offsets);
    },
  };
  return {
    member,
    terminate: () => {
      log.ended++;
      void engine.close();
    },
  };
}

/** A live-worker batch that records the calls it gets. */
function fakeFallback(calls: string[]): LiveBatchBackend {
  return {
    beginBatch: () => (calls.push('begin'), Promise.resolve()),
    addToBatch: (path) => (calls.push(`add ${path}`), Promise.resolve(null)),
    finishBatch: () => (
      calls.push('finish'),
      Promise.resolve({ ok: true, bytes: new Uint8Array([1]), images: 1 })
    ),
    cancelBatch: () => (calls.push('cancel'), Promise.resolve()),
  };
}

/** The folder of the tests: [path, class, which photo (0 plain, 1 mirrored, 2 broken)]. */
const FOLDER: [string, string, number][] = [
  ['cat/0.png', 'cat', 0],
  ['cat/1.png', 'cat', 1],
  ['dog/2.png', 'dog', 1],
  ['dog/3.png', 'dog', 0],
  ['dog/4.png', 'dog', 1],
];

/** The summary one engine builds running the images in order (what the live worker's batch does). */
async function sequentialSummary(folder: typeof FOLDER, offsets: ThresholdOffsets) {
  const engine = createLiveEngine(nodeRuntime);
  const opened = await engine.open(MODEL, readFixture(MODEL));
  if (!opened.ok) throw new Error(opened.error);
  const images = testImages();
  const batch = createLiveBatch(offsets);
  for (const [path, className, which] of folder) {
    if (which === 2) continue;
    const rgba = which === 1 ? images.mirrored : images.plain;
    const run = await engine.run(rgba.slice(), images.width, images.height, path);
    if ('ok' in run) throw new Error(run.error);
    expect(batch.add(path, engine.withOffsets(run.dump, offsets), className)).toBeNull();
  }
  await engine.close();
  const finished = batch.finish();
  if (!finished.ok) throw new Error(finished.error);
  return finished.bytes;
}

async function runFolder(
  backend: LiveBatchBackend,
  folder: typeof FOLDER,
  offsets = NONE,
  asFiles = false,
) {
  const start = await backend.beginBatch(offsets);
  const problems = await Promise.all(
    folder.map(([path, className, which]) => {
      const bytes = new Uint8Array([which]);
      return backend.addToBatch(path, asFiles ? new Blob([bytes]) : bytes, className);
    }),
  );
  return { start, problems, finished: await backend.finishBatch() };
}

/** A pool of two fake workers (one thread each) with the test model set, and the workers' log. */
function twoWorkerPool() {
  const log = { opens: 0, runs: [] as number[], ended: 0 };
  const pool = createBatchPool({
    spawn: () => fakeWorker(0, log),
    fallback: () => fakeFallback([]),
    layout: () => ({ workers: 2, threads: 1 }),
  });
  pool.setModel(MODEL, readFixture(MODEL), []);
  return { log, pool };
}

describe('batch pool', () => {
  it('runs a folder on two workers, out of order, to the summary one worker builds, byte for byte', async () => {
    const log = { opens: 0, runs: [] as number[], ended: 0 };
    // The first worker is slow: the second one's images are done first.
    const delays = [40, 0];
    const pool = createBatchPool({
      spawn: () => fakeWorker(delays[log.runs.length] ?? 0, log),
      fallback: () => fakeFallback([]),
      layout: () => ({ workers: 2, threads: 1 }),
    });
    pool.setModel(MODEL, readFixture(MODEL), []);
    const offsets: ThresholdOffsets = { global: 0.25, perBlock: { 'stage1/0': -0.5 } };
    const { start, problems, finished } = await runFolder(pool.backend, FOLDER, offsets);
    expect(start).toMatchObject({
      inFlight: 4,
      readsFiles: true,
      sessions: [{ threads: 1 }, { threads: 1 }],
    });
    expect(problems).toEqual(FOLDER.map(() => null));
    expect(log.runs.every((n) => n > 0)).toBe(true);
    if (!finished.ok) throw new Error(finished.error);
    expect(finished.images).toBe(FOLDER.length);
    expect(finished.sessions?.length).toBe(2);
    expect(finished.times?.runMs).toBeGreaterThan(0);
    expect(finished.bytes).toEqual(await sequentialSummary(FOLDER, offsets));
  });

  it('reads images given as files in its workers, to the same summary as their bytes', async () => {
    const { pool } = twoWorkerPool();
    const files = await runFolder(pool.backend, FOLDER, NONE, true);
    const bytes = await runFolder(pool.backend, FOLDER, NONE, false);
    if (!files.finished.ok || !bytes.finished.ok) throw new Error('a batch failed');
    expect(files.problems).toEqual(bytes.problems);
    expect(files.finished.bytes).toEqual(bytes.finished.bytes);
    expect(files.finished.bytes).toEqual(await sequentialSummary(FOLDER, NONE));
    expect(files.finished.times?.readMs).toBeGreaterThanOrEqual(0);
  });

  it('creates the sessions once and keeps them for the next batch; a new model opens them again', async () => {
    const { log, pool } = twoWorkerPool();
    const folder = FOLDER.slice(0, 2);
    const first = await runFolder(pool.backend, folder);
    const second = await runFolder(pool.backend, folder);
    expect(log.opens).toBe(2);
    if (!first.finished.ok || !second.finished.ok) throw new Error('a batch failed');
    expect(second.finished.bytes).toEqual(first.finished.bytes);
    pool.setModel(MODEL, readFixture(MODEL), []);
    expect(log.ended).toBe(2);
    await runFolder(pool.backend, folder);
    expect(log.opens).toBe(4);
    pool.clearModel();
    expect(log.ended).toBe(4);
  });

  it('reports an image that cannot be decoded and adds the others', async () => {
    const { pool } = twoWorkerPool();
    const folder: typeof FOLDER = [FOLDER[0]!, ['cat/broken.png', 'cat', 2], FOLDER[2]!];
    const { problems, finished } = await runFolder(pool.backend, folder);
    expect(problems).toEqual([null, 'The PNG image could not be decoded.', null]);
    if (!finished.ok) throw new Error(finished.error);
    expect(finished.images).toBe(2);
    expect(finished.bytes).toEqual(await sequentialSummary(folder, NONE));
  });

  it('runs the batch in the live worker when the pool is off, or cannot open the model (and says why)', async () => {
    const calls: string[] = [];
    const off = createBatchPool({
      spawn: () => fakeWorker(0, { opens: 0, runs: [], ended: 0 }),
      fallback: () => fakeFallback(calls),
      layout: () => null,
    });
    off.setModel(MODEL, readFixture(MODEL), []);
    const r = await runFolder(off.backend, FOLDER.slice(0, 1));
    expect(r.start).toBeUndefined();
    expect(calls).toEqual(['begin', 'add cat/0.png', 'finish']);

    calls.length = 0;
    const log = { opens: 0, runs: [] as number[], ended: 0 };
    const broken = createBatchPool({
      spawn: () => fakeWorker(0, log),
      fallback: () => fakeFallback(calls),
      layout: () => ({ workers: 2, threads: 1 }),
    });
    // The bytes are not a model: the pool's sessions cannot be created.
    broken.setModel(MODEL, readFixture('image.png'), []);
    await runFolder(broken.backend, FOLDER.slice(0, 1));
    expect(calls).toEqual(['begin', 'add cat/0.png', 'finish']);
    expect(broken.failure).toMatch(/not an ONNX model/i);
    expect(log.ended).toBe(2);
    // It does not try again for the same model.
    await runFolder(broken.backend, FOLDER.slice(0, 1));
    expect(log.opens).toBe(2);
  });

  it('a cancelled batch adds nothing more and has no summary', async () => {
    const pool = createBatchPool({
      spawn: () => fakeWorker(0, { opens: 0, runs: [], ended: 0 }),
      fallback: () => fakeFallback([]),
      layout: () => ({ workers: 1, threads: 1 }),
    });
    pool.setModel(MODEL, readFixture(MODEL), []);
    await pool.backend.beginBatch(NONE);
    const running = pool.backend.addToBatch('cat/0.png', new Uint8Array([0]), 'cat');
    await pool.backend.cancelBatch();
    expect(await running).toBeNull();
    expect(await pool.backend.addToBatch('cat/1.png', new Uint8Array([0]), 'cat')).toBe(
      'No batch is running.',
    );
    expect(await pool.backend.finishBatch()).toEqual({ ok: false, error: 'No batch is running.' });
  });
});
