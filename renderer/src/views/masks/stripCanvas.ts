/**
 * The filmstrip's pictures and rates, drawn into canvases over the tiles (see Filmstrip.tsx): one canvas
 * per row of tiles, as large as that row's pictures and rates (not one canvas over the whole strip, with
 * its gaps and labels), and a row is drawn again only where its blocks changed. A changed canvas is
 * copied whole at the page's commit (software compositing): fewer and smaller changed canvases, less
 * copying per rate change.
 */
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { TILE_CSS_PX as TILE_PX } from './atlasRequest';
import { scaledInput } from './draw';
import { blockSkipped } from './selection';
import { baselineIn, rateText } from './tileText';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One row of tiles and its canvas (CSS pixels, relative to the strip's box; whole pixels). */
interface Band extends Box {
  keys: string[];
  canvas: HTMLCanvasElement;
  /** What each tile of the row shows now (its block and atlas), to draw only the tiles that changed. */
  tiles: Map<string, { block: BlockMaskSet; tiles: CanvasImageSource }>;
  /** What each rate's box shows now (colour and text), to draw only the rates that changed. */
  rates: Map<string, string>;
  /** Drawn since the tiles were measured (else its canvas may hold another placement's pixels). */
  drawn: boolean;
}

/** Where the tiles' pictures sit in the strip (CSS pixels), measured after a change of layout only. */
export interface Placement {
  at: Map<string, { x: number; y: number }>;
  /** The rates' boxes, where the canvases draw their text. */
  rates: Map<string, Box>;
  /** The rates' font (CSS shorthand), as the page sets it, and its ascent and descent. */
  font: string;
  ascent: number;
  descent: number;
  bands: Band[];
}

/** The elements `measure` reads: each tile's picture slot and rate box, by block key. */
export interface StripElements {
  slots: Map<string, HTMLElement>;
  rates: Map<string, HTMLElement>;
}

/** The rows of tiles: the tiles whose pictures share a top, and the box around their pictures and rates. */
function bandsOf(at: Placement['at'], rates: Placement['rates'], layer: HTMLElement): Band[] {
  // The layer's canvases are reused, row by row.
  const pool = Array.from(layer.children).filter(
    (el): el is HTMLCanvasElement => el instanceof HTMLCanvasElement,
  );
  const rows = new Map<number, string[]>();
  for (const [key, { y }] of at) {
    const row = rows.get(y);
    if (row) row.push(key);
    else rows.set(y, [key]);
  }
  const bands: Band[] = [];
  for (const keys of rows.values()) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    const grow = (x: number, y: number, w: number, h: number) => {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + w);
      y1 = Math.max(y1, y + h);
    };
    for (const key of keys) {
      const p = at.get(key) as { x: number; y: number };
      grow(p.x, p.y, TILE_PX, TILE_PX);
      // The rate's clear takes a pixel more on each side (the glyphs' antialiased edges).
      const r = rates.get(key);
      if (r) grow(r.x - 1, r.y, r.width + 2, r.height);
    }
    const x = Math.floor(x0);
    const y = Math.floor(y0);
    const reuse = pool[bands.length] ?? layer.ownerDocument.createElement('canvas');
    bands.push({
      x,
      y,
      width: Math.ceil(x1) - x,
      height: Math.ceil(y1) - y,
      keys,
      canvas: reuse,
      tiles: new Map(),
      rates: new Map(),
      drawn: false,
    });
  }
  // Canvases of rows that are gone leave; new rows' canvases join the layer.
  for (const canvas of pool.slice(bands.length)) canvas.remove();
  for (const band of bands) {
    if (band.canvas.parentElement !== layer) layer.appendChild(band.canvas);
    const s = band.canvas.style;
    const left = `${band.x}px`;
    const top = `${band.y}px`;
    if (s.left !== left) s.left = left;
    if (s.top !== top) s.top = top;
  }
  return bands;
}

/** One context to measure the rates' font with (a canvas and context per measure cost more than that). */
let fontProbe: CanvasRenderingContext2D | null | undefined;

/**
 * Measures the tiles (a layout read: after a change of layout only) and sets up one canvas per row in
 * `layer` (reusing the canvases it has).
 */
export function measure(host: HTMLElement, layer: HTMLElement, els: StripElements): Placement {
  const box = host.getBoundingClientRect();
  const at = new Map<string, { x: number; y: number }>();
  for (const [key, slot] of els.slots) {
    const r = slot.getBoundingClientRect();
    at.set(key, { x: Math.round(r.left - box.left), y: Math.round(r.top - box.top) });
  }
  const rates: Placement['rates'] = new Map();
  let font = '';
  for (const [key, el] of els.rates) {
    const r = el.getBoundingClientRect();
    rates.set(key, { x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height });
    if (!font) {
      const style = getComputedStyle(el);
      font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    }
  }
  let ascent = 0;
  let descent = 0;
  if (font && fontProbe === undefined)
    fontProbe = host.ownerDocument.createElement('canvas').getContext('2d');
  const probe = font ? fontProbe : null;
  if (probe) {
    probe.font = font;
    const metrics = probe.measureText('0');
    ascent = metrics.fontBoundingBoxAscent;
    descent = metrics.fontBoundingBoxDescent;
  }
  const bands = bandsOf(at, rates, layer);
  return { at, rates, font, ascent, descent, bands };
}

const pixelRatio = () => Math.max(1, Math.min(3, window.devicePixelRatio || 1));

/**
 * The band's context, ready to draw in the strip's CSS pixels; `again`: the canvas is as it was left
 * (the last draw's size), else it is sized (and so cleared) anew. Null without a 2D context.
 */
