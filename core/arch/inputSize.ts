/**
 * Input sizes other than 224×224 (detection and segmentation inputs such as 800×1333): reading them
 * liberally, validating them strictly, and the feature-map sizes each stage gets from conv arithmetic.
 * Sizes are height × width; width is the contiguous dimension of the reference searches, so the order
 * matters.
 */
import type { ArchitectureSpec } from './types';

/** A network input size in pixels, height × width. */
export interface InputSize {
  height: number;
  width: number;
}

/**
 * Bounds on each side. Below 32 the last stage of every shipped backbone collapses to 1×1; above 4096
 * the per-patch views and FLOPs tables get unwieldy (and no detection benchmark uses more).
 */
export const INPUT_SIZE_LIMITS = { min: 32, max: 4096 } as const;

/** Result of reading an input size: the size, or a message saying what was expected and what was found. */
export type InputSizeParse = { ok: true; size: InputSize } | { ok: false; error: string };

const EXPECTED = 'expected a side (224), "HxW" (800x1333), [height, width] or {height, width}';

function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function checkSide(what: string, v: number): string | null {
  const { min, max } = INPUT_SIZE_LIMITS;
  if (!Number.isInteger(v)) return `${what}: ${v} is not a whole number of pixels`;
  if (v < min || v > max) return `${what}: ${v} is outside ${min} to ${max} pixels`;
  return null;
}

function fromSides(h: unknown, w: unknown, raw: unknown): InputSizeParse {
  if (typeof h !== 'number' || typeof w !== 'number' || Number.isNaN(h) || Number.isNaN(w))
    return { ok: false, error: `${EXPECTED}, got ${shown(raw)}` };
  const problem = checkSide('height', h) ?? checkSide('width', w);
  return problem ? { ok: false, error: problem } : { ok: true, size: { height: h, width: w } };
}

/**
 * Reads an input size from a number (square side), a string ("800x1333", "800×1333", "800 X 1333",
 * "224"), a `[height, width]` pair or a `{height, width}` object. Each side must be a whole number of
 * pixels within {@link INPUT_SIZE_LIMITS}. Never throws.
 */
export function parseInputSize(value: unknown): InputSizeParse {
  if (value === undefined || value === null) return { ok: false, error: `missing (${EXPECTED})` };
  if (typeof value === 'number') return fromSides(value, value, value);
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(?:[x×X*,]\s*(\d+(?:\.\d+)?))?\s*(?:px)?\s*$/.exec(value);
    if (!m) return { ok: false, error: `${EXPECTED}, got ${shown(value)}` };
    const h = Number(m[1]);
    return fromSides(h, m[2] === undefined ? h : Number(m[2]), value);
  }
  if (Array.isArray(value)) {
    if (value.length === 1) return fromSides(value[0], value[0], value);
    if (value.length !== 2) return { ok: false, error: `${EXPECTED}, got ${shown(value)}` };
    return fromSides(value[0], value[1], value);
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'height' && k !== 'width');
    if (extra.length > 0) return { ok: false, error: `${EXPECTED}, got ${shown(value)}` };
    return fromSides(o.height, o.width, value);
  }
  return { ok: false, error: `${EXPECTED}, got ${shown(value)}` };
}

/** True for a square size. */
export function isSquare(size: InputSize): boolean {
  return size.height === size.width;
}

/** "800×1333" (display); `ascii` gives "800x1333", the form the CLI reads. */
export function formatInputSize(size: InputSize, ascii = false): string {
  return `${size.height}${ascii ? 'x' : '×'}${size.width}`;
}

/** Output side of a convolution or pooling layer: ⌊(n + 2p − k) / s⌋ + 1. */
export function convOutputSide(n: number, kernel: number, stride: number, pad: number): number {
  return Math.floor((n + 2 * pad - kernel) / stride) + 1;
}

/** Feature-map size after each layer that changes it: the stem conv, the max-pool, each stage. */
export interface FeatureSizes {
  stemConv: InputSize;
  /** After the max-pool (ResNet) or equal to `stemConv` (RegNet). */
  stem: InputSize;
  /** Output size of each stage. */
  stages: InputSize[];
}

/**
 * Feature sizes of an architecture at an input size, by conv arithmetic: the stem conv (k×k, stride s,
 * padding ⌊k/2⌋), the 3×3 stride-2 max-pool with padding 1 (ResNet), then each stage's first 3×3 conv
 * (stride `firstStride`, padding 1). At 224 this gives 112, 56, 56, 28, 14, 7 for ResNet; at 800×1333,
 * 400×667, 200×334, 200×334, 100×167, 50×84, 25×42.
 */
