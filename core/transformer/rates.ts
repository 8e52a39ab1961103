/**
 * Rates and switches: resolving a configuration into the per-block tuples `(ts, t, hs, h, ls, a, m)` of
 * spec §7.1, the derived integer sizes of §7.2, and the validity domain of §9 (what the official code
 * cannot evaluate is refused with a message naming the valid range).
 */
import { roundHalfEven } from '../arch';
import { PredictorInputError } from '../predictor/errors';
import type { BlockSetting, T2tVariant, TransformerConfig, TransformerMode } from './types';

/** Tokens of every block, class token included [T18]. */
export const T2T_TOKENS = 197;

/** Switches each mode turns on (spec §7.1 table). */
export const MODE_SWITCHES: Readonly<
  Record<TransformerMode, { tokenSkip: boolean; headSkip: boolean; layerSkip: boolean }>
> = Object.freeze({
  static: { tokenSkip: false, headSkip: false, layerSkip: false },
  token: { tokenSkip: true, headSkip: false, layerSkip: false },
  head: { tokenSkip: false, headSkip: true, layerSkip: false },
  block: { tokenSkip: false, headSkip: false, layerSkip: true },
  combined: { tokenSkip: true, headSkip: true, layerSkip: true },
});

/**
 * Tokens kept at token keep rate `rate`: trunc(197·t) of the double product, the class token counted
 * among them [T7] (e.g. t = 0.7 → trunc(137.89999999999998) = 137).
 */
export function keptTokens(rate: number): number {
  return Math.trunc(T2T_TOKENS * rate);
}

/** Heads kept at head rate h: trunc(H·h) [T9]. */
export function keptHeads(variant: T2tVariant, rate: number): number {
  return Math.trunc(variant.heads * rate);
}

/** Width of the dynamic linears at head rate h: rne(D·h) if h < 1, else D [T9]. */
export function reducedWidth(variant: T2tVariant, rate: number): number {
  return rate < 1 ? roundHalfEven(variant.embedDim * rate) : variant.embedDim;
}

/** Width of the attention residual add at head rate h: trunc(D·h) [T9]. */
export function residualWidth(variant: T2tVariant, rate: number): number {
  return Math.trunc(variant.embedDim * rate);
}

/**
 * Head keep rates offered to a user: k/H for k = 1 … H where the spec's three widths agree
 * (trunc(H·h) heads of D⫽H channels = rne(D·h) = trunc(D·h)) [T9]; for every supported variant that is
 * every k.
 */
export function headRateSteps(variant: T2tVariant): number[] {
  const steps: number[] = [];
  for (let k = 1; k <= variant.heads; k++) {
    const h = k / variant.heads;
    const channels = keptHeads(variant, h) * variant.headDim;
    if (channels === reducedWidth(variant, h) && channels === residualWidth(variant, h))
      steps.push(h);
  }
  return steps;
}

/** The adjacent double of a positive `x` (`step` = +1 above, −1 below). */
function adjacent(x: number, step: 1n | -1n): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + step);
  return view.getFloat64(0);
}

/**
 * Smallest double rate for which the monotone `ok` holds, searched from `start` (a few ulps away from the
 * answer: the products below are within an ulp of exact).
 */
function smallestRate(start: number, ok: (r: number) => boolean): number {
  let r = start;
  while (ok(adjacent(r, -1n))) r = adjacent(r, -1n);
  while (!ok(r)) r = adjacent(r, 1n);
  return r;
}

/** The smallest token rate keeping one token: the first double with trunc(197·t) ≥ 1 (1/197 keeps none). */
export const MIN_TOKEN_RATE = smallestRate(1 / T2T_TOKENS, (t) => keptTokens(t) >= 1);

/** The smallest head rate keeping one head and a non-empty projection (spec §9), ≈ 1/H. */
export function minHeadRate(variant: T2tVariant): number {
  return smallestRate(
    1 / variant.heads,
    (h) => keptHeads(variant, h) >= 1 && reducedWidth(variant, h) >= 1,
  );
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

function perBlock(
  name: string,
  values: readonly unknown[] | undefined,
  depth: number,
  label: string,
): unknown[] | undefined {
  if (values === undefined) return undefined;
  if (values.length !== 1 && values.length !== depth) {
    throw new PredictorInputError(
      `${name}: expected one value or ${depth} values (one per block of ${label}), found ${values.length}`,
    );
  }
  return values.length === 1 ? Array.from({ length: depth }, () => values[0]) : [...values];
}

function rateAt(name: string, values: unknown[], k: number): number {
  const v = values[k];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw new PredictorInputError(
      `${name} of block ${k}: expected a rate between 0 and 1, found ${String(v)}`,
    );
  }
  return v;
}