function bandContext(band: Band, again: boolean): CanvasRenderingContext2D | null {
  const ratio = pixelRatio();
  const width = Math.round(band.width * ratio);
  const height = Math.round(band.height * ratio);
  const canvas = band.canvas;
  const sized = canvas.width === width && canvas.height === height;
  if (again && sized) return canvas.getContext('2d');
  band.tiles.clear();
  band.rates.clear();
  const w = `${band.width}px`;
  const h = `${band.height}px`;
  if (canvas.style.width !== w) canvas.style.width = w;
  if (canvas.style.height !== h) canvas.style.height = h;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, -band.x * ratio, -band.y * ratio);
  ctx.clearRect(band.x, band.y, band.width, band.height);
  return ctx;
}

/** The rates' text of a row, drawn where the page would set it in their boxes (see tileText.ts). */
function drawRates(
  ctx: CanvasRenderingContext2D,
  placement: Placement,
  band: Band,
  blocks: readonly BlockMaskSet[],
  colour: string,
) {
  let styled = false;
  for (const block of blocks) {
    const r = placement.rates.get(block.key);
    if (!r) continue;
    const text = rateText(block);
    const look = `${colour}|${text}`;
    const before = band.rates.get(block.key);
    if (before === look) continue;
    band.rates.set(block.key, look);
    if (!styled) {
      styled = true;
      ctx.font = placement.font;
      ctx.fillStyle = colour;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
    }
    // No clip (a clip per tile cost more than the text): the text is as wide as its box; the clear
    // takes a pixel more on each side for the glyphs' antialiased edges.
    if (before !== undefined) ctx.clearRect(r.x - 1, r.y, r.width + 2, r.height);
    ctx.fillText(text, r.x, baselineIn(r.y, r.height, placement.ascent, placement.descent));
  }
}

/** One tile's picture at (x, y): the atlas's tile, over the photo for a dump's masks. */
function drawTile(
  ctx: CanvasRenderingContext2D,
  block: BlockMaskSet,
  atlas: MaskAtlas,
  photo: HTMLCanvasElement | null,
  x: number,
  y: number,
) {
  const { layout } = atlas;
  const side = layout.tilePx;
  const i = layout.index[block.key];
  ctx.globalAlpha = blockSkipped(block) ? 0.45 : 1;
  ctx.imageSmoothingEnabled = false;
  if (layout.composited) {
    // The worker's tiles have the photo and their rounded corners in them: one copy each.
    if (i !== undefined)
      ctx.drawImage(atlas.tiles, i * side, 0, side, side, x, y, TILE_PX, TILE_PX);
    return;
  }
  ctx.save();
  ctx.beginPath();
  if (typeof ctx.roundRect === 'function') ctx.roundRect(x, y, TILE_PX, TILE_PX, 3);
  else ctx.rect(x, y, TILE_PX, TILE_PX);
  ctx.clip();
  // A dump's tiles are drawn over the photo here.
  if (photo) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(photo, x, y, TILE_PX, TILE_PX);
    ctx.imageSmoothingEnabled = false;
  }
  // One copy of the tile (overlay and channel strip): drawn at the device pixel ratio, so 1:1.
  if (i !== undefined) ctx.drawImage(atlas.tiles, i * side, 0, side, side, x, y, TILE_PX, TILE_PX);
  ctx.restore();
}

/**
 * Draws the tiles into their rows' canvases, at the places of their picture slots. `redraw`: the tiles
 * are where they were at the last draw, so only the tiles and rates that changed are cleared and drawn
 * again (a row with no change is not touched); else every row is drawn from a clear canvas. `shown`:
 * whether a row's canvas is on screen; a row that is not is left as it is (it keeps the record of what
 * it shows, and a later draw brings it up to date). Returns whether a row was left behind so.
 */
export function drawStrip(
  placement: Placement,
  blocks: readonly BlockMaskSet[],
  atlas: MaskAtlas,
  input: ImageBitmap | null,
  colour: string,
  redraw = false,
  shown?: (canvas: HTMLCanvasElement) => boolean,
): boolean {
  const byKey = new Map(blocks.map((b) => [b.key, b]));
  let photo: HTMLCanvasElement | null | undefined;
  let held = false;
  for (const band of placement.bands) {
    const rows: BlockMaskSet[] = [];
    for (const key of band.keys) {
      const block = byKey.get(key);
      if (block) rows.push(block);
    }
    // A row not drawn since the tiles were measured is drawn whole.
    const again = redraw && band.drawn;
    const changed = rows.filter((b) => {
      const drawn = band.tiles.get(b.key);
      return !again || !drawn || drawn.block !== b || drawn.tiles !== atlas.tiles;
    });
    // A block that did not change shows the same rate (a new colour draws everything again).
    if (again && changed.length === 0) continue;
    if (shown && !shown(band.canvas)) {
      held = true;
      continue;
    }
    const ctx = bandContext(band, again);
    if (!ctx) continue;
    band.drawn = true;
    const over = band.tiles.size > 0 || band.rates.size > 0;
    const drawing = over ? changed : rows;
    if (drawing.length > 0) atlas.prepareTiles?.(drawing.map((b) => b.key));
    for (const block of drawing) {
      const place = placement.at.get(block.key);
      if (!place) continue;
      if (over) ctx.clearRect(place.x, place.y, TILE_PX, TILE_PX);
      photo ??= input && !atlas.layout.composited ? scaledInput(input, TILE_PX) : null;
      drawTile(ctx, block, atlas, photo, place.x, place.y);
      band.tiles.set(block.key, { block, tiles: atlas.tiles });
    }
    ctx.globalAlpha = 1;
    if (placement.font) drawRates(ctx, placement, band, rows, colour);
  }
  return held;
}
