/**
 * Rasterises a block's masks as an RGBA overlay for the image view (and as textures for the 3D view), so
 * the renderer only has to `putImageData`. Pure and fast: it runs per block switch and per rate change in
 * a worker, and for every thumbnail of the filmstrip. Pixels are written as packed 32-bit words.
 */
import type { BlockMaskSet, MaskPlane } from './types';

export type Rgba = readonly [number, number, number, number];

export interface OverlayOptions {
  /** Output side in pixels (default 224, the network input; filmstrip thumbnails use less). */
  sidePx?: number;
  /** Binary decisions, or the soft score (keep − skip) as a diverging heatmap. */
  mode?: 'binary' | 'score';
  /** Tint of kept conv2/conv3 positions. */
  keep?: Rgba;
  /** Tint of skipped positions. */
  skip?: Rgba;
  /** Tint of positions only conv1 computes (its 3×3 dilation), binary mode. */
  conv1Extra?: Rgba;
  /** |score| that saturates the heatmap; default the block's largest |score|. */
  scoreScale?: number;
}

export const DEFAULT_OVERLAY_COLOURS = {
  keep: [0, 190, 110, 90] as Rgba,
  skip: [10, 10, 30, 150] as Rgba,
  conv1Extra: [255, 170, 0, 120] as Rgba,
};

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** RGBA bytes as one 32-bit word in platform byte order (so a Uint32Array write lays them out RGBA). */
function pack(c: Rgba): number {
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  const [r, g, b, a] = [byte(c[0]), byte(c[1]), byte(c[2]), byte(c[3])];
  return littleEndian
    ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

const axisLookups = new Map<number, Int32Array>();

/**
 * Index lookup from output pixel to a map of `size` cells along one axis (kept: a network has a few
 * sides and sizes, and the filmstrip asks for the same ones at every rate change). Read-only.
 */
export function axisLookup(side: number, size: number): Int32Array {
  const key = side * 65536 + size;
  let out = axisLookups.get(key);
  if (!out) {
    out = new Int32Array(side);
    for (let x = 0; x < side; x++) out[x] = Math.min(size - 1, Math.floor((x * size) / side));
    if (axisLookups.size < 256) axisLookups.set(key, out);
  }
  return out;
}

/** Any-group union of a grouped mask, as one plane (the common single-group case is returned as is). */
function unionPlane(mask: MaskPlane): Uint8Array {
  if (mask.groups === 1) return mask.data;
  const size = mask.height * mask.width;
  const out = new Uint8Array(size);
  for (let g = 0; g < mask.groups; g++) {
    for (let i = 0; i < size; i++)
      out[i] = (out[i] as number) | (mask.data[g * size + i] as number);
  }
  return out;
}

function scoreOverlay(
  block: BlockMaskSet,
  side: number,
  opts: OverlayOptions,
  words: Uint32Array,
): void {
  const score = block.gridScore;
  if (!score) return;
  const keep = opts.keep ?? DEFAULT_OVERLAY_COLOURS.keep;
  const skip = opts.skip ?? DEFAULT_OVERLAY_COLOURS.skip;
  const cells = score.height * score.width;
  let scale = opts.scoreScale ?? 0;
  if (!(scale > 0)) {
    for (let i = 0; i < cells; i++) scale = Math.max(scale, Math.abs(score.data[i] as number) || 0);
  }
  if (!(scale > 0)) scale = 1;
  // One colour per cell (group 0), then a nearest-neighbour blow-up.
  const cellColour = new Uint32Array(cells);
  for (let i = 0; i < cells; i++) {
    const s = score.data[i] as number;
    const t = Math.min(1, Math.abs(Number.isNaN(s) ? 0 : s) / scale);
    const c = s >= 0 ? keep : skip;
    cellColour[i] = pack([c[0], c[1], c[2], 40 + 180 * t]);
  }
  const ys = axisLookup(side, score.height);
  const xs = axisLookup(side, score.width);
  for (let y = 0; y < side; y++) {
    const row = (ys[y] as number) * score.width;
    const out = y * side;
    for (let x = 0; x < side; x++) words[out + x] = cellColour[row + (xs[x] as number)] as number;
  }
}

/**
 * RGBA pixels (`sidePx²·4`) of the block's overlay. Blocks without a spatial mask (channel mode) give a
 * fully transparent overlay: their decisions are drawn as the channel strip instead. Grouped masks show
 * a position as kept when any group keeps it; the heatmap uses group 0.
 */
export function rasterizeOverlay(
  block: BlockMaskSet,
  opts: OverlayOptions = {},
): Uint8ClampedArray {
  const side = opts.sidePx ?? 224;
  const out = new Uint8ClampedArray(side * side * 4);
  const words = new Uint32Array(out.buffer);
  if (opts.mode === 'score') {
    scoreOverlay(block, side, opts, words);
    return out;
  }
  const conv2 = block.conv2;
  if (!conv2) return out;
  const keep = pack(opts.keep ?? DEFAULT_OVERLAY_COLOURS.keep);
  const skip = pack(opts.skip ?? DEFAULT_OVERLAY_COLOURS.skip);
  const extra = pack(opts.conv1Extra ?? DEFAULT_OVERLAY_COLOURS.conv1Extra);
  const kept2 = unionPlane(conv2);
  const conv1 = block.conv1;
  const kept1 = conv1 ? unionPlane(conv1) : null;
  const ys2 = axisLookup(side, conv2.height);
  const xs2 = axisLookup(side, conv2.width);
  const ys1 = axisLookup(side, conv1?.height ?? 1);
  const xs1 = axisLookup(side, conv1?.width ?? 1);
  const width1 = conv1?.width ?? 1;
  for (let y = 0; y < side; y++) {
    const row2 = (ys2[y] as number) * conv2.width;
    const row1 = (ys1[y] as number) * width1;
    const o = y * side;
    for (let x = 0; x < side; x++) {
      if (kept2[row2 + (xs2[x] as number)]) words[o + x] = keep;
      else if (kept1 && kept1[row1 + (xs1[x] as number)]) words[o + x] = extra;
      else words[o + x] = skip;
    }
  }
  return out;
}