function switchAt(
  name: string,
  values: unknown[] | undefined,
  k: number,
  fallback: boolean,
): boolean {
  if (values === undefined) return fallback;
  const v = values[k];
  if (typeof v !== 'boolean') {
    throw new PredictorInputError(
      `${name} of block ${k}: expected true or false, found ${String(v)}`,
    );
  }
  return v;
}

/**
 * Checks one block's tuple against spec §9: a switch that is off needs its rates at exactly 1 [T14];
 * token skipping must keep a token [T23]; head skipping must keep a head and a non-empty projection
 * width [T9, T23]. Block-skipping rates 0 … 1 are always valid.
 * @throws PredictorInputError naming the block, the rate and the valid range.
 */
export function checkBlockSetting(variant: T2tVariant, k: number, s: BlockSetting): void {
  const off = (what: string, rate: string, v: number): never => {
    throw new PredictorInputError(
      `block ${k}: ${what} skipping is off, so its ${rate} must be 1 (found ${fmt(v)}); turn ${what} skipping on or set the rate to 1`,
    );
  };
  if (!s.tokenSkip && s.tokenRate !== 1) off('token', 'token rate', s.tokenRate);
  if (!s.headSkip && s.headRate !== 1) off('head', 'head rate', s.headRate);
  if (!s.layerSkip && s.attnRate !== 1) off('block', 'attention rate', s.attnRate);
  if (!s.layerSkip && s.mlpRate !== 1) off('block', 'MLP rate', s.mlpRate);
  if (s.tokenSkip && keptTokens(s.tokenRate) < 1) {
    throw new PredictorInputError(
      `block ${k}: token rate ${fmt(s.tokenRate)} keeps trunc(197·t) = 0 tokens; the valid range is ${fmt(MIN_TOKEN_RATE)} (one token) to 1`,
    );
  }
  if (s.headSkip && (keptHeads(variant, s.headRate) < 1 || reducedWidth(variant, s.headRate) < 1)) {
    throw new PredictorInputError(
      `block ${k}: head rate ${fmt(s.headRate)} keeps ${keptHeads(variant, s.headRate)} of ${variant.heads} heads of ${variant.label}; the valid range is ${fmt(minHeadRate(variant))} (one head, 1/${variant.heads}) to 1`,
    );
  }
}

/**
 * Resolves a configuration into one validated tuple per block: rates given once apply to every block;
 * `tokenSkip` / `headSkip` / `layerSkip` override the switches of `mode` block by block.
 * @throws PredictorInputError on a list of the wrong length, a rate outside 0 … 1, or a tuple of §9.
 */
export function resolveBlockSettings(variant: T2tVariant, cfg: TransformerConfig): BlockSetting[] {
  const N = variant.depth;
  const modeSwitches = MODE_SWITCHES[cfg.mode] as
    (typeof MODE_SWITCHES)[TransformerMode] | undefined;
  if (!modeSwitches) {
    throw new PredictorInputError(
      `mode: expected one of ${Object.keys(MODE_SWITCHES).join(', ')}, found ${String(cfg.mode)}`,
    );
  }
  const t = perBlock('tokenRate', cfg.tokenRate, N, variant.label) ?? [];
  const h = perBlock('headRate', cfg.headRate, N, variant.label) ?? [];
  const a = perBlock('attnRate', cfg.attnRate, N, variant.label) ?? [];
  const m = perBlock('mlpRate', cfg.mlpRate, N, variant.label) ?? [];
  const ts = perBlock('tokenSkip', cfg.tokenSkip, N, variant.label);
  const hs = perBlock('headSkip', cfg.headSkip, N, variant.label);
  const ls = perBlock('layerSkip', cfg.layerSkip, N, variant.label);
  const out: BlockSetting[] = [];
  for (let k = 0; k < N; k++) {
    const s: BlockSetting = {
      tokenSkip: switchAt('tokenSkip', ts, k, modeSwitches.tokenSkip),
      tokenRate: rateAt('tokenRate', t, k),
      headSkip: switchAt('headSkip', hs, k, modeSwitches.headSkip),
      headRate: rateAt('headRate', h, k),
      layerSkip: switchAt('layerSkip', ls, k, modeSwitches.layerSkip),
      attnRate: rateAt('attnRate', a, k),
      mlpRate: rateAt('mlpRate', m, k),
    };
    checkBlockSetting(variant, k, s);
    out.push(s);
  }
  return out;
}

/** The static tuple (all switches off, all rates 1) — explicitly, since the official defaults are all on [T25]. */
export const STATIC_BLOCK: Readonly<BlockSetting> = Object.freeze({
  tokenSkip: false,
  tokenRate: 1,
  headSkip: false,
  headRate: 1,
  layerSkip: false,
  attnRate: 1,
  mlpRate: 1,
});
