/// <reference lib="webworker" />
/**
 * The set worker: reads a set summary (or builds the set from per-image dumps), keeps the per-image
 * columns here and sends the page a compact overview; decodes thumbnails; derives the mean-rates
 * configuration and the per-image latency spread. Nothing of it runs on the UI thread.
 */
import { expose, transfer } from 'comlink';
import type { StudioConfig } from '../../../core/config/schema';
import type { LatencySpread, SetOverview } from '../set/types';
import { thumbnailFromDump } from './setThumbnail';
import {
  createDumpBuilder,
  meanRatesConfigOf,
  readSummary,
  spreadOf,
  type DumpBuilder,
  type LoadedSet,
} from './setCompute';

type Failure = { ok: false; error: string };
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The current set (only one is kept; opening another replaces it). */
let current: { setId: number; set: LoadedSet } | null = null;
let building: { setId: number; builder: DumpBuilder } | null = null;

function loaded(setId: number): LoadedSet | null {
  return current?.setId === setId ? current.set : null;
}

const GONE: Failure = { ok: false, error: 'The set is no longer open; open it again.' };

const api = {
  /** Answers once the worker's modules are loaded (the set view warms the worker up on mount). */
  ping(): boolean {
    return true;
  },

  openSummary(
    setId: number,
    name: string,
    bytes: Uint8Array,
    listedPaths: string[],
  ): { ok: true; overview: SetOverview } | Failure {
    try {
      const result = readSummary(name, bytes, listedPaths);
      if (!result.ok) return result;
      current = { setId, set: result.set };
      return { ok: true, overview: result.set.overview };
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  beginBuild(setId: number, name: string): void {
    building = { setId, builder: createDumpBuilder(name) };
  },

  addDumps(
    setId: number,
    items: Array<{ path: string; bytes: Uint8Array }>,
  ): { ok: true; failures: string[] } | Failure {
    if (building?.setId !== setId) return GONE;
    const failures: string[] = [];
    for (const item of items) {
      const problem = building.builder.add(item.path, item.bytes);
      if (problem) failures.push(`${item.path}: ${problem}`);
    }
    return { ok: true, failures };
  },

  finishBuild(setId: number): { ok: true; overview: SetOverview } | Failure {
    if (building?.setId !== setId) return GONE;
    const { builder } = building;
    building = null;
    try {
      const result = builder.finish();
      if (!result.ok) return result;
      current = { setId, set: result.set };
      return { ok: true, overview: result.set.overview };
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  async thumbnail(bytes: Uint8Array): Promise<ImageBitmap | null> {
    const bitmap = await thumbnailFromDump(bytes);
    return bitmap ? transfer(bitmap, [bitmap]) : null;
  },

  meanRatesConfig(
    setId: number,
    config: StudioConfig,
  ): { ok: true; config: StudioConfig } | Failure {
    const set = loaded(setId);
    if (!set) return GONE;
    try {
      return meanRatesConfigOf(set, config);
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },

  spread(setId: number): { ok: true; spread: LatencySpread } | Failure {
    const set = loaded(setId);
    if (!set) return GONE;
    try {
      return { ok: true, spread: spreadOf(setId, set) };
    } catch (err) {
      return { ok: false, error: message(err) };
    }
  },
};

export type SetWorkerApi = typeof api;

expose(api);