export function featureSizes(arch: ArchitectureSpec, size: InputSize): FeatureSizes {
  const { kernel, stride, maxPool } = arch.stem;
  const pad = Math.floor(kernel / 2);
  const side = (n: number, k: number, s: number, p: number) => convOutputSide(n, k, s, p);
  // An even stem kernel (custom architectures only) keeps "same" padding: ⌈n / s⌉, as the FLOPs count.
  const stemSide = (n: number) =>
    kernel % 2 === 1 ? side(n, kernel, stride, pad) : Math.ceil(n / stride);
  const stemConv = { height: stemSide(size.height), width: stemSide(size.width) };
  const stem = maxPool
    ? { height: side(stemConv.height, 3, 2, 1), width: side(stemConv.width, 3, 2, 1) }
    : stemConv;
  let cur = stem;
  const stages = arch.stages.map((s) => {
    cur = {
      height: side(cur.height, 3, s.firstStride, 1),
      width: side(cur.width, 3, s.firstStride, 1),
    };
    return cur;
  });
  return { stemConv, stem, stages };
}

/** The input size an architecture is defined at (its stored `inputSize`, and `inputWidth` when set). */
export function nativeInputSize(arch: ArchitectureSpec): InputSize {
  return { height: arch.inputSize, width: arch.inputWidth ?? arch.inputSize };
}

/** Output size of stage `i` (height = `outResolution`, width = `outWidth` or the same). */
export function stageOutputSize(arch: ArchitectureSpec, i: number): InputSize {
  const s = arch.stages[i];
  if (!s) return { height: 1, width: 1 };
  return { height: s.outResolution, width: s.outWidth ?? s.outResolution };
}

/**
 * The architecture at another input size: each stage's `outResolution` (height) and `outWidth` from
 * {@link featureSizes}. Returns the same object when the size is the architecture's own, so results at
 * 224 are computed from the very same data as before. For a non-square size the stem and stride
 * arithmetic of each side is independent.
 * @throws RangeError when a side is outside {@link INPUT_SIZE_LIMITS}.
 */
export function architectureAtSize(arch: ArchitectureSpec, size: InputSize): ArchitectureSpec {
  const native = nativeInputSize(arch);
  if (size.height === native.height && size.width === native.width) return arch;
  const problem =
    checkSide('inputSize height', size.height) ?? checkSide('inputSize width', size.width);
  if (problem) throw new RangeError(problem);
  const sizes = featureSizes(arch, size);
  const square = isSquare(size);
  const stages = arch.stages.map((s, i) => {
    const out = sizes.stages[i]!;
    const { outWidth: _drop, ...rest } = s;
    void _drop;
    return square
      ? { ...rest, outResolution: out.height }
      : { ...rest, outResolution: out.height, outWidth: out.width };
  });
  const { inputWidth: _w, ...base } = arch;
  void _w;
  return square
    ? { ...base, inputSize: size.height, stages }
    : { ...base, inputSize: size.height, inputWidth: size.width, stages };
}

/** Greatest common divisor of two positive integers. */
function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Patch sides S that tile an h×w map exactly (whole patches on both sides): the divisors of gcd(h, w). */
export function exactGranularities(size: InputSize): number[] {
  const g = gcd(size.height, size.width);
  const out: number[] = [];
  for (let d = 1; d <= g; d++) if (g % d === 0) out.push(d);
  return out;
}

/**
 * Which sides S leaves a partial border patch on: the reference predictor counts ⌈h/S⌉·⌈w/S⌉ patches
 * (the ceiling rule), so a side not divisible by S gets one narrower row or column of patches.
 */
export function partialSides(size: InputSize, S: number): { height: boolean; width: boolean } {
  return { height: size.height % S !== 0, width: size.width % S !== 0 };
}

/** "partial border patches on the width (167 = 41·4 + 3)" or null when S tiles the map exactly. */
export function partialPatchNote(size: InputSize, S: number): string | null {
  const p = partialSides(size, S);
  if (!p.height && !p.width) return null;
  const side = (n: number) => `${n} = ${Math.floor(n / S)}·${S} + ${n % S}`;
  const parts: string[] = [];
  if (p.height) parts.push(`height (${side(size.height)})`);
  if (p.width) parts.push(`width (${side(size.width)})`);
  return `partial border patches on the ${parts.join(' and the ')}`;
}
