/**
 * Opening an image set and acting on it: read the summary (or every dump, in batches, with
 * progress), let the set worker build the overview, read per-image dumps only when an image is
 * clicked or its thumbnail is shown, adopt the set's mean rates, and compute the latency spread.
 * Failures become notices; whatever was open stays.
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { OpenedFolder } from '../../host/types';
import type { StudioStore } from '../../store';
import type { LatencySpread, SetOverview } from '../../set/types';

type Failure = { ok: false; error: string };

/** The set worker's calls (the comlink remote in the app, a fake in tests). */
export interface SetBackend {
  /** Loads the worker ahead of the first open. */
  ping(): Promise<boolean>;
  openSummary(
    setId: number,
    name: string,
    bytes: Uint8Array,
    listedPaths: string[],
  ): Promise<{ ok: true; overview: SetOverview } | Failure>;
  beginBuild(setId: number, name: string): Promise<void>;
  addDumps(
    setId: number,
    items: Array<{ path: string; bytes: Uint8Array }>,
  ): Promise<{ ok: true; failures: string[] } | Failure>;
  finishBuild(setId: number): Promise<{ ok: true; overview: SetOverview } | Failure>;
  thumbnail(bytes: Uint8Array): Promise<ImageBitmap | null>;
  meanRatesConfig(
    setId: number,
    config: StudioConfig,
  ): Promise<{ ok: true; config: StudioConfig } | Failure>;
  spread(setId: number): Promise<{ ok: true; spread: LatencySpread } | Failure>;
}

export interface SetActionsDeps {
  backend: () => SetBackend;
  store: StudioStore;
  /** Opens a dump in the per-image mask views (the mask actions' `openDumpBytes`). */
  openDump: (name: string, bytes: Uint8Array) => Promise<boolean>;
}

/** Dumps read and sent to the worker per batch while a set is built without a summary. */
export const BUILD_BATCH = 32;
/** Thumbnails kept decoded. */
const THUMB_CACHE = 64;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The summary file of a set folder: `summary.npz` at the top (any case), else null. */
export function findSummary(folder: OpenedFolder): string | null {
  const top = folder.files.filter((f) => !f.path.includes('/'));
  const exact = top.find((f) => f.path.toLowerCase() === 'summary.npz');
  if (exact) return exact.path;
  return top.find((f) => /summary\.npz$/i.test(f.path))?.path ?? null;
}

/** The per-image dumps of a set folder (every `.npz` but the summary). */
export function dumpPaths(folder: OpenedFolder, summary: string | null): string[] {
  return folder.files
    .map((f) => f.path)
    .filter((p) => p.toLowerCase().endsWith('.npz') && p !== summary);
}

