/// <reference lib="webworker" />
/**
 * An explorer worker. Phase 1 builds its share of the lookup tables; phase 2 evaluates its share of the
 * configurations from the merged tables in chunks, posting progress after each (the page cancels by
 * terminating it). The share's front goes back with the figures, so the page merges fronts instead of
 * sorting every point.
 */
import {
  buildSpace,
  evaluateRange,
  flopsTables,
  latencyTables,
  paretoFront,
} from '../../../core/explore';
import { createPredictor } from '../../../core/predictor/context';
import type { ExploreJob, ExploreWorkerMessage } from './exploreTypes';

const CHUNK = 50_000;

function post(message: ExploreWorkerMessage, transfer: Transferable[] = []): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

function run(job: ExploreJob): void {
  const t0 = performance.now();
  const built = buildSpace(job.arch, job.spec);
  if (!built.ok) return post({ type: 'error', error: built.error });
  const space = built.value;
  if (job.type === 'tables') {
    const share = { index: job.share, count: job.count };
    const flops = flopsTables(space, share);
    const latency = job.devices.map((d) => latencyTables(createPredictor(d.params), space, share));
    return post({ type: 'tables', flops, latency, workerMs: performance.now() - t0 });
  }
  const n = job.end - job.start;
  const flopsRatio = new Float64Array(n);
  const latencyS = job.latency.map(() => new Float64Array(n));
  for (let a = job.start; a < job.end; a += CHUNK) {
    const b = Math.min(job.end, a + CHUNK);
    const from = a - job.start;
    const to = b - job.start;
    evaluateRange(space, job.flops, job.latency, a, b, {
      flopsRatio: flopsRatio.subarray(from, to),
      latencyS: latencyS.map((l) => l.subarray(from, to)),
    });
    post({ type: 'progress', done: to });
  }
  const fronts = latencyS.map((l) => paretoFront(l, flopsRatio).map((i) => i + job.start));
  post({ type: 'done', flopsRatio, latencyS, fronts, workerMs: performance.now() - t0 }, [
    flopsRatio.buffer,
    ...latencyS.map((l) => l.buffer),
  ]);
}

self.onmessage = (e: MessageEvent<ExploreJob>) => {
  try {
    run(e.data);
  } catch (err) {
    post({ type: 'error', error: err instanceof Error ? err.message : String(err) });
  }
};
