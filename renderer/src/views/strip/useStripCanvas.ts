import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { StripStage } from './stripData';
import type { BlockBox, StripColors } from './stripPlan';
import { sameFields } from '../../sameFields';
import { StripRenderer, stripRates, type StripMessage } from './stripRender';
import { canHandCanvasToWorker } from '../../worker/canvasTransfer';

export { fitsInside } from './stripRender';

/** Theme colours from the strip's computed style (read once per theme change). */
function readColors(el: HTMLElement): StripColors {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    panel: v('--panel', '#fff'),
    panel2: v('--panel-2', '#eee'),
    text: v('--text', '#111'),
    text2: v('--text-2', '#555'),
    stages: [1, 2, 3, 4].map((i) => v(`--stage-${i}`, '#888')),
    mono: v('--mono', 'monospace'),
  };
}

/** Button boxes relative to the strip (a layout read: only after a resize or a new set of blocks). */
function measure(strip: HTMLElement): Map<string, BlockBox> {
  const origin = strip.getBoundingClientRect();
  const boxes = new Map<string, BlockBox>();
  for (const b of strip.querySelectorAll<HTMLElement>('[data-block-key]')) {
    const r = b.getBoundingClientRect();
    boxes.set(b.dataset.blockKey!, {
      x: r.left - origin.left,
      y: r.top - origin.top,
      w: r.width,
      h: r.height,
    });
  }
  return boxes;
}

interface Drawn {
  stages: StripStage[];
  selected: string | null;
  gates: ReadonlyMap<string, boolean>;
}

/** What the sink was last sent: the blocks (with their rates, two per block) and what goes with them. */
interface Sent extends Drawn {
  rates: Float64Array;
}

/** The dynamics fields the compact rates message carries (stripRates); every other field is compared. */
const RATE_FIELDS: ReadonlySet<string> = new Set(['rate', 'channelRate']);
/** Nested parts, compared field by field below. */
const STAGE_NESTED: ReadonlySet<string> = new Set(['blocks']);
const BLOCK_NESTED: ReadonlySet<string> = new Set(['dynamics']);

/**
 * True when `a` and `b` hold the same blocks with the same settings, their rates aside. Every field of a
 * stage, a block and its dynamics is compared (rates and the nested `blocks`/`dynamics` aside, compared
 * field by field), so a field added to them later needs no change here.
 */
export function sameBlocks(a: readonly StripStage[], b: readonly StripStage[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let s = 0; s < a.length; s++) {
    const x = a[s]!;
    const y = b[s]!;
    if (!sameFields(x, y, STAGE_NESTED) || x.blocks.length !== y.blocks.length) return false;
    for (let i = 0; i < x.blocks.length; i++) {
      const p = x.blocks[i]!;
      const q = y.blocks[i]!;
      if (!sameFields(p, q, BLOCK_NESTED) || !sameFields(p.dynamics, q.dynamics, RATE_FIELDS))
        return false;
    }
  }
  return true;
}

