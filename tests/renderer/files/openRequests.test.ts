import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerOpenHandler, requestOpen } from '../../../renderer/src/files/openRequests';

const file = { name: 'a.laudmask.npz', bytes: new Uint8Array([0x50, 0x4b]) };

describe('open requests for a view that may still be loading', () => {
  afterEach(() => vi.useRealTimers());

  it('reaches a handler registered later, within the wait', async () => {
    vi.useFakeTimers();
    const received: string[] = [];
    const pending = requestOpen('mask', file, 1000);
    await vi.advanceTimersByTimeAsync(400);
    const off = registerOpenHandler('mask', (f) => {
      received.push(f?.name ?? 'picker');
    });
    await expect(pending).resolves.toBe(true);
    expect(received).toEqual(['a.laudmask.npz']);
    off();
  });

  it('gives up after the wait when no view registers, and the late handler gets nothing', async () => {
    vi.useFakeTimers();
    const pending = requestOpen('image', file, 500);
    await vi.advanceTimersByTimeAsync(501);
    await expect(pending).resolves.toBe(false);
    const received: unknown[] = [];
    const off = registerOpenHandler('image', (f) => void received.push(f));
    await vi.advanceTimersByTimeAsync(10);
    expect(received).toEqual([]);
    off();
  });

  it('without a wait, answers at once', async () => {
    await expect(requestOpen('image', file)).resolves.toBe(false);
    const off = registerOpenHandler('image', () => undefined);
    await expect(requestOpen('image', file)).resolves.toBe(true);
    off();
    await expect(requestOpen('image', file)).resolves.toBe(false);
  });
});
