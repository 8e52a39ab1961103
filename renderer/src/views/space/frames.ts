/**
 * Rendering on demand for the 3D view, the same on the main thread and in its worker: any number of
 * requests before the next animation frame make one render in that frame, and a frame that has rendered
 * renders no more (a late request waits for the next frame); a render made now (tests reading pixels)
 * cancels the pending one. Every render is counted with the number of
 * renders made in the same animation frame, so the benchmarks' "at most one per frame" stays truthful
 * whichever thread draws. DOM-free and clock-free: the frame source is injected (unit-tested in Node).
 */

/** What schedules frames: `requestAnimationFrame` of a window or of a dedicated worker. */
export interface FrameSource {
  request: (callback: (time: number) => void) => number;
  cancel: (handle: number) => void;
}

/** The scheduler's view of one render, reported after it. */
export interface RenderReport {
  /** Renders since the scheduler was made, this one included. */
  renders: number;
  /** Renders made within this animation frame, this one included (1 unless rendered outside a frame). */
  inFrame: number;
}

export interface RenderScheduler {
  /** Asks for a render in the next animation frame (several asks, one render). */
  request: () => void;
  /** Renders at once (outside a frame callback) and drops a pending frame. */
  renderNow: () => void;
  /** True while a frame is pending. */
  pending: () => boolean;
  /** Drops a pending frame; later requests schedule again. */
  cancel: () => void;
}

/**
 * A scheduler over `frames` that calls `render` at most once per animation frame for the requests made
 * before it, then `report` with the counts.
 */
export function renderScheduler(
  frames: FrameSource,
  render: () => void,
  report: (r: RenderReport) => void,
): RenderScheduler {
  let handle = 0;
  let renders = 0;
  /** Time of the last animation frame that rendered, and how many renders it made. */
  let frameTime: number | null = null;
  let inFrame = 0;
  // Renders made outside a frame callback belong to the frame that follows them.
  let sinceFrame = 0;

  const draw = (time: number | null) => {
    render();
    renders++;
    if (time === null) {
      sinceFrame++;
      inFrame = sinceFrame;
    } else {
      inFrame = time === frameTime ? inFrame + 1 : 1 + sinceFrame;
      frameTime = time;
      sinceFrame = 0;
    }
    report({ renders, inFrame });
  };

  return {
    request() {
      if (handle) return;
      const onFrame = (time: number) => {
        // A second callback of a frame that has already rendered (a worker's frames can repeat a
        // frame's time when it runs late) waits for the next frame: never two renders in one frame.
        if (time === frameTime) {
          handle = frames.request(onFrame);
          return;
        }
        handle = 0;
        draw(time);
      };
      handle = frames.request(onFrame);
    },
    renderNow() {
      if (handle) frames.cancel(handle);
      handle = 0;
      draw(null);
    },
    pending: () => handle !== 0,
    cancel() {
      if (handle) frames.cancel(handle);
      handle = 0;
    },
  };
}
