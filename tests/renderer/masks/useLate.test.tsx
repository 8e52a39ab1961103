import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRef } from 'react';
import { cleanup, render } from '@testing-library/react';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { createStudioStore } from '../../../renderer/src/store';
import { setStageRate } from '../../../renderer/src/store/configEdits';
import type { MaskImage } from '../../../renderer/src/store/masksSlice';
import {
  LATE_AFTER_MS,
  useLateMasks,
  watchLateMasks,
} from '../../../renderer/src/views/masks/useLate';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency } from './helpers';

function withMasks() {
  const store = createStudioStore();
  store.getState().setMaskImage({ id: 1 } as MaskImage);
  const show = () => {
    const config = store.getState().config;
    const { blocks } = proxyMasksFor(rampSaliency(), config);
    store
      .getState()
      .setProxyMasks({ imageId: 1, config, blocks, ponder: computePonderMap(blocks) });
  };
  show();
  return { store, show };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('watchLateMasks', () => {
  it('dims only masks that stay behind the configuration longer than the delay', () => {
    vi.useFakeTimers();
    const { store, show } = withMasks();
    const el = document.createElement('div');
    const stop = watchLateMasks(store, el);
    expect(el.getAttribute('aria-busy')).toBe('false');
    // A quick update: new masks arrive before the delay, nothing is dimmed.
    store.getState().editConfig((c) => setStageRate(c, 0, 0.25));
    vi.advanceTimersByTime(LATE_AFTER_MS - 10);
    show();
    vi.advanceTimersByTime(100);
    expect(el.classList.contains('stale')).toBe(false);
    // A late one: dimmed once the delay has passed, undimmed when the masks arrive.
    store.getState().editConfig((c) => setStageRate(c, 0, 0.75));
    vi.advanceTimersByTime(LATE_AFTER_MS - 1);
    expect(el.classList.contains('stale')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(el.classList.contains('stale')).toBe(true);
    expect(el.getAttribute('aria-busy')).toBe('true');
    show();
    expect(el.classList.contains('stale')).toBe(false);
    expect(el.getAttribute('aria-busy')).toBe('false');
    stop();
  });

  it('writes nothing to the element while the masks keep up', () => {
    vi.useFakeTimers();
    const { store, show } = withMasks();
    const el = document.createElement('div');
    const stop = watchLateMasks(store, el);
    const changes: string[] = [];
    const observer = new MutationObserver((records) =>
      changes.push(...records.map((r) => r.attributeName ?? r.type)),
    );
    observer.observe(el, { attributes: true });
    for (const rate of [0.3, 0.4, 0.5]) {
      store.getState().editConfig((c) => setStageRate(c, 0, rate));
      show();
    }
    vi.advanceTimersByTime(LATE_AFTER_MS * 2);
    return Promise.resolve().then(() => {
      expect(changes).toEqual([]);
      observer.disconnect();
      stop();
    });
  });
});

describe('useLateMasks', () => {
  it('watches the element while it is shown, once, not again at every render', () => {
    const { store } = withMasks();
    const subscribe = vi.spyOn(store, 'subscribe');
    function View({ shown, tick }: { shown: boolean; tick: number }) {
      const ref = useRef<HTMLDivElement>(null);
      useLateMasks(store, ref, shown);
      return shown ? <div ref={ref} data-testid="main" data-tick={tick} /> : null;
    }
    const { rerender, queryByTestId } = render(<View shown={false} tick={0} />);
    expect(subscribe).not.toHaveBeenCalled();
    rerender(<View shown tick={1} />);
    expect(queryByTestId('main')?.getAttribute('aria-busy')).toBe('false');
    rerender(<View shown tick={2} />);
    rerender(<View shown tick={3} />);
    expect(subscribe).toHaveBeenCalledTimes(1);
  });
});
