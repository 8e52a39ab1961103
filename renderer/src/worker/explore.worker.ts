/// <reference lib="webworker" />
/**
 * An explorer worker: builds the space's tables and evaluates its share of the configurations in
 * chunks, posting progress after each; the page cancels by terminating it. Its share's front goes back
 * with the figures, so the page merges fronts instead of sorting every point.
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

const CHUNK = 20_000;

function post(message: ExploreWorkerMessage, transfer: Transferable[] = []): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

function run(job: ExploreJob): void {
  const t0 = performance.now();
  const built = buildSpace(job.arch, job.spec);
  if (!built.ok) return post({ type: 'error', error: built.error });
  const space = built.value;
  const flops = flopsTables(space);
  const latency = job.devices.map((d) => latencyTables(createPredictor(d.params), space));
  const n = job.end - job.start;
  const flopsRatio = new Float64Array(n);
  const latencyS = job.devices.map(() => new Float64Array(n));
  for (let a = job.start; a < job.end; a += CHUNK) {
    const b = Math.min(job.end, a + CHUNK);
    const from = a - job.start;
    const to = b - job.start;
    evaluateRange(space, flops, latency, a, b, {
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
