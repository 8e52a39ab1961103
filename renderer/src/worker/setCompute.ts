/**
 * The set worker's computations over the core set API (core/maskset): reading a summary, building a
 * set from dumps, the mean-rates configuration and the per-image latency spread.
 */
import type { StudioConfig } from '../../../core/config/schema';
import type { LatencySpread, SetOverview } from '../set/types';

type Failure = { ok: false; error: string };

/** A set held by the worker: the overview sent to the page. */
export interface LoadedSet {
  overview: SetOverview;
}

export interface DumpBuilder {
  /** Adds one dump; a readable problem when it cannot be used. */
  add(path: string, bytes: Uint8Array): string | null;
  finish(): { ok: true; set: LoadedSet } | Failure;
}

const PENDING = 'reading image sets is not available in this build yet';

export function readSummary(
  _name: string,
  _bytes: Uint8Array,
  _listedPaths: string[],
): { ok: true; set: LoadedSet } | Failure {
  return { ok: false, error: PENDING };
}

export function createDumpBuilder(_name: string): DumpBuilder {
  return {
    add: () => PENDING,
    finish: () => ({ ok: false, error: PENDING }),
  };
}

export function meanRatesConfigOf(
  _set: LoadedSet,
  _config: StudioConfig,
): { ok: true; config: StudioConfig } | Failure {
  return { ok: false, error: PENDING };
}

export function spreadOf(setId: number, _set: LoadedSet, _config: StudioConfig): LatencySpread {
  return { setId, hardware: [] };
}
