/**
 * A pre-drawn atlas of the network strip's canvas pieces: every block's pictures (mask grid, channel
 * groups, layer gate) at every rate the strip shows (0.00…1.00), and every rate text in every style, drawn
 * once into one ImageBitmap when the page is idle. A rate change then repaints each block as two bitmap
 * copies instead of a few dozen rectangles, a path fill and a text layout (the canvas was the largest
 * piece of script work of a rate change on every tab). Pieces the atlas lacks (before it is built, or a
 * rate between its steps that draws another picture) are drawn directly, as before.
 */
import type { StripBlock } from './stripData';
import {
  pictureKey,
  rateLabel,
  stripDrawPlan,
  type BlockBox,
  type DrawOp,
  type PlannedBlock,
  type StripColors,
} from './stripPlan';

/** A 2D context of a canvas or an offscreen canvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

type TextOp = Extract<DrawOp, { kind: 'text' }>;

/** A region of the atlas (device pixels). */
interface Region {
  sx: number;
  sy: number;
  w: number;
  h: number;
}

/** A block's pictures in the atlas, where they go on the strip, and its rate text's place and style. */
export interface PictureEntry extends Region {
  /** Top left corner on the strip canvas (device pixels). */
  dx: number;
  dy: number;
  /** The block's inside (CSS pixels) where its drawing would overflow it; null: nothing to cut. */
  clip: BlockBox | null;
  text: Omit<TextOp, 'kind' | 'text'> | null;
}

/** A rate text in the atlas; (ax, ay): its anchor (the text's centre) within the region. */
interface TextEntry extends Region {
  ax: number;
  ay: number;
}

/** Width of the atlas, device pixels (rows are added below as needed). */
const ATLAS_WIDTH = 1024;
/** Rates the atlas draws: the strip shows two decimals. */
const STEPS = 100;

/** The device-pixel box covering rectangles (strokes included), or null when there are none. */
export function opsBounds(
  ops: readonly DrawOp[],
  dpr: number,
): { x: number; y: number; w: number; h: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const op of ops) {
    if (op.kind !== 'rect') continue;
    const m = op.stroke ? (op.lineWidth ?? 1) / 2 : 0;
    x0 = Math.min(x0, op.x - m);
    y0 = Math.min(y0, op.y - m);
    x1 = Math.max(x1, op.x + op.w + m);
    y1 = Math.max(y1, op.y + op.h + m);
  }
  if (x0 === Infinity) return null;
  // One device pixel of margin for antialiasing.
  const x = Math.floor(x0 * dpr) - 1;
  const y = Math.floor(y0 * dpr) - 1;
  return { x, y, w: Math.ceil(x1 * dpr) + 1 - x, h: Math.ceil(y1 * dpr) + 1 - y };
}

/**
 * A block's plan split for the atlas: its pictures (rectangles), the clip it needs (see `fitsInside`)
 * and its rate text's place and style.
 */
export function blockPieces(
  ops: readonly DrawOp[],
  fitsInside: (ops: readonly DrawOp[], start: number, clip: BlockBox) => boolean,
): { rects: DrawOp[]; clip: BlockBox | null; text: PictureEntry['text'] } {
  const first = ops[0];
  const clip = first?.kind === 'clip' && !fitsInside(ops, 0, first) ? first : null;
  let text: PictureEntry['text'] = null;
  const rects: DrawOp[] = [];
  for (const op of ops) {
    if (op.kind === 'rect') rects.push(op);
    else if (op.kind === 'text') text = { x: op.x, y: op.y, color: op.color, font: op.font };
  }
  return { rects, clip: clip ? { x: clip.x, y: clip.y, w: clip.w, h: clip.h } : null, text };
}

/** The block at another rate (its channel rate too). */
export function atRate(block: StripBlock, rate: number): StripBlock {
  const d = block.dynamics;
  return { ...block, dynamics: { ...d, rate, channelRate: rate } };
}

/** Places regions left to right in rows ("shelves"). */
class Shelves {
  x = 0;
  y = 0;
  rowHeight = 0;
  place(w: number, h: number): { sx: number; sy: number } {
    if (this.x + w > ATLAS_WIDTH) {
      this.x = 0;
      this.y += this.rowHeight + 1;
      this.rowHeight = 0;
    }
    const at = { sx: this.x, sy: this.y };
    this.x += w + 1;
    this.rowHeight = Math.max(this.rowHeight, h);
    return at;
  }
}

/** The atlas of one strip at one pixel ratio and one set of colours. */
export class StripAtlas {
  private constructor(
    readonly bitmap: ImageBitmap,
    readonly dpr: number,
    readonly colors: StripColors,
    private readonly pictures: ReadonlyMap<string, PictureEntry>,
    private readonly texts: ReadonlyMap<string, TextEntry>,
  ) {}

