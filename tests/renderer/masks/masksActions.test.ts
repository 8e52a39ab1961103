import { describe, expect, it } from 'vitest';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { createStudioStore } from '../../../renderer/src/store';
import type { MaskImage } from '../../../renderer/src/store/masksSlice';
import {
  createMaskActions,
  looksLikeMaskDump,
  type MasksBackend,
} from '../../../renderer/src/views/masks/masksActions';
import { openMaskDump } from '../../../renderer/src/worker/masksCompute';
import type { OpenedDumpMessage } from '../../../renderer/src/worker/masks.worker';
import { fixture } from './helpers';

const bitmap = { width: 224, height: 224, close() {} } as unknown as ImageBitmap;

/** A backend that answers like the worker, from the real dump reader, without a Worker. */
function fakeBackend(overrides: Partial<MasksBackend> = {}): MasksBackend {
  let id = 100;
  return {
    openImage: (bytes) =>
      Promise.resolve(
        bytes[0] === 0xff
          ? {
              ok: true,
              imageId: id++,
              input: bitmap,
              original: bitmap,
              origWidth: 640,
              origHeight: 480,
              cropBox: { x: 80, y: 0, width: 480, height: 480 },
            }
          : { ok: false, error: 'This file is not an image (PNG, JPEG or WebP expected).' },
      ),
    openDump: (bytes) => {
      const result = openMaskDump(bytes);
      if (!result.ok) return Promise.resolve({ ok: false, error: result.error });
      const { input: _input, ...dump } = result.dump;
      const message: OpenedDumpMessage = { ok: true, imageId: id++, input: bitmap, dump };
      return Promise.resolve(message);
    },
    proxyMasks: () =>
      Promise.resolve({ ok: true, blocks: [], ponder: computePonderMap([]), elapsedMs: 0 }),
    ...overrides,
  };
}

const jpegLike = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0);

