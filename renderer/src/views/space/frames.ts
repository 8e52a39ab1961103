/**
 * Rendering on demand for the 3D view, the same on the main thread and in its worker: any number of
 * requests before the next animation frame make one render in that frame, and a frame that has rendered
 * renders no more (a late request waits for the next frame); a render made now (tests reading pixels)
 * cancels the pending one. A request made "soon" (new masks in the worker) renders at once when nothing
 * has rendered since the last frame callback (the frame now running is free), and the next callback
 * then closes that frame without rendering: a rate change is drawn without waiting for the worker's next
 * frame, and still at most once per frame. Every render is counted with the number of renders made in
 * the same animation frame, so the benchmarks' "at most one per frame" stays truthful whichever thread
 * draws. DOM-free and clock-free: the frame source is injected (unit-tested in Node).
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
  /**
   * Renders at once when no render has been made since the last frame callback, else asks for one in
   * the next frame (as {@link RenderScheduler.request}). After a render made at once, the next frame
   * callback renders nothing: that frame has had its render.
   */
  requestSoon: () => void;
  /** Renders at once (outside a frame callback) and drops a pending frame. */
  renderNow: () => void;
  /** True while a render is asked and waits for a frame. */
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
  /** A render waits for the next frame callback. */
  let asked = false;
  /** No render since the last frame callback: a soon request may render at once. */
  let free = true;
  /** A soon render was made since the last frame callback: the next callback is its frame. */
  let owed = false;
  /** Time of the last animation frame that rendered, and how many renders it made. */
  let frameTime: number | null = null;
  let inFrame = 0;
  // Renders made outside a frame callback belong to the frame that follows them.
  let sinceFrame = 0;

  const draw = (time: number | null) => {
    render();
    renders++;
    free = false;
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

  const schedule = () => {
    if (!handle) handle = frames.request(onFrame);
  };

  function onFrame(time: number): void {
    handle = 0;
    // A second callback of a frame that has already rendered (a worker's frames can repeat a frame's
    // time when it runs late) waits for the next frame: never two renders in one frame.
    if (time === frameTime) {
      if (asked || owed) schedule();
      return;
    }
    if (owed) {
      // This frame shows the render made at once: it renders nothing more.
      owed = false;
      frameTime = time;
      sinceFrame = 0;
      free = !asked;
      if (asked) schedule();
      return;
    }
    if (!asked) {
      // The frame after a render: the next soon request may render at once.
      free = true;
      return;
    }
    asked = false;
    draw(time);
    // One more callback tells when this frame is over (a soon request waits until then).
    schedule();
  }

  return {
    request() {
      asked = true;
      schedule();
    },
    requestSoon() {
      if (!free || asked) {
        asked = true;
        schedule();
        return;
      }
      if (handle) frames.cancel(handle);
      handle = 0;
      draw(null);
      owed = true;
      schedule();
    },
    renderNow() {
      if (handle) frames.cancel(handle);
      handle = 0;
      asked = false;
      owed = false;
      draw(null);
    },
    pending: () => asked,
    cancel() {
      if (handle) frames.cancel(handle);
      handle = 0;
      asked = false;
    },
  };
}
