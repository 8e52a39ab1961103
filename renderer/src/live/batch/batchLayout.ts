/**
 * How many batch workers a folder runs on, and how many threads each session uses. Default: two
 * workers of one thread each (fewer on a single core): whole images side by side keep both cores
 * busy (decode, preprocessing, run, masks), where one worker's run with two threads leaves them idle
 * between runs. Only two-core machines were measured; memory is one more session per worker.
 */
import type { BatchPoolLayout } from './batchPool';

export interface BatchLayoutInput {
  /** Cross-origin isolated (onnxruntime may use threads). */
  isolated: boolean;
  cores: number;
  /** `off`, or `W:T` (W workers of T threads), from the bench or a test; null: the default. */
  override: string | null;
}

/** The pool's layout; null runs batches in the live worker. */
export function batchLayout({
  isolated,
  cores,
  override,
}: BatchLayoutInput): BatchPoolLayout | null {
  if (override !== null) {
    if (override.trim() === 'off') return null;
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(override);
    if (m) {
      const workers = Number(m[1]);
      const threads = Number(m[2]);
      if (workers >= 1 && workers <= 16 && threads >= 1 && threads <= 16)
        return { workers, threads: isolated ? threads : 1 };
    }
  }
  const usable = Math.max(1, Math.floor(cores));
  return { workers: Math.min(2, usable), threads: 1 };
}
