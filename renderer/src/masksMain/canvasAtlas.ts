/**
 * The painter's pictures (atlasPainter.ts) in canvases the mask cards copy from, as the worker's bitmaps
 * were: after each paint only the changed rectangles are put into them (a tile, an overlay, a strip row).
 * Every paint returns a new `MaskAtlas` object over the same canvases, so the cards draw again.
 */
import type { MaskAtlas, RgbaImage } from '../worker/masksAtlas';
import { AtlasPainter } from './atlasPainter';
import type { MaskerResult } from './masker';

interface Surface {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  data: ImageData | null;
}

function surface(): Surface {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  return { canvas, ctx: canvas.getContext('2d'), data: null };
}

/** Sizes the canvas to `image` and wraps its pixels (no copy); true when it was set up again. */
function bind(s: Surface, image: RgbaImage): boolean {
  if (s.data && s.data.data === image.rgba) return false;
  if (s.canvas.width !== image.width) s.canvas.width = image.width;
  if (s.canvas.height !== image.height) s.canvas.height = image.height;
  s.data = new ImageData(image.rgba as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  return true;
}

function putAll(s: Surface): void {
  if (s.data) s.ctx?.putImageData(s.data, 0, 0);
}

function put(s: Surface, x: number, y: number, w: number, h: number): void {
  if (s.data) s.ctx?.putImageData(s.data, 0, 0, x, y, w, h);
}

/**
 * Ascending indices as runs [from, to) of consecutive ones: one put per run (a rate change usually
 * changes every block, and one put of the row costs less than a put per tile).
 */
export function runs(indices: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

/** Proxy masks' pictures on the page for one photo and tile size. */
export class CanvasAtlas {
  private readonly painter: AtlasPainter;
  private readonly tiles = surface();
  private readonly overlays = surface();
  private readonly strips = surface();
  private readonly ponder = surface();

  constructor(tilePx: number, tileStripPx: number, tilePhoto: Uint8ClampedArray) {
    this.painter = new AtlasPainter(tilePx, tileStripPx, tilePhoto);
  }

  /** Paints `result`'s changes into the canvases; the atlas to hand to the cards. */
  apply(result: MaskerResult): MaskAtlas {
    const p = this.painter;
    const change = p.paint(result);
    const px = p.tilePx;
    // The tiles are painted and put when the filmstrip asks for them (prepareTiles).
    bind(this.tiles, p.tiles);
    if (bind(this.overlays, p.overlays) || change.rebuilt) putAll(this.overlays);
    if (p.strips) {
      if (bind(this.strips, p.strips) || change.rebuilt) putAll(this.strips);
      else
        for (const [from, to] of runs(change.strips))
          put(this.strips, 0, from, p.strips.width, to - from);
    }
    bind(this.ponder, p.ponder);
    putAll(this.ponder);
    return {
      layout: p.layout!,
      tiles: this.tiles.canvas,
      overlays: this.overlays.canvas,
      strips: p.strips ? this.strips.canvas : null,
      ponder: this.ponder.canvas,
      prepareTiles: (keys) => {
        for (const [from, to] of runs(p.paintTiles(keys)))
          put(this.tiles, from * px, 0, (to - from) * px, px);
      },
      prepare: (key, mode) => {
        for (const r of p.paintOverlays(key, mode)) put(this.overlays, r.x, r.y, r.side, r.side);
      },
    };
  }
}
