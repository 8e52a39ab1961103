import { describe, expect, it } from 'vitest';
import { renderScheduler, type RenderReport } from '../../../../renderer/src/views/space/frames';

/** A hand-driven frame source: `tick(t)` runs the callbacks queued before it. */
function fakeFrames() {
  let next = 1;
  const queued = new Map<number, (time: number) => void>();
  return {
    source: {
      request: (cb: (time: number) => void) => {
        queued.set(next, cb);
        return next++;
      },
      cancel: (h: number) => void queued.delete(h),
    },
    pending: () => queued.size,
    tick(time: number) {
      const callbacks = [...queued.values()];
      queued.clear();
      for (const cb of callbacks) cb(time);
    },
  };
}

function setup() {
  const frames = fakeFrames();
  const reports: RenderReport[] = [];
  let renders = 0;
  const scheduler = renderScheduler(
    frames.source,
    () => renders++,
    (r) => reports.push(r),
  );
  return { frames, reports, scheduler, renders: () => renders };
}

describe('renderScheduler', () => {
  it('renders once per frame however many times it is asked', () => {
    const { frames, reports, scheduler, renders } = setup();
    for (let i = 0; i < 5; i++) scheduler.request();
    expect(frames.pending()).toBe(1);
    expect(renders()).toBe(0);
    frames.tick(16);
    expect(renders()).toBe(1);
    expect(reports).toEqual([{ renders: 1, inFrame: 1 }]);
    // Nothing asked: nothing drawn (on demand, no loop).
    frames.tick(33);
    expect(renders()).toBe(1);
    scheduler.request();
    frames.tick(50);
    expect(reports.at(-1)).toEqual({ renders: 2, inFrame: 1 });
  });

  it('renders at once on renderNow, dropping the pending frame', () => {
    const { frames, reports, scheduler, renders } = setup();
    scheduler.request();
    scheduler.renderNow();
    expect(renders()).toBe(1);
    expect(frames.pending()).toBe(0);
    expect(scheduler.pending()).toBe(false);
    frames.tick(16);
    expect(renders()).toBe(1);
    expect(reports).toEqual([{ renders: 1, inFrame: 1 }]);
  });

  it('counts a render made between frames with the frame that follows it', () => {
    const { frames, reports, scheduler } = setup();
    scheduler.request();
    frames.tick(16);
    scheduler.renderNow();
    scheduler.request();
    frames.tick(33);
    expect(reports.map((r) => r.inFrame)).toEqual([1, 1, 2]);
    scheduler.request();
    frames.tick(50);
    expect(reports.at(-1)).toEqual({ renders: 4, inFrame: 1 });
  });

  it('never renders twice in one frame: a callback repeating a frame time that rendered waits', () => {
    const { frames, reports, scheduler, renders } = setup();
    scheduler.request();
    // Another frame callback of the same frame asks again; a worker's late frame repeats the time.
    frames.source.request(() => scheduler.request());
    frames.tick(16);
    frames.tick(16);
    expect(renders()).toBe(1);
    expect(scheduler.pending()).toBe(true);
    frames.tick(33);
    expect(renders()).toBe(2);
    expect(reports.map((r) => r.inFrame)).toEqual([1, 1]);
  });

  it('drops a pending frame on cancel', () => {
    const { frames, scheduler, renders } = setup();
    scheduler.request();
    scheduler.cancel();
    frames.tick(16);
    expect(renders()).toBe(0);
    scheduler.request();
    frames.tick(33);
    expect(renders()).toBe(1);
  });

  it('renders a soon request at once when the frame is free, and nothing more in that frame', () => {
    const { frames, reports, scheduler, renders } = setup();
    scheduler.requestSoon();
    expect(renders()).toBe(1);
    expect(reports).toEqual([{ renders: 1, inFrame: 1 }]);
    // Asked again before the frame it belongs to: that frame renders nothing, the next one does.
    scheduler.requestSoon();
    scheduler.request();
    expect(renders()).toBe(1);
    frames.tick(16);
    expect(renders()).toBe(1);
    frames.tick(33);
    expect(renders()).toBe(2);
    expect(reports.map((r) => r.inFrame)).toEqual([1, 1]);
  });

  it('renders a soon request at once again once a frame has passed without a render', () => {
    const { frames, reports, scheduler, renders } = setup();
    scheduler.requestSoon();
    frames.tick(16);
    scheduler.requestSoon();
    expect(renders()).toBe(2);
    frames.tick(33);
    scheduler.requestSoon();
    expect(renders()).toBe(3);
    expect(reports.map((r) => r.inFrame)).toEqual([1, 1, 1]);
  });

  it('keeps a soon request after a frame that rendered for the next frame', () => {
    const { frames, reports, scheduler, renders } = setup();
    scheduler.request();
    frames.tick(16);
    expect(renders()).toBe(1);
    // Still in the frame that rendered: the soon request waits for the next one.
    scheduler.requestSoon();
    expect(renders()).toBe(1);
    expect(scheduler.pending()).toBe(true);
    frames.tick(33);
    expect(renders()).toBe(2);
    // That frame rendered too: the next soon request also waits, until a frame passes idle.
    scheduler.requestSoon();
    expect(renders()).toBe(2);
    frames.tick(50);
    expect(renders()).toBe(3);
    frames.tick(66);
    scheduler.requestSoon();
    expect(renders()).toBe(4);
    expect(reports.map((r) => r.inFrame)).toEqual([1, 1, 1, 1]);
  });
});