describe('mask actions', () => {
  it('opens an image and makes the proxy the source', async () => {
    const store = createStudioStore();
    const actions = createMaskActions({ backend: () => fakeBackend(), store });
    expect(await actions.openImageBytes('cat.jpg', jpegLike, 'file')).toBe(true);
    const image = store.getState().maskImage;
    expect(image).toMatchObject({
      name: 'cat.jpg',
      origin: 'file',
      origWidth: 640,
      origHeight: 480,
    });
    expect(store.getState().maskLoading).toBe(false);
  });

  it("hands a live view's pixels to the worker and starts the live run before the loading flag", async () => {
    const store = createStudioStore();
    const registered: Uint8ClampedArray[] = [];
    let loadingWhenOpening: boolean | null = null;
    const rgba = new Uint8ClampedArray(224 * 224 * 4).fill(7);
    const actions = createMaskActions({
      backend: () =>
        fakeBackend({
          registerImage: (pixels) => {
            registered.push(pixels);
            return Promise.resolve(7);
          },
        }),
      store,
      onImageOpening: () => {
        loadingWhenOpening = store.getState().maskLoading;
        return Promise.resolve({
          input: bitmap,
          rgba,
          size: 224,
          original: bitmap,
          origWidth: 640,
          origHeight: 480,
          cropBox: { x: 80, y: 0, width: 480, height: 480 },
        });
      },
    });
    expect(await actions.openImageBytes('cat.jpg', jpegLike, 'file')).toBe(true);
    expect(loadingWhenOpening).toBe(false);
    expect(registered).toEqual([rgba]);
    expect(store.getState().maskImage).toMatchObject({ id: 7, name: 'cat.jpg', origWidth: 640 });
    expect(store.getState().maskLoading).toBe(false);
  });

  it('keeps the open image when a non-image is opened, and says why', async () => {
    const store = createStudioStore();
    const actions = createMaskActions({ backend: () => fakeBackend(), store });
    await actions.openImageBytes('cat.jpg', jpegLike, 'file');
    const before = store.getState().maskImage;
    expect(
      await actions.openImageBytes('notes.txt', new TextEncoder().encode('hello'), 'file'),
    ).toBe(false);
    expect(store.getState().maskImage).toBe(before);
    expect(store.getState().notices.at(-1)).toMatchObject({
      kind: 'error',
      text: 'notes.txt could not be opened: This file is not an image (PNG, JPEG or WebP expected).',
    });
  });

  it('adopts a dump: configuration, masks and image, in one undoable step', async () => {
    const store = createStudioStore();
    const actions = createMaskActions({ backend: () => fakeBackend(), store });
    const before = store.getState().config;
    expect(
      await actions.openDumpBytes(
        'resnet50-spatial.laudmask.npz',
        fixture('resnet50-spatial.laudmask.npz'),
      ),
    ).toBe(true);
    const s = store.getState();
    expect(s.maskDump?.fileName).toBe('resnet50-spatial.laudmask.npz');
    expect(s.maskDump?.blocks).toHaveLength(16);
    expect(s.maskImage?.origin).toBe('dump');
    expect(Object.keys(s.config.blockRates)).toHaveLength(16);
    expect(s.selectedBlock).toBe('stage1/0');
    s.undo();
    expect(store.getState().config).toBe(before);
  });

  it('keeps configuration, image and masks when a dump is refused', async () => {
    const store = createStudioStore();
    const actions = createMaskActions({ backend: () => fakeBackend(), store });
    await actions.openDumpBytes('good.laudmask.npz', fixture('resnet50-spatial.laudmask.npz'));
    const before = store.getState();
    const ok = await actions.openDumpBytes(
      'wrong-dtype.laudmask.npz',
      fixture('bad/wrong-dtype.laudmask.npz'),
    );
    expect(ok).toBe(false);
    const after = store.getState();
    expect(after.config).toBe(before.config);
    expect(after.maskDump).toBe(before.maskDump);
    expect(after.maskImage).toBe(before.maskImage);
    expect(after.notices.at(-1)?.text).toMatch(
      /^wrong-dtype\.laudmask\.npz could not be opened: .*dtype float32; it must be uint8/,
    );
  });

  it('lets only the newest of two overlapping opens change the store', async () => {
    const store = createStudioStore();
    let releaseSlow: () => void = () => {};
    const backend = fakeBackend();
    const slowBackend: MasksBackend = {
      ...backend,
      openImage: (bytes) =>
        bytes.length === 5
          ? new Promise((resolve) => {
              releaseSlow = () => void backend.openImage(jpegLike).then(resolve);
            })
          : backend.openImage(bytes),
    };
    const actions = createMaskActions({ backend: () => slowBackend, store });
    const slow = actions.openImageBytes(
      'slow.jpg',
      Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0),
      'file',
    );
    await actions.openImageBytes('fast.jpg', jpegLike, 'file');
    releaseSlow();
    expect(await slow).toBe(false);
    expect(store.getState().maskImage?.name).toBe('fast.jpg');
  });

  it('routes files by content: a zip is a dump, anything else an image', async () => {
    expect(looksLikeMaskDump(fixture('resnet50-spatial.laudmask.npz'))).toBe(true);
    expect(looksLikeMaskDump(jpegLike)).toBe(false);
    const store = createStudioStore();
    const actions = createMaskActions({ backend: () => fakeBackend(), store });
    await actions.openFile({
      name: 'renamed.bin',
      bytes: fixture('resnet50-spatial.laudmask.npz'),
    });
    expect(store.getState().maskDump?.fileName).toBe('renamed.bin');
  });

  it('reports a sample that cannot be fetched', async () => {
    const store = createStudioStore();
    const actions = createMaskActions({
      backend: () => fakeBackend(),
      store,
      fetchBytes: () => Promise.reject(new Error('HTTP 404')),
    });
    expect(await actions.openSample({ id: 'dog', label: 'Dog', url: '/dog.jpg' })).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'The sample photo "Dog" could not be loaded: HTTP 404',
    );
  });
});

describe('masks slice', () => {
  it('opening an image drops the dump and stale proxy masks; opacity is clamped', () => {
    const store = createStudioStore();
    const s = store.getState();
    s.setMaskDump({ archId: 'resnet50' } as never, { id: 1 } as MaskImage);
    s.setProxyMasks({ imageId: 1, config: s.config, blocks: [], ponder: computePonderMap([]) });
    store.getState().setMaskImage({ id: 2 } as MaskImage);
    expect(store.getState().maskDump).toBeNull();
    expect(store.getState().proxyMasks).toBeNull();
    store.getState().setOverlayOpacity(3);
    expect(store.getState().overlayOpacity).toBe(1);
    store.getState().setOverlayOpacity(-1);
    expect(store.getState().overlayOpacity).toBe(0);
  });
});
