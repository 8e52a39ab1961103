import { describe, expect, it } from 'vitest';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { createStudioStore } from '../../../renderer/src/store';
import {
  createMaskActions,
  type MasksBackend,
} from '../../../renderer/src/views/masks/masksActions';
import { openMaskDump } from '../../../renderer/src/worker/masksCompute';
import type { OpenedDumpMessage } from '../../../renderer/src/worker/masks.worker';
import { fixture } from './helpers';

const bitmap = { width: 224, height: 224, close() {} } as unknown as ImageBitmap;

function backend(): MasksBackend {
  return {
    openImage: () => Promise.resolve({ ok: false, error: 'not used' }),
    openDump: (bytes) => {
      const result = openMaskDump(bytes);
      if (!result.ok) return Promise.resolve({ ok: false, error: result.error });
      const { input: _input, ...dump } = result.dump;
      const message: OpenedDumpMessage = { ok: true, imageId: 1, input: bitmap, dump };
      return Promise.resolve(message);
    },
    proxyMasks: () =>
      Promise.resolve({ ok: true, blocks: [], ponder: computePonderMap([]), elapsedMs: 0 }),
  };
}

describe('opening a dump that replaces the configuration', () => {
  it('says so in one notice per file, and its Undo restores the previous configuration', async () => {
    const store = createStudioStore();
    const before = store.getState().config;
    const actions = createMaskActions({ backend, store });
    await actions.openDumpBytes('mixed.laudmask.npz', fixture('resnet50-mixed.laudmask.npz'));
    const opened = store.getState().notices.filter((n) => n.text.startsWith('mixed.laudmask.npz'));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.text).toMatch(/replaced the configuration/);
    expect(opened[0]!.action?.label).toBe('Undo');
    expect(store.getState().config).not.toBe(before);
    // Opening the same file again still leaves one notice for it.
    await actions.openDumpBytes('mixed.laudmask.npz', fixture('resnet50-mixed.laudmask.npz'));
    expect(
      store.getState().notices.filter((n) => n.text.startsWith('mixed.laudmask.npz')),
    ).toHaveLength(1);
    const undo = store.getState().notices.find((n) => n.action)!.action!;
    undo.run();
    expect(store.getState().config).not.toBe(before);
    // The second open replaced the first open's configuration; undoing it and the first gets back.
    store.getState().undo();
    expect(store.getState().config).toBe(before);
  });
});
