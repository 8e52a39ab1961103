/**
 * The 3D view drawn on the page's main thread: the fallback where a worker cannot draw WebGL on an
 * OffscreenCanvas. The canvas's own events drive the orbit controls; a click picks a block.
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { countSpaceRender } from '../../perf/probe';
import { SpaceEngine } from './engine';
import type { SpaceHandle } from './handle';
import { toNdc } from './protocol';

/** Moves farther than this (CSS pixels) between press and release make a drag, not a click. */
export const CLICK_SLOP = 4;

export class PageSpace implements SpaceHandle {
  private readonly engine: SpaceEngine;
  private readonly resizeObserver: ResizeObserver;
  private pointerDown: { x: number; y: number } | null = null;
  private config: StudioConfig | null = null;
  onRendered: ((config: StudioConfig | null) => void) | null = null;

  /** @throws Error when no WebGL context can be created. */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onPick: (key: string) => void,
  ) {
    const host = canvas.parentElement ?? canvas;
    this.engine = new SpaceEngine(
      {
        canvas,
        element: canvas,
        pixelRatio: window.devicePixelRatio || 1,
        frames: {
          request: (cb) => requestAnimationFrame(cb),
          cancel: (h) => cancelAnimationFrame(h),
        },
      },
      host.clientWidth,
      host.clientHeight,
      () => {
        countSpaceRender();
        if (this.engine.hasRendered()) this.onRendered?.(this.config);
      },
    );
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointerup', this.onPointerUp);
    // Its first call (at once) renders the scene at the canvas's size.
    this.resizeObserver = new ResizeObserver(() =>
      this.engine.resize(host.clientWidth, host.clientHeight),
    );
    this.resizeObserver.observe(host);
  }

  setContent(
    blocks: readonly BlockMaskSet[],
    input: Uint8ClampedArray | null,
    config: StudioConfig | null,
  ): void {
    this.config = config;
    this.engine.setContent(blocks, input);
  }

  setSelected(key: string | null): void {
    this.engine.setSelected(key);
  }

  frameAll(): void {
    this.engine.frameAll();
  }

  hasRendered(): boolean {
    return this.engine.hasRendered();
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointerup', this.onPointerUp);
    this.engine.dispose();
  }

  private readonly onPointerDown = (e: PointerEvent) => {
    this.pointerDown = { x: e.clientX, y: e.clientY };
  };

  /** A click (not the end of a drag) picks the block under the pointer. */
  private readonly onPointerUp = (e: PointerEvent) => {
    const start = this.pointerDown;
    this.pointerDown = null;
    if (!start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP) return;
    const { x, y } = toNdc(e.clientX, e.clientY, this.canvas.getBoundingClientRect());
    const key = this.engine.pick(x, y);
    if (key) this.onPick(key);
  };
}
