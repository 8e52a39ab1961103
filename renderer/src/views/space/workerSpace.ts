/**
 * The 3D view drawn in a worker on an OffscreenCanvas (renderer/src/worker/space.worker.ts): the page's
 * main thread only posts mask deltas, the selection, the canvas size and the user's events; WebGL, the
 * texture uploads and the frames' submission to the compositor leave it. Renders are counted in the
 * worker and reported to the benchmarks' probe here.
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import type { SpaceHandle } from './handle';
import { CLICK_SLOP } from './pageSpace';
import {
  forwardEvent,
  SpaceFeed,
  toNdc,
  type FromSpaceWorker,
  type ToSpaceWorker,
} from './protocol';

/** True where a worker can be handed a canvas to draw WebGL 2 on. */
export function workerSpaceSupported(): boolean {
  try {
    if (
      typeof Worker === 'undefined' ||
      typeof OffscreenCanvas === 'undefined' ||
      typeof HTMLCanvasElement === 'undefined' ||
      !('transferControlToOffscreen' in HTMLCanvasElement.prototype)
    )
      return false;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    // Contexts are few: give the probe's back at once.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

/** Records one render made in the worker, with the renders of its animation frame, in the probe. */
function countWorkerRender(inFrame: number): void {
  const probe = typeof window === 'undefined' ? undefined : window.__laudnetProbe;
  if (!probe) return;
  probe.spaceRenders++;
  probe.spaceMaxRendersPerFrame = Math.max(probe.spaceMaxRendersPerFrame, inFrame);
}

export class WorkerSpace implements SpaceHandle {
  private readonly worker: Worker;
  private readonly host: HTMLElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly feed = new SpaceFeed();
  /** The configuration of each content message not yet drawn. */
  private readonly configs = new Map<number, StudioConfig | null>();
  private drawnConfig: StudioConfig | null = null;
  private rendered = false;
  private pointers = new Set<number>();
  private pointerDown: { x: number; y: number } | null = null;
  onRendered: ((config: StudioConfig | null) => void) | null = null;

  /** `onFailed`: the worker could not draw (the view then draws on the page, on a new canvas). */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onPick: (key: string) => void,
    private readonly onFailed: (message: string) => void,
  ) {
    this.host = canvas.parentElement ?? canvas;
    this.worker = new Worker(new URL('../../worker/space.worker.ts', import.meta.url), {
      type: 'module',
      name: 'space',
    });
    this.worker.onmessage = (e: MessageEvent<FromSpaceWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => this.onFailed(e.message || 'the 3D worker did not start');
    const offscreen = canvas.transferControlToOffscreen();
    this.post(
      {
        type: 'init',
        canvas: offscreen,
        width: this.host.clientWidth,
        height: this.host.clientHeight,
        pixelRatio: window.devicePixelRatio || 1,
      },
      [offscreen],
    );
    // The orbit controls' own setting on their element, here on the page's canvas.
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointercancel', this.onPointerUp);
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    canvas.addEventListener('contextmenu', this.onContextMenu);
    document.addEventListener('keydown', this.onKey, { capture: true, passive: true });
    document.addEventListener('keyup', this.onKey, { capture: true, passive: true });
    this.resizeObserver = new ResizeObserver(() => {
      const box = canvas.getBoundingClientRect();
      this.post({
        type: 'resize',
        width: this.host.clientWidth,
        height: this.host.clientHeight,
        left: box.left,
        top: box.top,
      });
    });
    this.resizeObserver.observe(this.host);
  }

  setContent(
    blocks: readonly BlockMaskSet[],
    input: Uint8ClampedArray | null,
    config: StudioConfig | null,
  ): void {
    const { message, transfer } = this.feed.next(blocks, input);
    this.configs.set(message.seq, config);
    this.post(message, transfer);
  }

  setSelected(key: string | null): void {
    this.post({ type: 'select', key });
  }

  frameAll(): void {
    this.post({ type: 'frameAll' });
  }

  hasRendered(): boolean {
    return this.rendered;
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    const c = this.canvas;
    c.removeEventListener('pointerdown', this.onPointerDown);
    c.removeEventListener('pointermove', this.onPointerMove);
    c.removeEventListener('pointerup', this.onPointerUp);
    c.removeEventListener('pointercancel', this.onPointerUp);
    c.removeEventListener('wheel', this.onWheel);
    c.removeEventListener('contextmenu', this.onContextMenu);
    document.removeEventListener('keydown', this.onKey, { capture: true });
    document.removeEventListener('keyup', this.onKey, { capture: true });
    this.worker.terminate();
  }

  private post(message: ToSpaceWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(m: FromSpaceWorker): void {
    if (m.type === 'rendered') {
      countWorkerRender(m.inFrame);
      if (m.seq === 0) return;
      if (this.configs.has(m.seq)) {
        this.drawnConfig = this.configs.get(m.seq) ?? null;
        for (const seq of this.configs.keys()) if (seq <= m.seq) this.configs.delete(seq);
      }
      this.rendered = true;
      this.onRendered?.(this.drawnConfig);
    } else if (m.type === 'picked') {
      if (m.key) this.onPick(m.key);
    } else {
      this.onFailed(m.message);
    }
  }

  private forward(e: Event): void {
    this.post({ type: 'event', event: forwardEvent(e) });
  }

  private readonly onPointerDown = (e: PointerEvent) => {
    this.pointers.add(e.pointerId);
    this.canvas.setPointerCapture(e.pointerId);
    this.pointerDown = { x: e.clientX, y: e.clientY };
    this.forward(e);
  };

  /** Moves matter to the controls only while a pointer is down (hovering sends nothing). */
  private readonly onPointerMove = (e: PointerEvent) => {
    if (this.pointers.has(e.pointerId)) this.forward(e);
  };

  private readonly onPointerUp = (e: PointerEvent) => {
    if (!this.pointers.delete(e.pointerId)) return;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    this.forward(e);
    const start = this.pointerDown;
    this.pointerDown = null;
    // A click (not the end of a drag) picks the block under the pointer.
    if (
      e.type === 'pointerup' &&
      start &&
      Math.hypot(e.clientX - start.x, e.clientY - start.y) <= CLICK_SLOP
    ) {
      const { x, y } = toNdc(e.clientX, e.clientY, this.canvas.getBoundingClientRect());
      this.post({ type: 'pick', x, y });
    }
  };

  private readonly onWheel = (e: WheelEvent) => {
    e.preventDefault();
    this.forward(e);
  };

  private readonly onContextMenu = (e: Event) => e.preventDefault();

  /** The controls track the Control key (ctrl + drag pans); other keys are not theirs. */
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Control' || e.key === 'Meta') this.forward(e);
  };
}