  /**
   * Draws the atlas for `blocks` (their boxes, selection and gates as they are now) at every shown rate.
   * Null where the page has no OffscreenCanvas (the painter then draws every block directly).
   */
  static build(
    blocks: readonly PlannedBlock[],
    colors: StripColors,
    dpr: number,
    paint: (ctx: Context2D, ops: readonly DrawOp[]) => void,
    fitsInside: (ops: readonly DrawOp[], start: number, clip: BlockBox) => boolean,
  ): StripAtlas | null {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const shelves = new Shelves();
    const pictures = new Map<string, PictureEntry & { rects: DrawOp[] }>();
    const texts = new Map<string, TextEntry & { op: TextOp }>();
    const measure = new OffscreenCanvas(1, 1).getContext('2d');
    if (!measure) return null;
    for (const planned of blocks) {
      for (let step = 0; step <= STEPS; step++) {
        const block = atRate(planned.block, step / STEPS);
        const item = { ...planned, block };
        const key = pictureKey(block, item.box, item.selected, item.gate);
        const ops = stripDrawPlan([item], colors);
        if (!pictures.has(key)) {
          const { rects, clip, text } = blockPieces(ops, fitsInside);
          const bounds = opsBounds(rects, dpr);
          // A block without pictures (layer skipping without a gate, static) keeps its text's place.
          const at = bounds ? shelves.place(bounds.w, bounds.h) : { sx: 0, sy: 0 };
          pictures.set(key, {
            ...at,
            w: bounds?.w ?? 0,
            h: bounds?.h ?? 0,
            dx: bounds?.x ?? 0,
            dy: bounds?.y ?? 0,
            clip,
            text,
            rects,
          });
        }
        const textOp = ops.find((op): op is TextOp => op.kind === 'text');
        if (textOp) {
          const tkey = textKey(textOp.text, textOp.font, textOp.color);
          if (!texts.has(tkey)) {
            measure.font = textOp.font;
            const size = Number(/([\d.]+)px/.exec(textOp.font)?.[1] ?? 10);
            const w = Math.ceil(measure.measureText(textOp.text).width * dpr) + 4;
            const h = Math.ceil(size * 2 * dpr) + 2;
            texts.set(tkey, {
              ...shelves.place(w, h),
              w,
              h,
              ax: Math.round(w / 2),
              ay: Math.round(h / 2),
              op: textOp,
            });
          }
        }
      }
    }
    const canvas = new OffscreenCanvas(ATLAS_WIDTH, Math.max(1, shelves.y + shelves.rowHeight));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    for (const p of pictures.values()) {
      if (p.w === 0) continue;
      // The region holds the picture at the same device-pixel phase as on the strip.
      ctx.setTransform(dpr, 0, 0, dpr, p.sx - p.dx, p.sy - p.dy);
      paint(ctx, p.rects);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.globalAlpha = 1;
    for (const t of texts.values()) {
      ctx.setTransform(dpr, 0, 0, dpr, t.sx + t.ax, t.sy + t.ay);
      ctx.font = t.op.font;
      ctx.fillStyle = t.op.color;
      ctx.fillText(t.op.text, 0, 0);
    }
    const strip = (p: PictureEntry & { rects: DrawOp[] }): PictureEntry => {
      const { rects: _rects, ...entry } = p;
      return entry;
    };
    const plainText = (t: TextEntry & { op: TextOp }): TextEntry => {
      const { op: _op, ...entry } = t;
      return entry;
    };
    return new StripAtlas(
      canvas.transferToImageBitmap(),
      dpr,
      colors,
      new Map([...pictures].map(([k, p]) => [k, strip(p)])),
      new Map([...texts].map(([k, t]) => [k, plainText(t)])),
    );
  }

  /** The block's pictures, or undefined where the atlas lacks them. */
  picture(planned: PlannedBlock): PictureEntry | undefined {
    return this.pictures.get(
      pictureKey(planned.block, planned.box, planned.selected, planned.gate),
    );
  }

  /**
   * Copies a block's pictures and rate text (`entry` from {@link picture}); a text the atlas lacks is
   * drawn directly. The target's transform must be the identity (device pixels).
   */
  draw(target: Context2D, entry: PictureEntry, block: StripBlock): void {
    const { clip } = entry;
    if (clip) {
      target.save();
      target.beginPath();
      target.rect(clip.x * this.dpr, clip.y * this.dpr, clip.w * this.dpr, clip.h * this.dpr);
      target.clip();
    }
    if (entry.w > 0) {
      const { sx, sy, w, h } = entry;
      target.drawImage(this.bitmap, sx, sy, w, h, entry.dx, entry.dy, w, h);
    }
    const t = entry.text;
    if (t) {
      const text = rateLabel(block);
      const hit = this.texts.get(textKey(text, t.font, t.color));
      if (hit) {
        const x = Math.round(t.x * this.dpr) - hit.ax;
        const y = Math.round(t.y * this.dpr) - hit.ay;
        target.drawImage(this.bitmap, hit.sx, hit.sy, hit.w, hit.h, x, y, hit.w, hit.h);
      } else {
        target.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        target.globalAlpha = 1;
        target.font = t.font;
        target.fillStyle = t.color;
        target.textAlign = 'center';
        target.textBaseline = 'middle';
        target.fillText(text, t.x, t.y);
        target.setTransform(1, 0, 0, 1, 0, 0);
      }
    }
    if (clip) target.restore();
  }

  /** Releases the bitmap. */
  dispose(): void {
    this.bitmap.close();
  }
}

function textKey(text: string, font: string, color: string): string {
  return `${text}|${font}|${color}`;
}
