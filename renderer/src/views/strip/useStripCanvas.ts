import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
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

interface Drawn {
  stages: StripStage[];
  selected: string | null;
  gates: ReadonlyMap<string, boolean>;
}

/** Paints at most once per animation frame from cached boxes and colours. */
export class StripPainter {
  drawn: Drawn | null = null;
  boxes: Map<string, BlockBox> | null = null;
  colors: StripColors | null = null;
  /** Pre-drawn pictures and texts (see stripSprites.ts), and what they were drawn for. */
  atlas: StripAtlas | null = null;
  atlasBasis = '';
  atlasJob = 0;
  frame = 0;

  constructor(
    private readonly stripRef: RefObject<HTMLDivElement | null>,
    private readonly canvasRef: RefObject<HTMLCanvasElement | null>,
  ) {}

  /** Paints `drawn` at the next animation frame (the last one given by then). */
  update(drawn: Drawn): void {
    this.drawn = drawn;
    this.schedule();
  }

  /** The buttons moved (other blocks): measure their boxes again before the next paint. */
  remeasure(): void {
    this.boxes = null;
    this.schedule();
  }

  resized = (): void => {
    this.boxes = null;
    this.schedule();
  };

  themed = (): void => {
    this.colors = null;
    this.schedule();
  };

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.atlasJob) cancelIdleCallback(this.atlasJob);
    this.atlasJob = 0;
    this.atlas?.dispose();
    this.atlas = null;
    this.atlasBasis = '';
  }

  /**
   * Builds the atlas for the blocks as drawn now when the page is idle, unless the current one was built
   * for the same blocks, boxes and colours (then what it lacks is a picture between its rate steps).
   */
  private scheduleAtlas(planned: PlannedBlock[], colors: StripColors, dpr: number): void {
    if (this.atlasJob || typeof requestIdleCallback !== 'function') return;
    const basis = atlasBasis(planned, dpr);
    if (this.atlas?.colors === colors && basis === this.atlasBasis) return;
    this.atlasJob = requestIdleCallback(
      () => {
        this.atlasJob = 0;
        const atlas = StripAtlas.build(planned, colors, dpr, paint, fitsInside);
        this.atlas?.dispose();
        this.atlas = atlas;
        this.atlasBasis = basis;
      },
      { timeout: 2000 },
    );
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paintNow();
    });
  }

  private paintNow(): void {
    const strip = this.stripRef.current;
    const canvas = this.canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!strip || !canvas || !ctx || !this.drawn) return;
    if (!this.boxes) {
      this.boxes = measure(strip);
      const dpr = window.devicePixelRatio || 1;
      const w = strip.clientWidth;
      const h = strip.clientHeight;
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    this.colors ??= readColors(strip);
    const colors = this.colors;
    const dpr = canvas.width / Math.max(1, strip.clientWidth);
    const boxes = this.boxes;
    const { stages, selected, gates } = this.drawn;
    const planned = stages.flatMap((st) =>
      st.blocks.flatMap((block) => {
        const box = boxes.get(block.key);
        return box
          ? [{ block, box, selected: block.key === selected, gate: gates.get(block.key) }]
          : [];
      }),
    );
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
    if (missing) this.scheduleAtlas(planned, colors, dpr);
  }
}

/** What an atlas is drawn for: the blocks' pictures at rate 0 where they are, and the pixel ratio. */
function atlasBasis(planned: readonly PlannedBlock[], dpr: number): string {
  return `${dpr};${planned.map((p) => pictureKey(atRate(p.block, 0), p.box, p.selected, p.gate)).join(';')}`;
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
