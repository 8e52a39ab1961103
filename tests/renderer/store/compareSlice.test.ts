import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { createStudioStore } from '../../../renderer/src/store/studioStore';
import { MAX_PINNED } from '../../../renderer/src/store/compareSlice';

describe('compare slice', () => {
  it('pins copies, up to four, and refuses a fifth with a message', () => {
    const store = createStudioStore();
    const config = defaultConfig();
    const first = store.getState().pinToCompare(config, ' Baseline ');
    expect(first.ok).toBe(true);
    config.targetRate = 0.25;
    const pinned = store.getState().pinned;
    expect(pinned[0]!.label).toBe('Baseline');
    expect(pinned[0]!.config.targetRate).not.toBe(0.25);
    for (let i = 1; i < MAX_PINNED; i++) store.getState().pinToCompare(config, '', 'file');
    expect(store.getState().pinned.map((p) => p.label)).toEqual([
      'Baseline',
      'Configuration 2',
      'Configuration 3',
      'Configuration 4',
    ]);
    const fifth = store.getState().pinToCompare(config, 'Too many');
    expect(fifth.ok).toBe(false);
    if (!fifth.ok) expect(fifth.error).toContain('at most 4');
    expect(store.getState().pinned).toHaveLength(MAX_PINNED);
  });

  it('unpins, renames and clears', () => {
    const store = createStudioStore();
    const a = store.getState().pinToCompare(defaultConfig(), 'A', 'current');
    store.getState().pinToCompare(defaultConfig(), 'B');
    if (!a.ok) throw new Error(a.error);
    store.getState().renameCompare(a.pin.id, 'Renamed');
    expect(store.getState().pinned.map((p) => p.label)).toEqual(['Renamed', 'B']);
    store.getState().unpinCompare(a.pin.id);
    expect(store.getState().pinned.map((p) => p.label)).toEqual(['B']);
    store.getState().clearCompare();
    expect(store.getState().pinned).toEqual([]);
  });
});
