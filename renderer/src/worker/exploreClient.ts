/**
 * Runs an exploration over Web Workers (two on this machine's two cores, fewer for a small space):
 * each evaluates a contiguous share, the page merges the shares and their fronts. Cancel terminates the
 * workers at once, whatever they are doing.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import {
  buildSpace,
  mergeTables,
  paretoFront,
  type ExploreDevice,
  type ExploreSpace,
  type ExploreSpec,
} from '../../../core/explore';
import type { ExploreJob, ExploreWorkerMessage } from './exploreTypes';

/** A finished exploration, as the view plots it. */
export interface ExploreOutcome {
  space: ExploreSpace;
  devices: ExploreDevice[];
  flopsRatio: Float64Array;
  latencyS: Float64Array[];
  /** Per device, its batch size (ms per image = latencyS / batch · 1000). */
  batchSizes: number[];
  fronts: number[][];
  /** Wall time from start to merged result, and the slowest worker's own time (both phases). */
  elapsedMs: number;
  workerMs: number;
  workers: number;
}

/** A running exploration. */
export interface ExploreRun {
  /** Resolves with the outcome, or null when cancelled; rejects with the message of a failure. */
  promise: Promise<ExploreOutcome | null>;
  cancel(): void;
}

/**
 * The workers, kept between runs: their predictor memo tables (the tile searches) stay warm, so the
 * next exploration on the same backbone and devices skips most of the table work.
 */
let pool: Worker[] | null = null;

function workerPool(count: number): Worker[] {
  if (!pool) pool = [];
  while (pool.length < count)
    pool.push(
      new Worker(new URL('./explore.worker.ts', import.meta.url), {
        type: 'module',
        name: `explore-${pool.length + 1}`,
      }),
    );
  return pool.slice(0, count);
}

/** Below this many configurations one worker does everything (starting a second costs more). */
const SMALL_SPACE = 2_000;

type Done = Extract<ExploreWorkerMessage, { type: 'done' }>;
type Tables = Extract<ExploreWorkerMessage, { type: 'tables' }>;

/**
 * Starts an exploration; `onProgress(done, total)` is called as the shares advance (done = 0 while the
 * tables are built). Phase 1: each worker builds a share of the lookup tables (the tile searches); the
 * page merges them. Phase 2: each worker evaluates a contiguous share of the configurations.
 */
export function startExploration(
  arch: ArchitectureSpec,
  spec: ExploreSpec,
  devices: ExploreDevice[],
  onProgress: (done: number, total: number) => void,
): ExploreRun {
  const t0 = performance.now();
  const built = buildSpace(arch, spec);
  if (!built.ok) return { promise: Promise.reject(new Error(built.error)), cancel: () => {} };
  const space = built.value;
  const cores = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 2));
  const count = space.size < SMALL_SPACE ? 1 : cores;
  const workers = workerPool(count);
  let settle: (v: ExploreOutcome | null) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const promise = new Promise<ExploreOutcome | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  // A failure or a cancel ends the pool's workers (whatever they were doing); the next run starts new ones.
  const stop = () => {
    workers.forEach((w) => w.terminate());
    if (pool?.includes(workers[0]!)) {
      pool.forEach((w) => w.terminate());
      pool = null;
    }
  };
  const done = new Array<number>(count).fill(0);
  const tables: Tables[] = [];
  const results: Done[] = [];
  const starts = Array.from({ length: count + 1 }, (_, i) => Math.round((space.size * i) / count));
  let tablesIn = 0;
  let finished = 0;

  const evaluate = () => {
    const flops = {
      ...tables[0]!.flops,
      stages: mergeTables(
        space,
        tables.map((t) => t.flops.stages),
      ),
    };
    const latency = devices.map((_, h) =>
      mergeTables(
        space,
        tables.map((t) => t.latency[h]!),
      ),
    );
    workers.forEach((w, i) => {
      const job: ExploreJob = {
        type: 'evaluate',
        arch,
        spec,
        flops,
        latency,
        start: starts[i]!,
        end: starts[i + 1]!,
      };
      w.postMessage(job);
    });
  };

  for (let i = 0; i < count; i++) {
    const worker = workers[i]!;
    worker.onerror = (e) => {
      stop();
      fail(new Error(e.message || 'the explorer worker failed to start'));
    };
    worker.onmessage = (e: MessageEvent<ExploreWorkerMessage>) => {
      const m = e.data;
      if (m.type === 'tables') {
        tables[i] = m;
        if (++tablesIn === count) evaluate();
      } else if (m.type === 'progress') {
        done[i] = m.done;
        onProgress(
          done.reduce((a, b) => a + b, 0),
          space.size,
        );
      } else if (m.type === 'error') {
        stop();
        fail(new Error(m.error));
      } else {
        results[i] = m;
        if (++finished === count) settle(merge(space, devices, starts, tables, results, t0));
      }
    };
    const job: ExploreJob = { type: 'tables', arch, spec, devices, share: i, count };
    worker.postMessage(job);
  }
  return {
    promise,
    cancel: () => {
      stop();
      settle(null);
    },
  };
}

function merge(
  space: ExploreSpace,
  devices: ExploreDevice[],
  starts: number[],
  tables: Tables[],
  results: Done[],
  t0: number,
): ExploreOutcome {
  const flopsRatio = new Float64Array(space.size);
  const latencyS = devices.map(() => new Float64Array(space.size));
  results.forEach((r, i) => {
    flopsRatio.set(r.flopsRatio, starts[i]);
    r.latencyS.forEach((l, h) => latencyS[h]!.set(l, starts[i]));
  });
  // The whole front is the front of the shares' fronts.
  const fronts = devices.map((_, h) =>
    paretoFront(
      latencyS[h]!,
      flopsRatio,
      results.flatMap((r) => r.fronts[h]!),
    ),
  );
  return {
    space,
    devices,
    flopsRatio,
    latencyS,
    batchSizes: devices.map((d) => d.params.batchSize),
    fronts,
    elapsedMs: performance.now() - t0,
    workerMs: Math.max(...results.map((r, i) => r.workerMs + tables[i]!.workerMs)),
    workers: results.length,
  };
}
