import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { OpenedFolder } from '../../../renderer/src/host/types';
import type { SetOverview } from '../../../renderer/src/set/types';
import { createStudioStore } from '../../../renderer/src/store';
import {
  BUILD_BATCH,
  createSetActions,
  dumpPaths,
  findSummary,
  type SetBackend,
} from '../../../renderer/src/views/set/setActions';

function folder(paths: string[], failing: string[] = []): OpenedFolder & { reads: string[] } {
  const reads: string[] = [];
  return {
    name: 'val',
    files: paths.map((path) => ({ path, size: 10 })),
    reads,
    read(path) {
      reads.push(path);
      if (failing.includes(path)) return Promise.reject(new Error('permission denied'));
      return Promise.resolve(new TextEncoder().encode(path));
    },
  };
}

function overview(dumps: Array<string | null>): SetOverview {
  return {
    name: 'val',
    images: dumps.length,
    archId: 'resnet50',
    archLabel: 'ResNet-50',
    origin: 'summary',
    blocks: [],
    ranking: {
      order: Int32Array.from(dumps.map((_, i) => i)),
      flopsRatio: new Float32Array(dumps.length),
      names: dumps.map((_, i) => `img${i}`),
      labels: new Int32Array(dumps.length).fill(-1),
      dumpPaths: dumps,
    },
    classNames: [],
    classes: [],
    meanFlopsRatio: 0.5,
    warnings: [],
  };
}

function backend(calls: string[], over: Partial<SetBackend> = {}): SetBackend {
  return {
    ping: () => Promise.resolve(true),
    openSummary: (_id, _name, _bytes, listed) => {
      calls.push(`summary:${listed.join(',')}`);
      return Promise.resolve({ ok: true, overview: overview(['cat/a.laudmask.npz', null]) });
    },
    beginBuild: () => Promise.resolve(void calls.push('begin')),
    addDumps: (_id, items) => {
      calls.push(`add:${items.length}`);
      return Promise.resolve({ ok: true, failures: [] });
    },
    finishBuild: () => Promise.resolve({ ok: true, overview: overview(['a.npz']) }),
    thumbnail: () => {
      calls.push('thumb');
      return Promise.resolve(null);
    },
    meanRatesConfig: (_id, config) =>
      Promise.resolve({ ok: true, config: { ...config, targetRate: 0.3 } }),
    spread: (setId) => Promise.resolve({ ok: true, spread: { setId, hardware: [] } }),
    ...over,
  };
}

function setup(over: Partial<SetBackend> = {}) {
  const store = createStudioStore(defaultConfig());
  const calls: string[] = [];
  const opened: string[] = [];
  const actions = createSetActions({
    backend: () => backend(calls, over),
    store,
    openDump: (name) => {
      opened.push(name);
      return Promise.resolve(true);
    },
  });
  return { store, calls, opened, actions };
}

describe('set folders', () => {
  it('finds the summary at the top and treats every other .npz as a dump', () => {
    const f = folder(['manifest.json', 'Summary.npz', 'cat/a.laudmask.npz', 'cat/summary.npz']);
    expect(findSummary(f)).toBe('Summary.npz');
    expect(dumpPaths(f, 'Summary.npz')).toEqual(['cat/a.laudmask.npz', 'cat/summary.npz']);
    expect(findSummary(folder(['cat/a.laudmask.npz']))).toBeNull();
  });
});

describe('createSetActions', () => {
  it('opens a summary without reading any dump, then reads a dump only when its image is clicked', async () => {
    const { store, calls, opened, actions } = setup();
    const f = folder(['summary.npz', 'cat/a.laudmask.npz']);
    expect(await actions.openFolder(f)).toBe(true);
    expect(f.reads).toEqual(['summary.npz']);
    expect(calls).toEqual(['summary:cat/a.laudmask.npz']);
    expect(store.getState().activeView).toBe('set');
    expect(store.getState().imageSet?.overview.images).toBe(2);
    expect(store.getState().setProgress).toBeNull();

    expect(await actions.openImage(0)).toBe(true);
    expect(f.reads).toEqual(['summary.npz', 'cat/a.laudmask.npz']);
    expect(opened).toEqual(['a.laudmask.npz']);
    expect(store.getState().activeView).toBe('masks');

    expect(await actions.openImage(1)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'img1 has no per-image dump in val, so its masks cannot be shown.',
    );
  });

  it('caches thumbnails per image', async () => {
    const { calls, actions } = setup();
    await actions.openFolder(folder(['summary.npz', 'cat/a.laudmask.npz']));
    await actions.thumbnail(0);
    await actions.thumbnail(0);
    expect(calls.filter((c) => c === 'thumb')).toHaveLength(1);
    expect(await actions.thumbnail(1)).toBeNull();
  });

  it('builds a set from dumps in batches and reports the ones that could not be read', async () => {
    const { store, calls, actions } = setup();
    const paths = Array.from({ length: BUILD_BATCH + 3 }, (_, i) => `d${i}.laudmask.npz`);
    await actions.openFolder(folder(paths, ['d1.laudmask.npz']));
    expect(calls).toEqual(['begin', `add:${BUILD_BATCH - 1}`, 'add:3']);
    const notice = store.getState().notices.at(-1)?.text ?? '';
    expect(notice).toContain(
      `1 of ${BUILD_BATCH + 3} dumps could not be read: d1.laudmask.npz: permission denied`,
    );
  });

  it('says what a folder without a set holds, and keeps the open set on failure', async () => {
    const { store, actions } = setup({
      openSummary: () => Promise.resolve({ ok: false, error: 'manifest.json is missing.' }),
    });
    expect(await actions.openFolder(folder(['notes.json']))).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'val holds no image set: expected summary.npz or *.laudmask.npz files, found notes.json.',
    );
    expect(await actions.openFolder(folder(['summary.npz']))).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'val could not be opened as an image set: manifest.json is missing.',
    );
    expect(store.getState().imageSet).toBeNull();
  });

  it("'Use the set's rates' is one undoable step", async () => {
    const { store, actions } = setup();
    await actions.openFolder(folder(['summary.npz']));
    const before = store.getState().config;
    expect(await actions.useSetRates()).toBe(true);
    expect(store.getState().config.targetRate).toBe(0.3);
    store.getState().undo();
    expect(store.getState().config).toBe(before);
  });

  it('computes the spread once per set', async () => {
    let n = 0;
    const { store, actions } = setup({
      spread: (setId) => {
        n++;
        return Promise.resolve({ ok: true, spread: { setId, hardware: [] } });
      },
    });
    await actions.openFolder(folder(['summary.npz']));
    const id = store.getState().imageSet?.id ?? -1;
    await actions.ensureSpread(id);
    await actions.ensureSpread(id);
    expect(n).toBe(1);
    expect(store.getState().setSpread?.setId).toBe(id);
  });
});
