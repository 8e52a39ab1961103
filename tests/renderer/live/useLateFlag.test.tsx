/**
 * The late busy flag: a quick busy spell (a live image opened and run in well under the delay) shows
 * nothing and re-renders nothing; a slow one shows after the delay and hides at once when it ends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createStudioStore, type StudioState, type StudioStore } from '../../../renderer/src/store';
import { SHOW_BUSY_AFTER_MS, useLateFlag } from '../../../renderer/src/live/useLateFlag';

const loading = (s: StudioState) => s.maskLoading;
let renders = 0;

function Probe({ store }: { store: StudioStore }) {
  renders++;
  const late = useLateFlag(store, loading);
  return <span data-testid="probe">{late ? 'busy' : 'idle'}</span>;
}

describe('useLateFlag', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    renders = 0;
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows nothing for a busy spell shorter than the delay, and renders no more', () => {
    const store = createStudioStore();
    render(<Probe store={store} />);
    const before = renders;
    act(() => store.getState().setMaskLoading(true));
    act(() => {
      vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS - 50);
    });
    act(() => store.getState().setMaskLoading(false));
    act(() => {
      vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS * 2);
    });
    expect(screen.getByTestId('probe').textContent).toBe('idle');
    expect(renders).toBe(before);
  });

  it('shows a long busy spell after the delay and hides it as soon as it ends', () => {
    const store = createStudioStore();
    render(<Probe store={store} />);
    act(() => store.getState().setMaskLoading(true));
    act(() => {
      vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS - 1);
    });
    expect(screen.getByTestId('probe').textContent).toBe('idle');
    act(() => {
      vi.advanceTimersByTime(2);
    });
    expect(screen.getByTestId('probe').textContent).toBe('busy');
    act(() => store.getState().setMaskLoading(false));
    expect(screen.getByTestId('probe').textContent).toBe('idle');
  });

  it('starts the delay again for a new busy spell', () => {
    const store = createStudioStore();
    render(<Probe store={store} />);
    act(() => store.getState().setMaskLoading(true));
    act(() => {
      vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS - 10);
    });
    act(() => store.getState().setMaskLoading(false));
    act(() => store.getState().setMaskLoading(true));
    act(() => {
      vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS - 10);
    });
    expect(screen.getByTestId('probe').textContent).toBe('idle');
    act(() => {
      vi.advanceTimersByTime(20);
    });
    expect(screen.getByTestId('probe').textContent).toBe('busy');
  });
});
