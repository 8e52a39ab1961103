/** Messages between the page and the explorer workers (plain structured-clone data). */
import type { ArchitectureSpec } from '../../../core/arch';
import type { ExploreDevice, ExploreSpec, FlopsTables, StageTable } from '../../../core/explore';

/**
 * Phase 1, `tables`: build share `share` of `count` of the lookup tables (the expensive, memoised tile
 * searches are split between the workers). Phase 2, `evaluate`: with the merged tables, evaluate
 * configurations `start … end − 1`.
 */
export type ExploreJob =
  | {
      type: 'tables';
      arch: ArchitectureSpec;
      spec: ExploreSpec;
      devices: ExploreDevice[];
      share: number;
      count: number;
    }
  | {
      type: 'evaluate';
      arch: ArchitectureSpec;
      spec: ExploreSpec;
      flops: FlopsTables;
      latency: StageTable[][];
      start: number;
      end: number;
    };

/** What a worker sends back. */
export type ExploreWorkerMessage =
  | { type: 'tables'; flops: FlopsTables; latency: StageTable[][]; workerMs: number }
  | { type: 'progress'; done: number }
  | {
      type: 'done';
      flopsRatio: Float64Array;
      latencyS: Float64Array[];
      /** Per device, the front of this share (global indices). */
      fronts: number[][];
      /** Milliseconds this worker spent evaluating. */
      workerMs: number;
    }
  | { type: 'error'; error: string };
