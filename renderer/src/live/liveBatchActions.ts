/**
 * Batch runs of the live model over a folder of images: the page reads one image at a time and the
 * worker runs it and adds it to the set statistics, with progress and cancel. The finished summary
 * (laudmask-set v1, what the exporter writes) opens in the set view and can be saved.
 */
import type { ThresholdOffsets } from '../../../core/live';
import type { Host, OpenedFolder } from '../host/types';
import type { StudioStore } from '../store';
import type { LiveFailure } from './engine';
import type { FolderImage, ImageFolder } from './imageFolder';
import { offsetsOf } from './liveActions';
import type { LiveBatchSession, LiveBatchTimes } from './liveSlice';

/** What a backend that runs images side by side says of a batch it begins. */
export interface LiveBatchStart {
  /** Images to keep in flight (read and sent ahead of the ones running). */
  inFlight: number;
  sessions: LiveBatchSession[];
  /** Time to get the sessions ready, ms. */
  startMs: number;
  /** True when `addToBatch` takes an image's file (a Blob) and reads it where it runs. */
  readsFiles?: boolean;
}

export interface LiveBatchBackend {
  /** Begins a batch; a backend that runs several images at once says how many to send ahead. */
  beginBatch(offsets: ThresholdOffsets): Promise<LiveBatchStart | void>;
  /** Adds an image: its bytes, or its file where the batch began with `readsFiles`. */
  addToBatch(
    path: string,
    image: Uint8Array | Blob,
    className: string | null,
  ): Promise<string | null>;
  finishBatch(): Promise<
    | {
        ok: true;
        bytes: Uint8Array;
        images: number;
        times?: LiveBatchTimes;
        sessions?: LiveBatchSession[];
      }
    | LiveFailure
  >;
  cancelBatch(): Promise<void>;
}

/** User timing marks around a batch's images (folder read and sessions ready → last image added). */
export const BATCH_START_MARK = 'laudnet live batch: images start';
export const BATCH_END_MARK = 'laudnet live batch: images end';

/** Images in flight when the backend does not say (one running, the next read and decoded). */
const DEFAULT_IN_FLIGHT = 2;

export interface LiveBatchDeps {
  backend: () => LiveBatchBackend;
  store: StudioStore;
  /** Shows a set (the set view's opener). */
  showSet: (folder: OpenedFolder) => Promise<boolean>;
  /** Calls back before the next paint (default: `requestAnimationFrame`); progress waits for it. */
  nextFrame?: (callback: () => void) => void;
  /** The clock and timer of the progress's pace (default: `performance.now`, `setTimeout`). */
  now?: () => number;
  after?: (ms: number, callback: () => void) => void;
}

/**
 * Shortest time between two progress updates in the store, ms: each one costs the page a frame's
 * style, layout and paint, taken from the cores that run the images.
 */
export const PROGRESS_INTERVAL_MS = 100;

/** The page's next animation frame, or a frame's time where there are none (Node). */
function defaultNextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A set folder holding only a summary held in memory (what the set view opens). */
export function summaryFolder(name: string, bytes: Uint8Array): OpenedFolder {
  return {
    name,
    files: [{ path: 'summary.npz', size: bytes.length }],
    // A copy each time: the set view hands what it reads to its worker (transferred, so detached
    // here), and the bytes stay for "Save set summary…".
    read: (path) =>
      path === 'summary.npz'
        ? Promise.resolve(bytes.slice())
        : Promise.reject(new Error(`${path} was not written by the live batch.`)),
  };
}

