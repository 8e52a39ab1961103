/**
 * Canvas helpers of the mask views. The pixel arithmetic (colour ramps, grid positions, strips) is pure
 * and unit-tested; the few functions that touch a canvas only blit what those produce.
 */
import type { PonderMap } from '../../../../core/maskfile/ponder';

export type Rgb = readonly [number, number, number];

/** Stops of the ponder ramp (perceptually ordered, dark → bright, readable for colour-blind users). */
const RAMP: readonly Rgb[] = [
  [48, 18, 59],
  [65, 69, 171],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Colour of `t` ∈ [0, 1] on the ponder ramp (linear between stops; out-of-range values clamp). */
export function rampColour(t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i] as Rgb;
  const b = RAMP[i + 1] as Rgb;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** CSS gradient of the ramp, for the legend. */
export function rampCss(): string {
  const stops = RAMP.map(
    (c, i) => `rgb(${c.join(' ')}) ${((i / (RAMP.length - 1)) * 100).toFixed(0)}%`,
  );
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Whether this machine stores a Uint32 least significant byte first (every browser's CPU does). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * RGBA pixels of the ponder map: count / `scaleMax` on the ramp. The scale is the number of blocks
 * (not the largest count) so that maps of two configurations compare by colour. `out` (of the map's
 * size) is written and returned instead of a new array.
 */
export function ponderRgba(
  ponder: PonderMap,
  scaleMax: number,
  alpha = 255,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const n = ponder.side * ponder.side;
  const rgba = out && out.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
  const scale = scaleMax > 0 ? scaleMax : 1;
  const { counts } = ponder;
  // Counts are small integers: one ramp colour per count value (a lookup table of whole pixels).
  let top = 0;
  for (let i = 0; i < counts.length; i++)
    if ((counts[i] as number) > top) top = counts[i] as number;
  const colours = new Uint32Array(top + 1);
  const bytes = new Uint8ClampedArray(colours.buffer);
  for (let count = 0; count <= top; count++) {
    const c = rampColour(count / scale);
    bytes.set([c[0], c[1], c[2], alpha], 4 * count);
  }
  if (LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
    for (let i = 0; i < n; i++) words[i] = colours[counts[i] as number] as number;
  } else {
    for (let i = 0; i < n; i++) {
      const o = 4 * (counts[i] as number);
      rgba.set(bytes.subarray(o, o + 4), 4 * i);
    }
  }
  return rgba;
}

/** Pixel offsets of the inner lines of a grid of `cells` cells over `sidePx` pixels. */
export function gridLineOffsets(sidePx: number, cells: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < cells; k++) out.push((k * sidePx) / cells);
  return out;
}

/** One pixel per channel group: kept groups in `keep`, skipped ones in `skip` (a 1-row RGBA strip). */
export function channelStripRgba(groups: Uint8Array, keep: Rgb, skip: Rgb): Uint8ClampedArray {
  const out = new Uint8ClampedArray(groups.length * 4);
  for (let g = 0; g < groups.length; g++) {
    const c = groups[g] ? keep : skip;
    out[4 * g] = c[0];
    out[4 * g + 1] = c[1];
    out[4 * g + 2] = c[2];
    out[4 * g + 3] = 255;
  }
  return out;
}

/**
 * Sizes a canvas's backing store for the device pixel ratio and returns its context in CSS pixels.
 * Null when the browser gives no 2D context (then the view shows nothing rather than crashing).
 */
export function prepareCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number) {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  return ctx;
}

/** A canvas holding raw RGBA pixels, ready to be scaled with `drawImage`. */
export function pixelsCanvas(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas;
}

const scaledInputs = new WeakMap<ImageBitmap, Map<number, HTMLCanvasElement>>();

/** The network input scaled once to `sidePx` (at the device pixel ratio), shared by every tile. */
export function scaledInput(input: ImageBitmap, sidePx: number): HTMLCanvasElement {
  let bySide = scaledInputs.get(input);
  if (!bySide) {
    bySide = new Map();
    scaledInputs.set(input, bySide);
  }
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const px = Math.round(sidePx * ratio);
  let canvas = bySide.get(px);
  if (!canvas) {
    canvas = document.createElement('canvas');
    canvas.width = px;
    canvas.height = px;
    const ctx = canvas.getContext('2d');
    ctx?.drawImage(input, 0, 0, px, px);
    bySide.set(px, canvas);
  }
  return canvas;
}

/** Draws crisp grid lines (the decision cells) over a square of `sidePx` at (x, y). */
export function drawGrid(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  sidePx: number,
  rows: number,
  cols: number,
  colour: string,
): void {
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const offset of gridLineOffsets(sidePx, cols)) {
    const px = Math.round(x + offset) + 0.5;
    ctx.moveTo(px, y);
    ctx.lineTo(px, y + sidePx);
  }
  for (const offset of gridLineOffsets(sidePx, rows)) {
    const py = Math.round(y + offset) + 0.5;
    ctx.moveTo(x, py);
    ctx.lineTo(x + sidePx, py);
  }
  ctx.stroke();
  ctx.restore();
}
