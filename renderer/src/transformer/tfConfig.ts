/**
 * The tuner's transformer configuration (one per session, next to the CNN configuration) and the pure
 * edits the controls make. The rates of every paradigm are kept even while the mode switches that
 * paradigm off, so switching modes back and forth never loses an edit; {@link toCoreConfig} hands the
 * core exactly what the official code accepts (rate 1 wherever a switch is off, spec §7.1).
 */
import {
  T2T_VARIANTS,
  headRateSteps,
  keptTokens,
  type T2tVariantId,
  type TransformerConfig,
  type TransformerMode,
} from '../../../core/transformer';

export type Paradigm = 'token' | 'head' | 'attn' | 'mlp';
export type BatchConvention = TransformerConfig['batchConvention'];

export const PARADIGMS: readonly Paradigm[] = ['token', 'head', 'attn', 'mlp'];
export const MODES: readonly TransformerMode[] = ['static', 'token', 'head', 'block', 'combined'];

/** The key of each paradigm's per-block rates. */
export const RATE_KEY = {
  token: 'tokenRate',
  head: 'headRate',
  attn: 'attnRate',
  mlp: 'mlpRate',
} as const satisfies Record<Paradigm, keyof TransformerConfig>;

export const MODE_LABEL: Record<TransformerMode, string> = {
  static: 'Static',
  token: 'Token',
  head: 'Head',
  block: 'Block',
  combined: 'Combined',
};

/** The tuner's transformer state: a core configuration whose rates may be "parked" under a switch that is off. */
export interface TfUiConfig {
  model: T2tVariantId;
  mode: TransformerMode;
  batchConvention: BatchConvention;
  tokenRate: number[];
  headRate: number[];
  attnRate: number[];
  mlpRate: number[];
}

export interface Switches {
  token: boolean;
  head: boolean;
  layer: boolean;
}

/** The switches a mode turns on (spec §7.1). */
export function modeSwitches(mode: TransformerMode): Switches {
  return {
    token: mode === 'token' || mode === 'combined',
    head: mode === 'head' || mode === 'combined',
    layer: mode === 'block' || mode === 'combined',
  };
}

/** Whether the paradigm's rate takes part in the mode (attention and MLP rates share the block switch). */
export function paradigmActive(mode: TransformerMode, p: Paradigm): boolean {
  const s = modeSwitches(mode);
  return p === 'token' ? s.token : p === 'head' ? s.head : s.layer;
}

export const T2T_IDS = Object.keys(T2T_VARIANTS) as T2tVariantId[];

export function isT2tId(id: string): id is T2tVariantId {
  return (T2T_IDS as string[]).includes(id);
}

/** "T2T-ViT-19", "T2T-ViT-14 (wide)". */
export function variantLabel(id: T2tVariantId): string {
  const m = /^t2t_vit_(\d+)(_wide)?$/.exec(id);
  if (!m) return id;
  return `T2T-ViT-${m[1]}${m[2] ? ' (wide)' : ''}`;
}

export function depthOf(id: T2tVariantId): number {
  return T2T_VARIANTS[id].depth;
}

/** The static configuration of a variant, with the paper's default rates parked for when a mode is chosen. */
export function defaultTfConfig(model: T2tVariantId = 't2t_vit_19'): TfUiConfig {
  const n = depthOf(model);
  const fill = (x: number) => Array.from({ length: n }, () => x);
  return {
    model,
    mode: 'static',
    batchConvention: 'in_shapes',
    tokenRate: fill(1),
    headRate: fill(1),
    attnRate: fill(1),
    mlpRate: fill(1),
  };
}

/** Another variant: rates are kept where the depth allows (the first blocks), the rest repeat the last. */
export function withModel(c: TfUiConfig, model: T2tVariantId): TfUiConfig {
  if (c.model === model) return c;
  const n = depthOf(model);
  const steps = headRateSteps(T2T_VARIANTS[model]);
  const resize = (xs: number[]) =>
    Array.from({ length: n }, (_, i) => xs[Math.min(i, xs.length - 1)] ?? 1);
  return {
    ...c,
    model,
    tokenRate: resize(c.tokenRate),
    headRate: resize(c.headRate).map((h) => nearestStep(steps, h)),
    attnRate: resize(c.attnRate),
    mlpRate: resize(c.mlpRate),
  };
}

/** The step of `steps` closest to `x` (head rates must be k/H, spec T9). */
export function nearestStep(steps: readonly number[], x: number): number {
  let best = steps[steps.length - 1] ?? 1;
  for (const s of steps) if (Math.abs(s - x) < Math.abs(best - x)) best = s;
  return best;
}

/** Sets a paradigm's rate of one block, or of every block when `block` is null. */
export function withRate(
  c: TfUiConfig,
  p: Paradigm,
  block: number | null,
  rate: number,
): TfUiConfig {
  const key = RATE_KEY[p];
  const next = c[key].map((x, i) => (block === null || i === block ? rate : x));
  return { ...c, [key]: next };
}

/** The same rate in every block: the value, or null when blocks differ. */
export function uniformRate(xs: readonly number[]): number | null {
  const first = xs[0];
  if (first === undefined) return null;
  return xs.every((x) => x === first) ? first : null;
}

export function meanRate(xs: readonly number[]): number {
  return xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * The core configuration: explicit switches per block (the mode's, or `force` turned on as well) and
 * rate 1 wherever a switch is off, as the official code asserts.
 */
export function toCoreConfig(c: TfUiConfig, force?: Partial<Switches>): TransformerConfig {
  const base = modeSwitches(c.mode);
  const sw: Switches = {
    token: base.token || force?.token === true,
    head: base.head || force?.head === true,
    layer: base.layer || force?.layer === true,
  };
  const n = depthOf(c.model);
  const all = (on: boolean) => Array.from({ length: n }, () => on);
  const gate = (on: boolean, xs: number[]) => (on ? xs.slice() : xs.map(() => 1));
  return {
    model: c.model,
    mode: c.mode,
    batchConvention: c.batchConvention,
    tokenRate: gate(sw.token, c.tokenRate),
    headRate: gate(sw.head, c.headRate),
    attnRate: gate(sw.layer, c.attnRate),
    mlpRate: gate(sw.layer, c.mlpRate),
    tokenSkip: all(sw.token),
    headSkip: all(sw.head),
    layerSkip: all(sw.layer),
  };
}

/** Tokens kept of the 197 (class token included) — trunc(197·t), spec T7. */
export function keptTokenCount(rate: number): number {
  return keptTokens(rate);
}

/** Heads kept of H — trunc(H·h), spec §7.2. */
export function keptHeadCount(heads: number, rate: number): number {
  return Math.trunc(heads * rate);
}