export function createLiveBatchActions(deps: LiveBatchDeps) {
  const { store, backend } = deps;
  const nextFrame = deps.nextFrame ?? defaultNextFrame;
  const now = deps.now ?? (() => performance.now());
  const after = deps.after ?? ((ms: number, callback: () => void) => void setTimeout(callback, ms));
  let cancelled = false;
  let running = false;
  /** The current run's number (a progress frame of an earlier run is dropped). */
  let current = 0;
  /** The current batch's backend reads the images' files itself. */
  let readsFiles = false;
  /** The last finished summary, for "Save set summary". */
  let lastSummary: { name: string; bytes: Uint8Array } | null = null;

  async function run(folder: ImageFolder): Promise<boolean> {
    const s = store.getState();
    const model = s.liveModel;
    if (!model || running) return false;
    if (folder.images.length === 0) {
      s.notify(
        'error',
        `${folder.name} holds no images: expected PNG, JPEG or WebP files (in class folders or not).`,
      );
      return false;
    }
    running = true;
    cancelled = false;
    const runId = ++current;
    const total = folder.images.length;
    const failures: string[] = [];
    try {
      let done = 0;
      // The progress reaches the store in a frame, at most once every PROGRESS_INTERVAL_MS (images
      // can finish several a frame).
      let progressDue = false;
      let publishedAt = -Infinity;
      const publish = () => {
        progressDue = false;
        publishedAt = now();
        if (running && current === runId)
          store
            .getState()
            .setLiveBatch({ name: folder.name, done, total, failed: failures.length });
      };
      const progress = () => {
        if (progressDue) return;
        progressDue = true;
        const wait = publishedAt + PROGRESS_INTERVAL_MS - now();
        if (wait > 0) after(wait, () => nextFrame(publish));
        else nextFrame(publish);
      };
      publish();
      const start = await backend().beginBatch(offsetsOf(s.config));
      readsFiles = start?.readsFiles === true;
      const inFlight = Math.max(DEFAULT_IN_FLIGHT, start?.inFlight ?? DEFAULT_IN_FLIGHT);
      const started = performance.now();
      // The batch's window in a trace (the bench sums every thread's CPU between the two marks).
      performance.mark(BATCH_START_MARK);
      // Images in flight: the next ones are read, decoded and preprocessed while others run.
      const pending: { image: FolderImage; result: Promise<string | null> }[] = [];
      const settle = async (entry: (typeof pending)[number]) => {
        const problem = await entry.result;
        if (problem) failures.push(`${entry.image.path}: ${problem}`);
        done++;
        progress();
      };
      for (const image of folder.images) {
        if (cancelled) break;
        pending.push({ image, result: runOne(image) });
        const oldest = pending.length >= inFlight ? pending.shift() : undefined;
        if (oldest) await settle(oldest);
      }
      for (const entry of pending.splice(0)) await settle(entry);
      const wallMs = performance.now() - started;
      performance.mark(BATCH_END_MARK);
      if (cancelled) {
        await backend().cancelBatch();
        store
          .getState()
          .notify('info', `Batch over ${folder.name} cancelled after ${done} of ${total} images.`);
        return false;
      }
      const result = await backend().finishBatch();
      if (!result.ok) {
        store.getState().notify('error', `Batch over ${folder.name}: ${result.error}`);
        return false;
      }
      store.getState().setLiveBatchTiming({
        images: done - failures.length,
        wallMs,
        times: result.times ?? null,
        ...(start ? { sessions: result.sessions ?? start.sessions, startMs: start.startMs } : {}),
      });
      const name = `live: ${model.fileName} — ${folder.name}`;
      lastSummary = { name, bytes: result.bytes };
      if (failures.length > 0) {
        const more = failures.length > 3 ? ` (and ${failures.length - 3} more)` : '';
        store
          .getState()
          .notify(
            'error',
            `${failures.length} of ${total} images could not be run: ${failures.slice(0, 3).join('; ')}${more}.`,
          );
      }
      return await deps.showSet(summaryFolder(name, result.bytes));
    } catch (err) {
      store.getState().notify('error', `Batch over ${folder.name} failed: ${message(err)}`);
      return false;
    } finally {
      running = false;
      store.getState().setLiveBatch(null);
    }
  }

  /** The previous image's hand-over to the worker (images reach it in folder order). */
  let sent: Promise<void> = Promise.resolve();

  function runOne(image: FolderImage): Promise<string | null> {
    const previous = sent;
    let posted = () => {};
    sent = new Promise<void>((resolve) => (posted = resolve));
    return (async () => {
      try {
        let source: Uint8Array | Blob;
        if (readsFiles && image.file) source = image.file;
        else {
          try {
            source = await image.read();
          } catch (err) {
            return `could not be read (${message(err)})`;
          }
        }
        await previous;
        // The call is posted now (comlink posts synchronously), before the next image's.
        const result = backend().addToBatch(image.path, source, image.className);
        posted();
        return await result;
      } finally {
        posted();
      }
    })();
  }

  function cancel(): void {
    cancelled = true;
  }

  /** Saves the last batch's summary (`summary.npz`, laudmask-set v1). */
  async function saveSummary(host: Host): Promise<boolean> {
    if (!lastSummary) return false;
    const saved = await host.saveFile({
      kind: 'npz',
      suggestedName: 'summary.npz',
      data: lastSummary.bytes,
    });
    return saved !== null;
  }

  return {
    run,
    cancel,
    saveSummary,
    get hasSummary() {
      return lastSummary !== null;
    },
    /** The last finished summary's bytes (laudmask-set v1), null before any. */
    get summaryBytes(): Uint8Array | null {
      return lastSummary?.bytes ?? null;
    },
  };
}
