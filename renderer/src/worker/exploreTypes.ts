/** Messages between the page and the explorer workers (plain structured-clone data). */
import type { ArchitectureSpec } from '../../../core/arch';
import type { ExploreDevice, ExploreSpec } from '../../../core/explore';

/** One worker's share: configurations `start … end − 1` of the space of `arch` under `spec`. */
export interface ExploreJob {
  arch: ArchitectureSpec;
  spec: ExploreSpec;
  devices: ExploreDevice[];
  start: number;
  end: number;
}

/** What a worker sends back. */
export type ExploreWorkerMessage =
  | { type: 'progress'; done: number }
  | {
      type: 'done';
      flopsRatio: Float64Array;
      latencyS: Float64Array[];
      /** Per device, the front of this share (global indices). */
      fronts: number[][];
      /** Milliseconds this worker spent (tables and evaluation). */
      workerMs: number;
    }
  | { type: 'error'; error: string };
