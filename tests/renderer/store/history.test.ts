import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../../../renderer/src/store';
import { setStageMode, setTargetRate } from '../../../renderer/src/store/configEdits';

describe('undo history', () => {
  it('undoes and redoes edits in order and bumps the revision each time', () => {
    const store = createStudioStore();
    const first = store.getState().config;
    store.getState().editConfig((c) => setStageMode(c, 0, 'layer'));
    const second = store.getState().config;
    store.getState().editConfig((c) => setStageMode(c, 1, 'channel'));
    expect(store.getState().revision).toBe(2);
    store.getState().undo();
    expect(store.getState().config).toBe(second);
    store.getState().undo();
    expect(store.getState().config).toBe(first);
    store.getState().undo();
    expect(store.getState().config).toBe(first);
    store.getState().redo();
    expect(store.getState().config).toBe(second);
    // two edits, two undos, one redo (the third undo had nothing to undo).
    expect(store.getState().revision).toBe(5);
    expect(store.getState().dirty).toBe(true);
  });

  it('coalesces a slider drag into one undo step', () => {
    const store = createStudioStore();
    const first = store.getState().config;
    for (const r of [0.4, 0.41, 0.42, 0.43])
      store.getState().editConfig((c) => setTargetRate(c, r), 'global-rate');
    expect(store.getState().config.targetRate).toBe(0.43);
    store.getState().undo();
    expect(store.getState().config).toBe(first);
  });

  it('a new edit clears the redo stack', () => {
    const store = createStudioStore();
    store.getState().editConfig((c) => setStageMode(c, 0, 'layer'));
    store.getState().undo();
    store.getState().editConfig((c) => setStageMode(c, 0, 'channel'));
    expect(store.getState().future).toEqual([]);
    store.getState().redo();
    expect(store.getState().config.stages[0]!.mode).toBe('channel');
  });
});

describe('undo history per store', () => {
  it('two stores never merge each other’s slider edits (coalescing state lives in each store)', () => {
    const a = createStudioStore();
    const b = createStudioStore();
    b.getState().editConfig((c) => setStageMode(c, 0, 'layer'));
    expect(b.getState().past).toHaveLength(1);
    // The same coalescing key, within the window, in another store: a separate undo step in each.
    a.getState().editConfig((c) => setTargetRate(c, 0.4), 'global-rate');
    b.getState().editConfig((c) => setTargetRate(c, 0.45), 'global-rate');
    expect(b.getState().past).toHaveLength(2);
    expect(a.getState().past).toHaveLength(1);
    // Each store still coalesces its own drag.
    a.getState().editConfig((c) => setTargetRate(c, 0.41), 'global-rate');
    expect(a.getState().past).toHaveLength(1);
    b.getState().undo();
    expect(b.getState().config.targetRate).toBe(0.5);
    expect(b.getState().config.stages[0]!.mode).toBe('layer');
  });

  it('is a vanilla store: it works without React and keeps the history in its state', () => {
    const store = createStudioStore();
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    store.getState().editConfig((c) => setTargetRate(c, 0.3), 'global-rate');
    expect(store.getState().lastCoalesce?.key).toBe('global-rate');
    store.getState().undo();
    expect(store.getState().lastCoalesce).toBeNull();
    expect(notified).toBe(2);
    unsubscribe();
  });
});
