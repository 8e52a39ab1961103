/**
 * The batch actions over a fake backend: the progress reaches the store at most once a frame however
 * many images finish in it, and ends at the last image; a backend that reads files gets the images'
 * files (the page reads nothing), any other backend their bytes; cancel stops handing images over.
 */
import { describe, expect, it } from 'vitest';
import type { OpenedFolder } from '../../../renderer/src/host/types';
import type { FolderImage, ImageFolder } from '../../../renderer/src/live/imageFolder';
import {
  createLiveBatchActions,
  PROGRESS_INTERVAL_MS,
  type LiveBatchBackend,
} from '../../../renderer/src/live/liveBatchActions';
import type { LiveBatchProgress, LiveModelInfo } from '../../../renderer/src/live/liveSlice';
import { createStudioStore } from '../../../renderer/src/store/studioStore';

const MODEL: LiveModelInfo = {
  fileName: 'tiny-mixed.onnx',
  sizeBytes: 1,
  archId: 'x',
  archLabel: 'x',
  weightsText: 'random-init',
  randomInit: true,
  blocks: [],
  createMs: 1,
  threads: 1,
};

/** A folder of `n` images whose reads are counted; `withFiles` gives each its file too. */
function folderOf(n: number, withFiles: boolean, reads: string[]): ImageFolder {
  const images: FolderImage[] = Array.from({ length: n }, (_, i) => {
    const path = `img${i}.jpg`;
    return {
      path,
      className: null,
      read: () => (reads.push(path), Promise.resolve(new Uint8Array([i]))),
      ...(withFiles ? { file: new Blob([new Uint8Array([i])]) } : {}),
    };
  });
  return { name: 'photos', images };
}

