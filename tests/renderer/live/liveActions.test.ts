/**
 * The hand-over from a live run to the mask views: the live engine over onnxruntime-web in Node behind
 * a worker-like backend, the real mask and live actions and the real store. A quick model's image is
 * decoded once (by the live side; the masks worker only keeps its pixels) and shown with its masks in
 * one store update; the first image of a model, and any image whose live run failed, is decoded and
 * shown by the mask views as before.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeRuntime as runtime, readFixture as read } from './nodeRuntime';
import { decodePng, readMaskDump } from '../../../core/maskfile';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { createStudioStore } from '../../../renderer/src/store';
import { createLiveEngine } from '../../../renderer/src/live/engine';
import { createLiveActions, type LiveBackend } from '../../../renderer/src/live/liveActions';
import { liveMasksOf } from '../../../renderer/src/live/liveMasks';
import type { LiveImageView } from '../../../renderer/src/live/imageHook';
import {
  createMaskActions,
  type MasksBackend,
} from '../../../renderer/src/views/masks/masksActions';

const bitmap = (width: number, height: number) =>
  ({ width, height, close() {} }) as unknown as ImageBitmap;

/** The live worker's calls over the engine in Node (PNG decoding instead of the browser's). */
function nodeLiveBackend(): LiveBackend & {
  views: number;
  failRuns: boolean;
  hold: Promise<void> | null;
} {
  const engine = createLiveEngine(runtime);
  const backend = {
    views: 0,
    failRuns: false,
    /** Runs wait for it (a run still under way). */
    hold: null as Promise<void> | null,
    async openModel(name: string, bytes: Uint8Array) {
      const opened = await engine.open(name, bytes);
      return opened.ok ? { ...opened, threads: 1 } : opened;
    },
    async runImage(
      name: string,
      bytes: Uint8Array,
      offsets = { global: 0, perBlock: {} },
      withView: boolean | ((view: LiveImageView) => unknown) = false,
      _atlas?: unknown,
      previewLater = false,
    ) {
      if (backend.failRuns) return { ok: false as const, error: 'the session failed' };
      const hold = backend.hold;
      const png = decodePng(bytes);
      if (!png.ok) return { ok: false as const, error: png.error };
      const prepared = engine.prepare(png.rgba, png.width, png.height, name);
      if ('ok' in prepared) return prepared;
      const [x0, y0, x1, y1] = prepared.geometry.cropBox;
      const view: LiveImageView | null = withView
        ? {
            input: bitmap(224, 224),
            rgba: prepared.cropRgba,
            size: 224,
            // A quick model's preview comes at full size (here 4× the PNG), for the page to scale.
            ...(previewLater && typeof withView === 'function'
              ? { original: bitmap(png.width * 4, png.height * 4), originalSide: 640 }
              : { original: bitmap(png.width, png.height) }),
            origWidth: png.width,
            origHeight: png.height,
            cropBox: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
          }
        : null;
      if (view) backend.views++;
      // A callback gets the view before the run (a slow model's image is shown first).
      if (typeof withView === 'function' && view) withView(view);
      await hold;
      const run = await engine.runPrepared(prepared);
      if ('ok' in run) return run;
      return {
        ok: true as const,
        masks: liveMasksOf(engine.withOffsets(run.dump, offsets)),
        view: withView === true ? view : null,
        timing: {
          decodeMs: 0,
          preprocessMs: run.preprocessMs,
          runMs: run.runMs,
          masksMs: run.masksMs,
          totalMs: run.runMs,
          sharedDecode: withView !== false,
          decoder: 'image-bitmap' as const,
          steps: {},
          workerStart: 0,
          workerEnd: 0,
        },
      };
    },
    rethreshold: () => Promise.resolve({ ok: false as const, error: 'not used here' }),
  };
  return backend;
}

/** The masks worker's calls, counting decodes and registrations. */
function countingMasksBackend() {
  let id = 1;
  const calls = { decoded: 0, registered: [] as number[] };
  const backend: MasksBackend = {
    openImage: () => {
      calls.decoded++;
      return Promise.resolve({
        ok: true,
        imageId: id++,
        input: bitmap(224, 224),
        original: bitmap(300, 257),
        origWidth: 300,
        origHeight: 257,
        cropBox: { x: 0, y: 0, width: 257, height: 257 },
      });
    },
    openDump: () => Promise.resolve({ ok: false, error: 'not used here' }),
    proxyMasks: () =>
      Promise.resolve({ ok: true, blocks: [], ponder: computePonderMap([]), elapsedMs: 0 }),
    registerImage: (rgba, width, height) => {
      calls.registered.push(rgba.length, width, height);
      return Promise.resolve(id++);
    },
  };
  return { backend, calls };
}

