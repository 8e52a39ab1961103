import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuietTimer } from '../../../renderer/src/controls/quietTimer';

afterEach(() => {
  vi.useRealTimers();
});

describe('QuietTimer', () => {
  it('runs once the changes have rested for the quiet time, once for a whole drag', () => {
    vi.useFakeTimers();
    const job = vi.fn();
    const quiet = new QuietTimer(120, job);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    // A drag: a change every 16 ms for 200 ms.
    for (let t = 0; t < 200; t += 16) {
      quiet.changed();
      vi.advanceTimersByTime(16);
    }
    expect(job).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(job).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(job).toHaveBeenCalledTimes(1);
    // Not a timer per change: the first, and one re-arm per early firing.
    expect(setTimeoutSpy.mock.calls.length).toBeLessThan(5);
    vi.advanceTimersByTime(1000);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    const job = vi.fn();
    const quiet = new QuietTimer(120, job);
    quiet.changed();
    vi.advanceTimersByTime(60);
    quiet.cancel();
    vi.advanceTimersByTime(1000);
    expect(job).not.toHaveBeenCalled();
    quiet.changed();
    vi.advanceTimersByTime(120);
    expect(job).toHaveBeenCalledTimes(1);
  });
});