/** A backend whose images finish when `release` is called; it records what it was given. */
function fakeBackend(readsFiles: boolean) {
  const given: { path: string; kind: 'file' | 'bytes' }[] = [];
  const waiting: (() => void)[] = [];
  const backend: LiveBatchBackend = {
    beginBatch: () =>
      Promise.resolve(
        readsFiles ? { inFlight: 4, sessions: [], startMs: 0, readsFiles: true } : undefined,
      ),
    addToBatch(path, image) {
      given.push({ path, kind: image instanceof Blob ? 'file' : 'bytes' });
      return new Promise((resolve) => waiting.push(() => resolve(null)));
    },
    finishBatch: () =>
      Promise.resolve({ ok: true, bytes: new Uint8Array([7]), images: given.length }),
    cancelBatch: () => Promise.resolve(),
  };
  /** Finishes every image handed over so far. */
  const release = () => {
    for (const w of waiting.splice(0)) w();
  };
  /** Finishes the oldest image handed over and not finished. */
  const releaseOne = () => waiting.shift()?.();
  return { backend, given, release, releaseOne };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(readsFiles: boolean) {
  const store = createStudioStore();
  store.getState().setLiveModel(MODEL);
  const fake = fakeBackend(readsFiles);
  const frames: (() => void)[] = [];
  const timers: { at: number; cb: () => void }[] = [];
  const clock = { ms: 0 };
  const shown: OpenedFolder[] = [];
  const actions = createLiveBatchActions({
    backend: () => fake.backend,
    store,
    showSet: (folder) => (shown.push(folder), Promise.resolve(true)),
    nextFrame: (cb) => void frames.push(cb),
    now: () => clock.ms,
    after: (ms, cb) => void timers.push({ at: clock.ms + ms, cb }),
  });
  const updates: (LiveBatchProgress | null)[] = [];
  store.subscribe((s, prev) => {
    if (s.liveBatch !== prev.liveBatch) updates.push(s.liveBatch);
  });
  /** The clock moves on by `ms` (timers due run), then a frame is painted. */
  const paint = (ms = PROGRESS_INTERVAL_MS) => {
    clock.ms += ms;
    for (const t of timers.filter((x) => x.at <= clock.ms)) {
      timers.splice(timers.indexOf(t), 1);
      t.cb();
    }
    for (const f of frames.splice(0)) f();
  };
  return { store, fake, frames, timers, shown, actions, updates, paint, clock };
}

describe('live batch actions', () => {
  it('puts the progress in the store at most once a frame, the last one with every image done', async () => {
    const { fake, actions, updates, paint, frames, shown, store, clock } = setup(true);
    const running = actions.run(folderOf(8, true, []));
    clock.ms += PROGRESS_INTERVAL_MS;
    // Five images finish before the next frame: one frame callback waits, the store kept the start.
    for (let i = 0; i < 5; i++) {
      await tick();
      fake.releaseOne();
    }
    await tick();
    expect(frames.length).toBe(1);
    expect(updates).toEqual([{ name: 'photos', done: 0, total: 8, failed: 0 }]);
    paint();
    expect(store.getState().liveBatch).toEqual({ name: 'photos', done: 5, total: 8, failed: 0 });
    expect(updates.length).toBe(2);
    for (let i = 0; i < 20; i++) {
      await tick();
      fake.release();
    }
    await running;
    expect(updates.at(-1)).toBeNull();
    // A frame that comes after the batch leaves the store alone.
    paint();
    expect(updates.at(-1)).toBeNull();
    expect(updates.length).toBe(3);
    expect(shown.length).toBe(1);
  });

  it('waits the interval after an update before the next one, then puts it in a frame', async () => {
    const { fake, actions, updates, paint, frames, timers, store } = setup(true);
    const running = actions.run(folderOf(6, true, []));
    await tick();
    fake.releaseOne();
    await tick();
    // The start was shown at 0 ms: the first image's progress waits for the interval's end.
    expect(frames.length).toBe(0);
    expect(timers.map((t) => t.at)).toEqual([PROGRESS_INTERVAL_MS]);
    paint(PROGRESS_INTERVAL_MS / 2);
    expect(store.getState().liveBatch?.done).toBe(0);
    paint(PROGRESS_INTERVAL_MS / 2);
    expect(store.getState().liveBatch?.done).toBe(1);
    fake.releaseOne();
    await tick();
    expect(timers.length).toBe(1);
    for (let i = 0; i < 20; i++) {
      fake.release();
      await tick();
    }
    expect(await running).toBe(true);
    expect(updates.map((u) => u?.done ?? null)).toEqual([0, 1, null]);
  });

  it('hands a file-reading backend the files and reads nothing on the page', async () => {
    const { fake, actions } = setup(true);
    const reads: string[] = [];
    const running = actions.run(folderOf(5, true, reads));
    for (let i = 0; i < 20; i++) {
      await tick();
      fake.release();
    }
    expect(await running).toBe(true);
    expect(fake.given.map((g) => g.kind)).toEqual(['file', 'file', 'file', 'file', 'file']);
    expect(fake.given.map((g) => g.path)).toEqual([0, 1, 2, 3, 4].map((i) => `img${i}.jpg`));
    expect(reads).toEqual([]);
  });

  it('reads the bytes for a backend that does not read files, and for images without a file', async () => {
    const first = setup(false);
    const reads: string[] = [];
    const running = first.actions.run(folderOf(3, true, reads));
    for (let i = 0; i < 20; i++) {
      await tick();
      first.fake.release();
    }
    expect(await running).toBe(true);
    expect(first.fake.given.map((g) => g.kind)).toEqual(['bytes', 'bytes', 'bytes']);
    expect(reads.length).toBe(3);

    const second = setup(true);
    const reads2: string[] = [];
    const running2 = second.actions.run(folderOf(2, false, reads2));
    for (let i = 0; i < 20; i++) {
      await tick();
      second.fake.release();
    }
    expect(await running2).toBe(true);
    expect(second.fake.given.map((g) => g.kind)).toEqual(['bytes', 'bytes']);
    expect(reads2.length).toBe(2);
  });

  it('stops handing images over when cancelled, and says how far it got', async () => {
    const { fake, actions, store } = setup(true);
    const running = actions.run(folderOf(12, true, []));
    await tick();
    actions.cancel();
    for (let i = 0; i < 20; i++) {
      fake.release();
      await tick();
    }
    expect(await running).toBe(false);
    expect(fake.given.length).toBeLessThan(12);
    expect(store.getState().liveBatch).toBeNull();
    const note = store.getState().notices.at(-1);
    expect(note?.text).toContain('cancelled after');
  });
});