export function createSetActions(deps: SetActionsDeps) {
  const { store, backend } = deps;
  let nextSetId = 1;
  const thumbs = new Map<string, Promise<ImageBitmap | null>>();

  function notifyError(text: string): false {
    store.getState().notify('error', text);
    return false;
  }

  async function buildFromDumps(setId: number, folder: OpenedFolder, paths: string[]) {
    const s = store.getState();
    await backend().beginBuild(setId, folder.name);
    const failures: string[] = [];
    for (let start = 0; start < paths.length; start += BUILD_BATCH) {
      s.setSetProgress({
        name: folder.name,
        phase: 'Reading dumps',
        done: start,
        total: paths.length,
      });
      const batch = paths.slice(start, start + BUILD_BATCH);
      const items = await Promise.all(
        batch.map(async (path) => {
          try {
            return { path, bytes: await folder.read(path) };
          } catch (err) {
            failures.push(`${path}: ${message(err)}`);
            return null;
          }
        }),
      );
      const read = items.filter((x): x is { path: string; bytes: Uint8Array } => x !== null);
      const added = await backend().addDumps(setId, read);
      if (!added.ok) return added;
      failures.push(...added.failures);
    }
    s.setSetProgress({
      name: folder.name,
      phase: 'Computing statistics',
      done: paths.length,
      total: paths.length,
    });
    const result = await backend().finishBuild(setId);
    if (result.ok && failures.length > 0) {
      const shown = failures.slice(0, 3).join('; ');
      const more = failures.length > 3 ? ` (and ${failures.length - 3} more)` : '';
      result.overview.warnings.push(
        `${failures.length} of ${paths.length} dumps could not be read: ${shown}${more}.`,
      );
    }
    return result;
  }

  /** Opens a set folder (or picked / dropped files). True when the set view shows it. */
  async function openFolder(folder: OpenedFolder): Promise<boolean> {
    const s = store.getState();
    const summary = findSummary(folder);
    const dumps = dumpPaths(folder, summary);
    if (!summary && dumps.length === 0) {
      return notifyError(
        `${folder.name} holds no image set: expected summary.npz or *.laudmask.npz files, found ${
          folder.files.length === 0
            ? 'no such files'
            : folder.files
                .map((f) => f.path)
                .slice(0, 3)
                .join(', ')
        }.`,
      );
    }
    const setId = nextSetId++;
    s.setActiveView('set');
    s.setSetProgress({ name: folder.name, phase: 'Reading the summary', done: 0, total: 1 });
    let result: { ok: true; overview: SetOverview } | Failure;
    try {
      if (summary) {
        const bytes = await folder.read(summary);
        result = await backend().openSummary(setId, folder.name, bytes, dumps);
      } else {
        result = await buildFromDumps(setId, folder, dumps);
      }
    } catch (err) {
      result = { ok: false, error: message(err) };
    }
    s.setSetProgress(null);
    if (!result.ok)
      return notifyError(`${folder.name} could not be opened as an image set: ${result.error}`);
    thumbs.clear();
    store.getState().setImageSet({ id: setId, overview: result.overview, source: folder });
    for (const w of result.overview.warnings)
      store.getState().notify('info', `${folder.name}: ${w}`);
    return true;
  }

  function currentDumpPath(index: number): { path: string; name: string } | null {
    const set = store.getState().imageSet;
    const path = set?.overview.ranking.dumpPaths[index];
    if (!set || !path) return null;
    return { path, name: set.overview.ranking.names[index] ?? path };
  }

  /** The thumbnail of image `index` (its dump's image.png), or null when it has no readable dump. */
  function thumbnail(index: number): Promise<ImageBitmap | null> {
    const set = store.getState().imageSet;
    const found = currentDumpPath(index);
    if (!set || !found) return Promise.resolve(null);
    const key = `${set.id}:${found.path}`;
    let pending = thumbs.get(key);
    if (!pending) {
      pending = set.source
        .read(found.path)
        .then((bytes) => backend().thumbnail(bytes))
        .catch(() => null);
      thumbs.set(key, pending);
      while (thumbs.size > THUMB_CACHE) {
        const oldest = thumbs.keys().next().value;
        if (oldest === undefined) break;
        thumbs.delete(oldest);
      }
    }
    return pending;
  }

  /** Opens image `index`'s dump in the per-image mask views. */
  async function openImage(index: number): Promise<boolean> {
    const set = store.getState().imageSet;
    const found = currentDumpPath(index);
    if (!set) return false;
    if (!found) {
      const name = set.overview.ranking.names[index] ?? `Image ${index}`;
      return notifyError(
        `${name} has no per-image dump in ${set.source.name}, so its masks cannot be shown.`,
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = await set.source.read(found.path);
    } catch (err) {
      return notifyError(`${found.path} could not be read: ${message(err)}`);
    }
    const opened = await deps.openDump(found.path.split('/').pop() ?? found.path, bytes);
    if (opened) store.getState().setActiveView('masks');
    return opened;
  }

  /** Sets every block's rates from the set's means, as one undoable step. */
  async function useSetRates(): Promise<boolean> {
    const s = store.getState();
    const set = s.imageSet;
    if (!set) return false;
    const result = await backend().meanRatesConfig(set.id, s.config);
    if (!result.ok) return notifyError(`The set's rates could not be used: ${result.error}`);
    store.getState().replaceConfig(result.config);
    store
      .getState()
      .notify(
        'info',
        `Every block now uses the mean rates of ${set.overview.name} (${set.overview.images} images).`,
      );
    return true;
  }

  /** Computes the per-image latency spread on every hardware preset (in the worker). */
  async function computeSpread(): Promise<boolean> {
    const s = store.getState();
    const set = s.imageSet;
    if (!set) return false;
    s.setSetSpreadBusy(true);
    let result: { ok: true; spread: LatencySpread } | Failure;
    try {
      result = await backend().spread(set.id);
    } catch (err) {
      result = { ok: false, error: message(err) };
    }
    const now = store.getState();
    if (now.imageSet?.id !== set.id) return false;
    now.setSetSpreadBusy(false);
    if (!result.ok) return notifyError(`The latency spread could not be computed: ${result.error}`);
    now.setSetSpread(result.spread);
    return true;
  }

  let spreadFor: number | null = null;
  /** Computes the spread of set `setId` once (switching tabs back does not recompute it). */
  function ensureSpread(setId: number): Promise<boolean> {
    if (spreadFor === setId) return Promise.resolve(false);
    spreadFor = setId;
    return computeSpread();
  }

  /** Starts the worker (module loading, compilation) before the user picks a set. */
  function warmUp(): void {
    void backend()
      .ping()
      .catch(() => false);
  }

  return { openFolder, thumbnail, openImage, useSetRates, computeSpread, ensureSpread, warmUp };
}
