/**
 * Runs an exploration over Web Workers (two on this machine's two cores, fewer for a small space):
 * each evaluates a contiguous share, the page merges the shares and their fronts. Cancel terminates the
 * workers at once, whatever they are doing.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import {
  buildSpace,
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
  /** Wall time from start to merged result, and the slowest worker's own time. */
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

/** Smallest share worth a worker of its own. */
const MIN_SHARE = 20_000;

/** Starts an exploration; `onProgress(done, total)` is called as the shares advance. */
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
  const count = Math.max(1, Math.min(cores, Math.ceil(space.size / MIN_SHARE)));
  const workers: Worker[] = [];
  let settle: (v: ExploreOutcome | null) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const promise = new Promise<ExploreOutcome | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const stop = () => workers.forEach((w) => w.terminate());
  const done = new Array<number>(count).fill(0);
  const results: Extract<ExploreWorkerMessage, { type: 'done' }>[] = [];
  const starts = Array.from({ length: count + 1 }, (_, i) => Math.round((space.size * i) / count));
  let finished = 0;
  for (let i = 0; i < count; i++) {
    const worker = new Worker(new URL('./explore.worker.ts', import.meta.url), {
      type: 'module',
      name: `explore-${i + 1}`,
    });
    workers.push(worker);
    worker.onerror = (e) => {
      stop();
      fail(new Error(e.message || 'the explorer worker failed to start'));
    };
    worker.onmessage = (e: MessageEvent<ExploreWorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') {
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
        worker.terminate();
        if (++finished === count) settle(merge(space, devices, starts, results, t0));
      }
    };
    const job: ExploreJob = { arch, spec, devices, start: starts[i]!, end: starts[i + 1]! };
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
  results: Extract<ExploreWorkerMessage, { type: 'done' }>[],
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
    workerMs: Math.max(...results.map((r) => r.workerMs)),
    workers: results.length,
  };
}