function sameRates(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where the strip's drawing goes: its worker, or a renderer on this thread. */
interface StripSink {
  /** True when messages go to the worker (the canvas must be transferred to it first). */
  readonly offThread: boolean;
  post(msg: StripMessage, transfer?: Transferable[]): void;
  /** Draws what was posted (on this thread; the worker draws on arrival). */
  flush(): void;
}

let workerSink: StripSink | null | undefined;

/**
 * The strip's worker, started on first use and kept for the page (a canvas transferred to it cannot come
 * back, and a strip mounted again transfers its new canvas to the same worker). Null where this browser
 * cannot transfer a canvas or start a module worker.
 */
function stripWorker(): StripSink | null {
  if (workerSink !== undefined) return workerSink;
  workerSink = null;
  if (!canHandCanvasToWorker()) return null;
  try {
    const worker = new Worker(new URL('./stripCanvas.worker.ts', import.meta.url), {
      type: 'module',
      name: 'strip',
    });
    workerSink = {
      offThread: true,
      post: (msg, transfer) => worker.postMessage(msg, transfer ?? []),
      flush: () => undefined,
    };
  } catch {
    workerSink = null;
  }
  return workerSink;
}

/** A renderer on the page's thread (no OffscreenCanvas transfer here): draws at the next frame. */
function localSink(): StripSink {
  const renderer = new StripRenderer((job) => {
    if (typeof requestIdleCallback !== 'function') return () => undefined;
    const id = requestIdleCallback(job, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  });
  return {
    offThread: false,
    post: (msg) => renderer.handle(msg),
    flush: () => void renderer.paint(),
  };
}

/**
 * The page side of the strip's canvas. It measures the buttons (a layout read, after a resize or for new
 * blocks) and reads the theme's colours in an animation frame, and sends every change of the blocks to
 * the renderer: to the strip's worker at once (it draws off the main thread), or to a renderer on this
 * thread that draws at the next animation frame where the canvas cannot be transferred.
 */
export class StripPainter {
  private drawn: Drawn | null = null;
  /** What the current sink was last sent (null: nothing yet, or a new canvas). */
  private sent: Sent | null = null;
  /** The canvas element the sink draws on (null: not yet given to it), and the sink. */
  private canvas: HTMLCanvasElement | null = null;
  private sink: StripSink | null = null;
  private sized = false;
  private colored = false;
  private frame = 0;

  constructor(
    private readonly stripRef: RefObject<HTMLDivElement | null>,
    private readonly canvasRef: RefObject<HTMLCanvasElement | null>,
  ) {}

  /** Shows `drawn`: sent at once when the worker draws and knows the boxes, else at the next frame. */
  update(drawn: Drawn): void {
    this.drawn = drawn;
    if (this.sink?.offThread && this.ready()) this.sendDraw();
    else this.schedule();
  }

  /** The buttons moved (other blocks): measure their boxes again before the next paint. */
  remeasure(): void {
    this.sized = false;
    this.schedule();
  }

  resized = (): void => {
    this.sized = false;
    this.schedule();
  };

  themed = (): void => {
    this.colored = false;
    this.schedule();
  };

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** True when the sink draws on the current canvas with current boxes and colours. */
  private ready(): boolean {
    return this.sized && this.colored && this.canvas === this.canvasRef.current;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.flush();
    });
  }

  /**
   * Sends the blocks to draw. Where only rates differ from what was sent last, only the rates go (a
   * typed array, cheap to clone), and nothing goes where they are the same (an edit the strip does not
   * show, such as the batch size).
   */
  private sendDraw(): void {
    const d = this.drawn;
    if (!d || !this.sink) return;
    const sent = this.sent;
    const rates = stripRates(d.stages);
    if (
      sent &&
      sent.selected === d.selected &&
      sent.gates === d.gates &&
      sameBlocks(sent.stages, d.stages)
    ) {
      if (!sameRates(sent.rates, rates)) this.sink.post({ kind: 'rates', rates });
    } else {
      this.sink.post({ kind: 'draw', stages: d.stages, selected: d.selected, gates: [...d.gates] });
    }
    this.sent = { ...d, rates };
    this.sink.flush();
  }

  /** Gives the sink what it lacks (canvas, boxes, colours), then the blocks. */
  private flush(): void {
    const strip = this.stripRef.current;
    const canvas = this.canvasRef.current;
    if (!strip || !canvas || !this.drawn) return;
    if (canvas !== this.canvas) {
      this.canvas = canvas;
      this.sized = false;
      this.colored = false;
      this.sent = null;
      this.sink = this.attach(canvas);
      if (!this.sink) return;
    }
    const sink = this.sink;
    if (!sink) return;
    if (!this.sized) {
      const boxes = measure(strip);
      const dpr = window.devicePixelRatio || 1;
      const w = strip.clientWidth;
      const h = strip.clientHeight;
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      sink.post({
        kind: 'size',
        width: Math.round(w * dpr),
        height: Math.round(h * dpr),
        dpr: Math.round(w * dpr) / Math.max(1, w),
        boxes: [...boxes],
      });
      this.sized = true;
    }
    if (!this.colored) {
      sink.post({ kind: 'colors', colors: readColors(strip) });
      this.colored = true;
    }
    this.sendDraw();
  }

  /** Hands `canvas` to the worker where possible (once per element), else to a renderer here. */
  private attach(canvas: HTMLCanvasElement): StripSink | null {
    const worker = stripWorker();
    if (worker) {
      try {
        const offscreen = canvas.transferControlToOffscreen();
        worker.post({ kind: 'canvas', canvas: offscreen }, [offscreen]);
        return worker;
      } catch {
        // Already transferred (a canvas kept across mounts): nothing can draw on it from here.
        return null;
      }
    }
    const local = localSink();
    local.post({ kind: 'canvas', canvas });
    return local;
  }
}

/**
 * Draws the strip's pictures and rates on one canvas over the buttons, once per animation frame at
 * most: returns the painter, which the strip gives what to draw ({@link StripPainter.update}). A rate
 * change repaints the canvas from cached button boxes and theme colours: no DOM change in the strip, no
 * layout read. Boxes are re-measured after a resize or for new blocks (`structure`), colours after a
 * theme change.
 */
export function useStripCanvas(
  stripRef: RefObject<HTMLDivElement | null>,
  canvasRef: RefObject<HTMLCanvasElement | null>,
  structure: readonly StripStage[],
): StripPainter {
  const [painter] = useState(() => new StripPainter(stripRef, canvasRef));
  // Another model (other blocks): measure again.
  const keys = structure.map((st) => st.blocks.map((b) => b.key).join(',')).join(';');
  const lastKeys = useRef('');
  useLayoutEffect(() => {
    if (lastKeys.current === keys) return;
    lastKeys.current = keys;
    painter.remeasure();
  }, [painter, keys]);

  useEffect(() => {
    const strip = stripRef.current;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(painter.resized);
    if (strip) ro?.observe(strip);
    const mo = new MutationObserver(painter.themed);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    window.addEventListener('resize', painter.resized);
    // After a stop (another strip element, other blocks): measure and paint what was last given.
    painter.resized();
    return () => {
      ro?.disconnect();
      mo.disconnect();
      window.removeEventListener('resize', painter.resized);
      painter.stop();
    };
  }, [stripRef, painter, keys]);
  return painter;
}
