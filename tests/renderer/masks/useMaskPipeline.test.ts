import { describe, expect, it, vi } from 'vitest';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { createStudioStore } from '../../../renderer/src/store';
import { setStageGranularity, setStageRate } from '../../../renderer/src/store/configEdits';
import type { MaskImage } from '../../../renderer/src/store/masksSlice';
import {
  createMaskActions,
  type MasksBackend,
} from '../../../renderer/src/views/masks/masksActions';
import { followLatest, startMaskPipeline } from '../../../renderer/src/views/masks/useMaskPipeline';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency } from './helpers';

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const store = createStudioStore();
  const calls: (number | null)[] = [];
  const backend: MasksBackend = {
    openImage: vi.fn(() => Promise.resolve({ ok: false as const, error: 'unused' })),
    openDump: vi.fn(() => Promise.resolve({ ok: false as const, error: 'unused' })),
    proxyMasks: (imageId, config) => {
      calls.push(config.stages[0]?.rate ?? null);
      return Promise.resolve({ ok: true as const, ...proxyMasksFor(rampSaliency(), config) });
    },
  };
  const actions = createMaskActions({
    backend: () => backend,
    store,
    fetchBytes: () => Promise.reject(new Error('offline')),
  });
  return { store, backend, actions, calls };
}

describe('startMaskPipeline', () => {
  it('computes proxy masks for the open image and recomputes them when the configuration changes', async () => {
    const { store, backend, actions, calls } = setup();
    store.getState().setMaskImage({ id: 3 } as MaskImage);
    const stop = startMaskPipeline(store, () => backend, actions);
    await flush();
    expect(store.getState().proxyMasks?.imageId).toBe(3);
    store.getState().editConfig((c) => setStageRate(c, 0, 0.25));
    await flush();
    expect(calls.at(-1)).toBe(0.25);
    expect(store.getState().proxyMasks?.config).toBe(store.getState().config);
    stop();
  });

  it('skips intermediate configurations while a computation is running (slider drags)', async () => {
    const { store, backend, actions, calls } = setup();
    store.getState().setMaskImage({ id: 3 } as MaskImage);
    const stop = startMaskPipeline(store, () => backend, actions);
    for (const rate of [0.1, 0.2, 0.3, 0.4])
      store.getState().editConfig((c) => setStageRate(c, 0, rate));
    await flush();
    await flush();
    // The first request (at start, stage 1 following the global rate) runs; of the four edits only the
    // last one follows it.
    expect(calls).toEqual([null, 0.4]);
    stop();
  });

  it('does not compute proxy masks while a dump for the configured model is the source', async () => {
    const { store, backend, actions, calls } = setup();
    store
      .getState()
      .setMaskDump(
        { archId: 'resnet50', blocks: [], ponder: computePonderMap([]) } as never,
        { id: 4 } as MaskImage,
      );
    const stop = startMaskPipeline(store, () => backend, actions);
    store.getState().editConfig((c) => setStageRate(c, 0, 0.3));
    await flush();
    expect(calls).toEqual([]);
    // Back to proxy: masks are computed on the dump's image.
    store.getState().clearMaskDump();
    await flush();
    expect(store.getState().proxyMasks?.imageId).toBe(4);
    stop();
  });

  it('opens the default sample when nothing is open (and reports a failure to fetch it)', async () => {
    const { store, backend, actions } = setup();
    const stop = startMaskPipeline(store, () => backend, actions);
    await flush();
    expect(store.getState().notices.at(-1)?.text).toMatch(
      /^The sample photo "Dog" could not be loaded: offline/,
    );
    stop();
  });

  it('reports a failing computation once, not on every slider step', async () => {
    const { store, actions } = setup();
    const failing: MasksBackend = {
      openImage: () => Promise.resolve({ ok: false, error: 'unused' }),
      openDump: () => Promise.resolve({ ok: false, error: 'unused' }),
      proxyMasks: () =>
        Promise.resolve({
          ok: false,
          error: 'granularity 5 does not divide the 56×56 map of stage1/0',
        }),
    };
    store.getState().setMaskImage({ id: 3 } as MaskImage);
    const stop = startMaskPipeline(store, () => failing, actions);
    await flush();
    store.getState().editConfig((c) => setStageRate(c, 0, 0.2));
    await flush();
    store.getState().editConfig((c) => setStageRate(c, 0, 0.3));
    await flush();
    expect(store.getState().notices.filter((n) => n.kind === 'error')).toHaveLength(1);
    stop();
  });
});