function setUp() {
  const store = createStudioStore();
  const live = nodeLiveBackend();
  // Every run counts as quick here (a loaded machine's first run may not be).
  const liveActions = createLiveActions({ backend: () => live, store, quickRunMs: Infinity });
  const masks = countingMasksBackend();
  const maskActions = createMaskActions({
    backend: () => masks.backend,
    store,
    onImageOpening: liveActions.imageOpening,
    onImageOpened: liveActions.imageOpened,
  });
  // Every state the views could render: the image shown and whether live masks go with it.
  const states: { image: string | null; live: boolean }[] = [];
  store.subscribe((s, prev) => {
    if (s.maskImage !== prev.maskImage || s.maskDump !== prev.maskDump)
      states.push({ image: s.maskImage?.name ?? null, live: s.maskDump?.live !== undefined });
  });
  return { store, live, liveActions, maskActions, masks, states };
}

const file = (name: string) => ({ name, bytes: read(name) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('live masks reach the mask views', () => {
  // Node has no createImageBitmap: scaling gives a bitmap of the asked size.
  beforeAll(() => {
    vi.stubGlobal(
      'createImageBitmap',
      (_: unknown, opts?: { resizeWidth?: number; resizeHeight?: number }) =>
        Promise.resolve(bitmap(opts?.resizeWidth ?? 0, opts?.resizeHeight ?? 0)),
    );
  });
  afterAll(() => vi.unstubAllGlobals());
  const pythonGrids = new Map<string, number[]>();
  beforeAll(() => {
    const dump = readMaskDump(read('tiny-mixed.laudmask.npz'));
    if (!dump.ok) throw new Error(dump.error);
    for (const b of dump.dump.blocks) if (b.grid) pythonGrids.set(b.key, Array.from(b.grid.data));
  });

  it('the image is decoded once, by the live worker; a quick model shows it with its masks in one update', async () => {
    const { store, live, liveActions, maskActions, masks, states } = setUp();
    expect(await liveActions.openModel(file('tiny-mixed.onnx'))).toBe(true);
    const png = read('image.png');
    // The model's first image: no run time known yet, so it is not quick: the live worker hands its
    // decode over before the run (the image is shown first, its masks after), not decoded twice.
    expect(await maskActions.openImageBytes('first.png', png, 'file')).toBe(true);
    await expect
      .poll(() => store.getState().maskDump?.live, { timeout: 15_000 })
      .toBe('tiny-mixed.onnx');
    expect(masks.calls.decoded).toBe(0);
    expect(live.views).toBe(1);
    expect(states.slice(-2)).toEqual([
      { image: 'first.png', live: false },
      { image: 'first.png', live: true },
    ]);
    expect(store.getState().liveTiming?.sharedDecode).toBe(true);

    states.length = 0;
    // A quick model: the views register the image while the model runs (before its masks arrive),
    // and the live actions show it with its masks and its preview in one update.
    expect(await maskActions.openImageBytes('image.png', png, 'file')).toBe(true);
    expect(masks.calls.registered).toEqual([224 * 224 * 4, 224, 224, 224 * 224 * 4, 224, 224]);
    await expect.poll(() => store.getState().maskImage?.name).toBe('image.png');
    expect(masks.calls.decoded).toBe(0); // never decoded by the masks worker
    expect(live.views).toBe(2);
    expect(states).toEqual([{ image: 'image.png', live: true }]);
    // The page scaled the full-size preview to at most 640 pixels a side (1200×1028 → 640×548).
    expect(store.getState().maskImage?.original).toMatchObject({ width: 640, height: 548 });
    const s = store.getState();
    expect(s.liveTiming?.sharedDecode).toBe(true);
    expect(s.maskImage).toMatchObject({ name: 'image.png', origWidth: 300, origHeight: 257 });
    // The masks are the model's, cell for cell the Python exporter's.
    for (const b of s.maskDump?.blocks ?? [])
      if (b.grid) expect(Array.from(b.grid.data), b.key).toEqual(pythonGrids.get(b.key));
    expect(pythonGrids.size).toBeGreaterThan(0);
  }, 60_000);

  it("a later image's masks are shown at once and their rates reach the configuration after them", async () => {
    const { store, liveActions, maskActions } = setUp();
    expect(await liveActions.openModel(file('tiny-mixed.onnx'))).toBe(true);
    const png = read('image.png');
    expect(await maskActions.openImageBytes('first.png', png, 'file')).toBe(true);
    await expect
      .poll(() => store.getState().maskDump?.live, { timeout: 15_000 })
      .toBe('tiny-mixed.onnx');
    const adopted = store.getState().config.blockRates;
    expect(Object.keys(adopted).length).toBeGreaterThan(0);
    // The user sets other rates; the next image's masks bring the model's rates back.
    const s = store.getState();
    s.replaceConfig({ ...s.config, blockRates: {} });
    expect(store.getState().config.blockRates).toEqual({});
    expect(await maskActions.openImageBytes('image.png', png, 'file')).toBe(true);
    await expect.poll(() => store.getState().maskImage?.name).toBe('image.png');
    expect(store.getState().maskDump?.live).toBe('tiny-mixed.onnx');
    await expect.poll(() => store.getState().config.blockRates).toEqual(adopted);
  }, 60_000);

  it("a quick model's failed run shows the image alone, with a message", async () => {
    const { store, live, liveActions, maskActions, states } = setUp();
    expect(await liveActions.openModel(file('tiny-mixed.onnx'))).toBe(true);
    const png = read('image.png');
    expect(await maskActions.openImageBytes('a.png', png, 'file')).toBe(true);
    await expect
      .poll(() => store.getState().maskDump?.live, { timeout: 15_000 })
      .toBe('tiny-mixed.onnx');
    live.failRuns = true;
    states.length = 0;
    expect(await maskActions.openImageBytes('b.png', png, 'file')).toBe(true);
    await expect.poll(() => store.getState().maskImage?.name).toBe('b.png');
    expect(store.getState().notices.at(-1)?.text).toBe('Live masks of b.png: the session failed');
    expect(store.getState().liveBusy).toBeNull();
  }, 60_000);

  it('a quick image still running is not shown once a later one is opened', async () => {
    const { store, live, liveActions, maskActions, states } = setUp();
    expect(await liveActions.openModel(file('tiny-mixed.onnx'))).toBe(true);
    const png = read('image.png');
    expect(await maskActions.openImageBytes('a.png', png, 'file')).toBe(true);
    await expect
      .poll(() => store.getState().maskDump?.live, { timeout: 15_000 })
      .toBe('tiny-mixed.onnx');
    states.length = 0;
    let release = () => {};
    live.hold = new Promise((resolve) => (release = resolve));
    // b.png is handed to the live actions (registered, waiting for its masks) when c.png is opened.
    expect(await maskActions.openImageBytes('b.png', png, 'file')).toBe(true);
    live.hold = null;
    const second = maskActions.openImageBytes('c.png', read('image.png'), 'file');
    release();
    expect(await second).toBe(true);
    await expect.poll(() => store.getState().maskImage?.name).toBe('c.png');
    await settle();
    expect(states.map((x) => x.image)).not.toContain('b.png');
    expect(store.getState().maskDump?.live).toBe('tiny-mixed.onnx');
  }, 60_000);

  it('a live run that fails leaves the image to the mask views, with a message', async () => {
    const { store, liveActions, maskActions, masks } = setUp();
    expect(await liveActions.openModel(file('tiny-mixed.onnx'))).toBe(true);
    expect(await maskActions.openImageBytes('a.png', read('image.png'), 'file')).toBe(true);
    await expect
      .poll(() => store.getState().maskDump?.live, { timeout: 15_000 })
      .toBe('tiny-mixed.onnx');
    // Not a PNG the Node backend can decode: the live side has no image to give.
    const bad = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3);
    expect(await maskActions.openImageBytes('broken.jpg', bad, 'file')).toBe(true);
    await settle();
    // a.png came decoded from the live worker; broken.jpg, which it could not decode, the views tried.
    expect(masks.calls.decoded).toBe(1);
    const s = store.getState();
    expect(s.maskImage?.name).toBe('broken.jpg');
    expect(s.maskDump).toBeNull();
    expect(s.notices.at(-1)?.text).toMatch(/^Live masks of broken\.jpg: /);
  }, 60_000);
});
