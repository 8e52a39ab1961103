/**
 * The strip canvas's drawing, without the DOM: the painter ({@link StripRenderer}) that runs in the strip's
 * worker on a transferred OffscreenCanvas (stripCanvas.worker.ts), or on the page where the browser
 * cannot transfer a canvas. It receives what to draw as {@link StripMessage}s: the canvas, the button
 * boxes and pixel ratio (after a resize or new blocks), the theme colours, and the blocks with their
 * rates, selection and layer gates (every change).
 */
import type { StripStage } from './stripData';
import {
  pictureKey,
  stripDrawPlan,
  type BlockBox,
  type DrawOp,
  type PlannedBlock,
  type StripColors,
} from './stripPlan';
import { atRate, StripAtlas, type Context2D } from './stripSprites';

/** A canvas the renderer draws on: an OffscreenCanvas (worker) or the page's canvas (fallback). */
export interface StripCanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): Context2D | null;
}

/** What the strip's page side sends its renderer (structured-cloneable; the canvas is transferred). */
export type StripMessage =
  | { kind: 'canvas'; canvas: StripCanvasLike }
  | {
      kind: 'size';
      /** Backing store size, device pixels. */
      width: number;
      height: number;
      dpr: number;
      /** Each block button's box relative to the strip, CSS pixels. */
      boxes: [string, BlockBox][];
    }
  | { kind: 'colors'; colors: StripColors }
  | {
      kind: 'draw';
      stages: StripStage[];
      selected: string | null;
      /** Layer gates of the image shown in the masks views: block key → on. */
      gates: [string, boolean][];
    }
  | {
      /**
       * New rates for the blocks of the last `draw` (same blocks, settings, selection and gates): two
       * numbers per block in stage and block order, its rate and channel rate. A rate change sends
       * this instead of the whole blocks (its structured clone cost the page's main thread more).
       */
      kind: 'rates';
      rates: Float64Array;
    };

/** The two numbers per block of a `rates` message, in stage and block order. */
export function stripRates(stages: readonly StripStage[]): Float64Array {
  let n = 0;
  for (const st of stages) n += st.blocks.length;
  const rates = new Float64Array(2 * n);
  let i = 0;
  for (const st of stages)
    for (const b of st.blocks) {
      rates[i++] = b.dynamics.rate;
      rates[i++] = b.dynamics.channelRate;
    }
  return rates;
}

/** `stages` with the rates of a `rates` message; null when the message does not fit their blocks. */
export function withRates(stages: readonly StripStage[], rates: Float64Array): StripStage[] | null {
  let n = 0;
  for (const st of stages) n += st.blocks.length;
  if (rates.length !== 2 * n) return null;
  let i = 0;
  return stages.map((st) => ({
    ...st,
    blocks: st.blocks.map((b) => {
      const rate = rates[i++]!;
      const channelRate = rates[i++]!;
      return { ...b, dynamics: { ...b.dynamics, rate, channelRate } };
    }),
  }));
}

/** Width of monospace text relative to its size (a generous estimate, for the clip test only). */
const MONO_ADVANCE = 0.65;

/**
 * True when everything drawn between the clip at `start` and its unclip lies inside the clip (strokes
 * and estimated text extents included), so clipping would cut nothing.
 */
export function fitsInside(ops: readonly DrawOp[], start: number, clip: BlockBox): boolean {
  const inside = (x: number, y: number, w: number, h: number) =>
    x >= clip.x && y >= clip.y && x + w <= clip.x + clip.w && y + h <= clip.y + clip.h;
  for (let j = start + 1; j < ops.length; j++) {
    const op = ops[j]!;
    if (op.kind === 'unclip') return true;
    if (op.kind === 'clip') return false;
    if (op.kind === 'rect') {
      const m = op.stroke ? (op.lineWidth ?? 1) / 2 : 0;
      if (!inside(op.x - m, op.y - m, op.w + 2 * m, op.h + 2 * m)) return false;
    } else {
      const size = Number(/([\d.]+)px/.exec(op.font)?.[1] ?? NaN);
      const w = op.text.length * size * MONO_ADVANCE;
      if (!(size > 0) || !inside(op.x - w / 2, op.y - size / 2, w, size)) return false;
    }
  }
  return false;
}