describe('followLatest', () => {
  it('shows every finished result, runs one at a time and drops all but the newest waiting input', async () => {
    const started: number[] = [];
    const shown: number[] = [];
    const finish: (() => void)[] = [];
    const run = followLatest(
      (n: number) => {
        started.push(n);
        return new Promise<number>((resolve) => finish.push(() => resolve(n * 10)));
      },
      (out) => shown.push(out),
      () => undefined,
    );
    run(1);
    run(2);
    run(3);
    expect(started).toEqual([1]);
    finish[0]!();
    await flush();
    // 1's masks are shown although 3 is already waiting (a drag follows the slider); 2 never runs.
    expect(shown).toEqual([10]);
    expect(started).toEqual([1, 3]);
    finish[1]!();
    await flush();
    expect(shown).toEqual([10, 30]);
  });
});

describe('startMaskPipeline with masks computed on the page', () => {
  function pageSetup() {
    const store = createStudioStore();
    const basisCalls: number[] = [];
    const workerCalls: number[] = [];
    const backend: MasksBackend = {
      openImage: () => Promise.resolve({ ok: false as const, error: 'unused' }),
      openDump: () => Promise.resolve({ ok: false as const, error: 'unused' }),
      proxyMasks: (imageId) => {
        workerCalls.push(imageId);
        return Promise.resolve({ ok: false as const, error: 'not used when a basis is offered' });
      },
      proxyBasis: (imageId, tilePx) => {
        basisCalls.push(imageId);
        return Promise.resolve({
          ok: true as const,
          saliency: rampSaliency(),
          tilePx,
          tilePhoto: new Uint8ClampedArray(tilePx * tilePx * 4),
        });
      },
    };
    const actions = createMaskActions({
      backend: () => backend,
      store,
      fetchBytes: () => Promise.reject(new Error('offline')),
    });
    return { store, backend, actions, basisCalls, workerCalls };
  }

  it('asks the worker once per image, then computes every change in the same store update', async () => {
    const { store, backend, actions, basisCalls, workerCalls } = pageSetup();
    // Image ids are the worker's: a fresh one, so no other test's basis is reused.
    store.getState().setMaskImage({ id: 9001 } as MaskImage);
    const stop = startMaskPipeline(store, () => backend, actions, false);
    await flush();
    expect(store.getState().proxyMasks?.config).toBe(store.getState().config);
    for (const rate of [0.25, 0.8, 0.4]) {
      store.getState().editConfig((c) => setStageRate(c, 0, rate));
      // No await: the masks of the new configuration are there already.
      const s = store.getState();
      expect(s.proxyMasks?.config).toBe(s.config);
      const want = proxyMasksFor(rampSaliency(), s.config);
      const got = s.proxyMasks!.blocks;
      expect(got.map((b) => b.rates)).toEqual(want.blocks.map((b) => b.rates));
      expect(got.map((b) => [...b.grid!.data].join(''))).toEqual(
        want.blocks.map((b) => [...b.grid!.data].join('')),
      );
    }
    expect(basisCalls).toEqual([9001]);
    expect(workerCalls).toEqual([]);
    stop();
  });

  it('reports a granularity that does not fit once and keeps the masks it had', async () => {
    const { store, backend, actions } = pageSetup();
    store.getState().setMaskImage({ id: 9002 } as MaskImage);
    const stop = startMaskPipeline(store, () => backend, actions, false);
    await flush();
    const before = store.getState().proxyMasks;
    expect(before).not.toBeNull();
    store.getState().editConfig((c) => setStageGranularity(c, 0, 5));
    store.getState().editConfig((c) => setStageRate(c, 0, 0.3));
    const errors = store.getState().notices.filter((n) => n.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/granularity 5 does not divide the 56×56 map of stage1\/0/);
    expect(store.getState().proxyMasks).toBe(before);
    stop();
  });
});
