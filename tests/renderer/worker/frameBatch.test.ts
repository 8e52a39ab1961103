import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyInFrame } from '../../../renderer/src/worker/frameBatch';

describe('applyInFrame', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs the latest job of each kind once, together, at the next frame', () => {
    const frames: FrameRequestCallback[] = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const ran: string[] = [];
    applyInFrame('analysis', () => ran.push('analysis 1'));
    applyInFrame('curves', () => ran.push('curves'));
    applyInFrame('analysis', () => ran.push('analysis 2'));
    expect(ran).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]!(0);
    expect(ran).toEqual(['analysis 2', 'curves']);
    // The fallback timer of that frame does not run anything again.
    vi.advanceTimersByTime(1000);
    expect(ran).toEqual(['analysis 2', 'curves']);
  });

  it('falls back to a timer when no frame comes (hidden window)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const ran: string[] = [];
    applyInFrame('hardware', () => ran.push('hardware'));
    vi.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['hardware']);
  });
});