/** A plain filled rectangle (no stroke, no rounding): runs of these with one fill become one path. */
function plainFill(op: DrawOp): op is Extract<DrawOp, { kind: 'rect' }> & { fill: string } {
  return op.kind === 'rect' && !op.stroke && !op.radius && op.fill !== undefined;
}

/**
 * Paints the plan. Consecutive plain rectangles of one fill and alpha (a mask picture's kept cells) are
 * filled as one path, and font, colour and alpha are assigned only when they change: the canvas parses
 * each assigned font and colour string, and a rate change repaints every block.
 */
function paint(ctx: Context2D, ops: readonly DrawOp[]): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let font = '';
  let fillStyle = '';
  let alpha = 1;
  ctx.globalAlpha = 1;
  const setFill = (color: string) => {
    if (color !== fillStyle) ctx.fillStyle = fillStyle = color;
  };
  const setAlpha = (a: number) => {
    if (a !== alpha) ctx.globalAlpha = alpha = a;
  };
  // Per open clip: whether it was applied (a clip that would cut nothing is skipped, with its save).
  const clips: boolean[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'clip') {
      const needed = !fitsInside(ops, i, op);
      clips.push(needed);
      if (!needed) continue;
      ctx.save();
      ctx.beginPath();
      ctx.rect(op.x, op.y, op.w, op.h);
      ctx.clip();
      continue;
    }
    if (op.kind === 'unclip') {
      if (!clips.pop()) continue;
      ctx.restore(); // restores the font, colour and alpha of the save: assign them again
      font = '';
      fillStyle = '';
      alpha = ctx.globalAlpha;
      continue;
    }
    if (op.kind === 'text') {
      setAlpha(1);
      if (op.font !== font) ctx.font = font = op.font;
      setFill(op.color);
      ctx.fillText(op.text, op.x, op.y);
      continue;
    }
    setAlpha(op.alpha ?? 1);
    ctx.beginPath();
    if (plainFill(op)) {
      ctx.rect(op.x, op.y, op.w, op.h);
      // Following rectangles of the same fill and alpha join this path.
      for (let next = ops[i + 1]; next && plainFill(next); next = ops[i + 1]) {
        if (next.fill !== op.fill || (next.alpha ?? 1) !== (op.alpha ?? 1)) break;
        ctx.rect(next.x, next.y, next.w, next.h);
        i++;
      }
      setFill(op.fill);
      ctx.fill();
      continue;
    }
    if (op.radius) ctx.roundRect(op.x, op.y, op.w, op.h, op.radius);
    else ctx.rect(op.x, op.y, op.w, op.h);
    if (op.fill) {
      setFill(op.fill);
      ctx.fill();
    }
    if (op.stroke) {
      ctx.strokeStyle = op.stroke;
      ctx.lineWidth = op.lineWidth ?? 1;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

/** What an atlas is drawn for: the blocks' pictures at rate 0 where they are, and the pixel ratio. */
function atlasBasis(planned: readonly PlannedBlock[], dpr: number): string {
  return `${dpr};${planned.map((p) => pictureKey(atRate(p.block, 0), p.box, p.selected, p.gate)).join(';')}`;
}

/**
 * Runs `job` once the strip has been still for a moment (no new message); returns the function that
 * cancels it. The renderer cancels and asks again at each paint while a job is pending, so the job runs
 * only after the last change of a drag.
 */
export type IdleScheduler = (job: () => void) => () => void;

/** The blocks to draw with where and how: what a paint and an atlas are made from. */
interface Plan {
  canvas: StripCanvasLike;
  ctx: Context2D;
  planned: PlannedBlock[];
  colors: StripColors;
  dpr: number;
}

/**
 * Draws the strip from the messages it is given: {@link handle} records them, {@link paint} draws the
 * latest blocks on the latest canvas (nothing until it has a canvas, boxes, colours and blocks). Blocks
 * are copied from a pre-drawn atlas (stripSprites.ts) once one is built. A paint that lacks the atlas
 * (other blocks, boxes, selection, gates, colours or pixel ratio) asks for one to be built when the
 * strip is still, for the blocks shown then: building it takes a worker tens of milliseconds, which
 * would compete with the page for the cores during a drag.
 */
export class StripRenderer {
  private canvas: StripCanvasLike | null = null;
  private boxes: Map<string, BlockBox> | null = null;
  private dpr = 1;
  private colors: StripColors | null = null;
  private frame: {
    stages: StripStage[];
    selected: string | null;
    gates: Map<string, boolean>;
  } | null = null;
  private atlas: StripAtlas | null = null;
  private atlasBasis = '';
  private cancelAtlas: (() => void) | null = null;
  /** Paints made so far (for tests and the worker's reply). */
  paints = 0;
  /** Atlases built so far (for tests). */
  atlasBuilds = 0;

  constructor(private readonly idle: IdleScheduler) {}

  /** Records a message (a new canvas or size resizes the backing store at once). */
  handle(msg: StripMessage): void {
    switch (msg.kind) {
      case 'canvas':
        this.canvas = msg.canvas;
        this.boxes = null; // a new canvas waits for its size
        this.dropAtlas();
        break;
      case 'size':
        this.boxes = new Map(msg.boxes);
        this.dpr = msg.dpr;
        if (this.canvas) {
          if (this.canvas.width !== msg.width) this.canvas.width = msg.width;
          if (this.canvas.height !== msg.height) this.canvas.height = msg.height;
        }
        break;
      case 'colors':
        this.colors = msg.colors;
        break;
      case 'draw':
        this.frame = { stages: msg.stages, selected: msg.selected, gates: new Map(msg.gates) };
        break;
      case 'rates': {
        const stages = this.frame && withRates(this.frame.stages, msg.rates);
        if (this.frame && stages) this.frame = { ...this.frame, stages };
        break;
      }
    }
  }

  /** The latest blocks with their boxes; null until a canvas, boxes, colours and blocks have come. */
  private plan(): Plan | null {
    const { canvas, boxes, colors, frame } = this;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !boxes || !colors || !frame) return null;
    const planned: PlannedBlock[] = [];
    for (const st of frame.stages)
      for (const block of st.blocks) {
        const box = boxes.get(block.key);
        if (box)
          planned.push({
            block,
            box,
            selected: block.key === frame.selected,
            gate: frame.gates.get(block.key),
          });
      }
    return { canvas, ctx, planned, colors, dpr: this.dpr };
  }

  /** Draws the latest blocks; false when something it needs has not arrived yet. */
  paint(): boolean {
    const plan = this.plan();
    if (!plan) return false;
    const { canvas, ctx, planned, colors, dpr } = plan;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const atlas = this.atlas?.dpr === dpr && this.atlas.colors === colors ? this.atlas : null;
    let missing = false;
    for (const item of planned) {
      const entry = atlas?.picture(item);
      if (atlas && entry) {
        atlas.draw(ctx, entry, item.block);
        continue;
      }
      missing = true;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint(ctx, stripDrawPlan([item], colors));
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
    // A pending build waits for the strip to be still; a missing picture between the atlas's rate
    // steps (same blocks, boxes and colours) needs no new atlas.
    if (this.cancelAtlas || (missing && !this.atlasFor(plan))) this.scheduleAtlas();
    this.paints++;
    return true;
  }

  /** Releases the atlas and any pending build. */
  dispose(): void {
    this.dropAtlas();
  }

  private dropAtlas(): void {
    this.cancelAtlas?.();
    this.cancelAtlas = null;
    this.atlas?.dispose();
    this.atlas = null;
    this.atlasBasis = '';
  }

  /** True when the atlas was built for the plan's blocks, boxes, colours and pixel ratio. */
  private atlasFor(plan: Plan): boolean {
    return (
      this.atlas?.colors === plan.colors &&
      this.atlas.dpr === plan.dpr &&
      atlasBasis(plan.planned, plan.dpr) === this.atlasBasis
    );
  }

  /** Asks (again) for a still moment, then builds the atlas for the blocks shown at that moment. */
  private scheduleAtlas(): void {
    this.cancelAtlas?.();
    this.cancelAtlas = this.idle(() => {
      this.cancelAtlas = null;
      const plan = this.plan();
      if (!plan || this.atlasFor(plan)) return;
      const atlas = StripAtlas.build(plan.planned, plan.colors, plan.dpr, paint, fitsInside);
      this.atlasBuilds++;
      this.atlas?.dispose();
      this.atlas = atlas;
      this.atlasBasis = atlasBasis(plan.planned, plan.dpr);
      // The canvas already shows these blocks (drawn directly); the next change copies them.
    });
  }
}
