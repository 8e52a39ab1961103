/**
 * The page side of the hardware charts' canvas worker: one worker for the page, started at the first
 * chart; null where this browser cannot hand a canvas to a worker (the charts then paint here).
 */
import type { BarsMessage } from './barsWorkerTypes';
import { canHandCanvasToWorker } from '../../worker/canvasTransfer';

let worker: Worker | null | undefined;
let nextId = 1;

function barsWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (!canHandCanvasToWorker()) return null;
  try {
    worker = new Worker(new URL('./barsCanvas.worker.ts', import.meta.url), {
      type: 'module',
      name: 'hardware-bars',
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** A chart's line to the worker: post what it draws; drop it when the chart goes. */
export interface BarsChannel {
  post(msg: BarsMessage): void;
  readonly id: number;
}

/** Canvases handed over, with their channel and a pending drop (see {@link releaseBarsCanvas}). */
const handedOver = new WeakMap<
  HTMLCanvasElement,
  { channel: BarsChannel; drop: ReturnType<typeof setTimeout> | undefined }
>();

/**
 * Hands `canvas` to the worker (a canvas can be handed over once: its size is then set there) and
 * returns the chart's channel, the same one for a canvas handed over before (an effect run again);
 * null where the worker is not available or the transfer fails (the chart paints on this thread).
 * A canvas with a channel can no longer be drawn on or resized here.
 */
export function attachBarsCanvas(canvas: HTMLCanvasElement): BarsChannel | null {
  const known = handedOver.get(canvas);
  if (known) {
    clearTimeout(known.drop);
    known.drop = undefined;
    return known.channel;
  }
  const w = barsWorker();
  if (!w) return null;
  let offscreen: OffscreenCanvas;
  try {
    offscreen = canvas.transferControlToOffscreen();
  } catch {
    return null; // already handed over elsewhere, or not allowed: the chart paints on this thread
  }
  const id = nextId++;
  const channel: BarsChannel = { id, post: (m) => w.postMessage(m) };
  handedOver.set(canvas, { channel, drop: undefined });
  const msg: BarsMessage = { kind: 'canvas', id, canvas: offscreen };
  w.postMessage(msg, [offscreen]);
  return channel;
}

/** The chart let go of `canvas`: the worker forgets it, unless it is attached again at once. */
export function releaseBarsCanvas(canvas: HTMLCanvasElement): void {
  const known = handedOver.get(canvas);
  if (!known) return;
  clearTimeout(known.drop);
  known.drop = setTimeout(() => known.channel.post({ kind: 'drop', id: known.channel.id }), 0);
}
