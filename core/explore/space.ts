/**
 * Builds the enumerable design space from an architecture and the user's limits: every stage option
 * (static, spatial at each valid S, channel at each valid G, layer) that passes the filters, times the
 * rate grid. The size is known before anything is evaluated, so a too-large request is refused up front.
 */
import { stageMidChannels } from '../arch';
import type { ArchitectureSpec } from '../arch';
import { stageTrainability } from '../config/trainability';
import { divisors } from '../math/divisors';
import {
  DEFAULT_SPACE_LIMIT,
  EXPLORE_MODES,
  type ExploreMode,
  type ExploreResult,
  type ExploreSpace,
  type ExploreSpec,
  type StageChoice,
  type StageOption,
} from './types';

const fmt = (n: number) => n.toLocaleString('en-US');

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Valid values of a per-stage list, or the message naming the wrong ones and the valid ones. */
function pick(
  wanted: readonly number[] | undefined,
  valid: readonly number[],
  what: string,
): ExploreResult<number[]> {
  if (wanted === undefined) return { ok: true, value: [...valid] };
  const bad = wanted.filter((v) => !valid.includes(v));
  if (bad.length > 0)
    return {
      ok: false,
      error: `${what}: ${bad.join(', ')} not valid (valid: ${valid.join(', ')})`,
    };
  return { ok: true, value: valid.filter((v) => wanted.includes(v)) };
}

/**
 * The stage options of stage `i` that the spec allows, in the order static, spatial (S ascending),
 * channel (G ascending), layer. Spatial S are those that tile the stage's map exactly (both sides, for
 * non-square inputs); partial border patches are left out of the space.
 */
export function stageOptions(
  arch: ArchitectureSpec,
  i: number,
  spec: ExploreSpec,
): ExploreResult<StageOption[]> {
  const stage = arch.stages[i];
  if (!stage) return { ok: false, error: `stage ${i + 1} does not exist in ${arch.label}` };
  const c = spec.stages?.[i];
  const modes = EXPLORE_MODES.filter(
    (m) => spec.modes.includes(m) && (c?.modes === undefined || c.modes.includes(m)),
  );
  // S must tile both sides of the map (no partial border patches): the divisors of gcd(H, W).
  const sizes = pick(
    c?.granularities,
    divisors(gcd(stage.outResolution, stage.outWidth ?? stage.outResolution)),
    `stage ${i + 1} granularities`,
  );
  if (!sizes.ok) return sizes;
  const groups = pick(
    c?.groupSizes,
    divisors(stageMidChannels(arch, stage)),
    `stage ${i + 1} group sizes`,
  );
  if (!groups.ok) return groups;
  const out: StageOption[] = [];
  const add = (mode: ExploreMode, s: number, g: number) => {
    if (spec.trainableOnly && stageTrainability(arch, i, mode, g || 1).length > 0) return;
    out.push({ mode, s, g });
  };
  for (const mode of modes) {
    if (mode === 'static' || mode === 'layer') add(mode, 0, 0);
    else if (mode === 'spatial') for (const s of sizes.value) add(mode, s, 0);
    else for (const g of groups.value) add(mode, 0, g);
  }
  if (out.length === 0)
    return {
      ok: false,
      error: `stage ${i + 1}: no setting left (modes ${modes.join(', ') || 'none'} after the filters); allow more modes`,
    };
  return { ok: true, value: out };
}

/** The rate grid, checked: values in (0, 1], de-duplicated, ascending. */
export function checkRates(rates: readonly number[]): ExploreResult<number[]> {
  if (rates.length === 0)
    return { ok: false, error: 'rates: expected at least one rate in (0, 1]' };
  const bad = rates.filter((r) => !Number.isFinite(r) || r <= 0 || r > 1);
  if (bad.length > 0)
    return {
      ok: false,
      error: `rates: expected values in (0, 1], found ${bad.slice(0, 5).join(', ')}`,
    };
  return { ok: true, value: [...new Set(rates)].sort((a, b) => a - b) };
}

/**
 * The design space of `arch` under `spec`, or a message when a limit is wrong or the space exceeds the
 * cap (the message gives the size and what to narrow).
 */
export function buildSpace(arch: ArchitectureSpec, spec: ExploreSpec): ExploreResult<ExploreSpace> {
  const rates = checkRates(spec.rates);
  if (!rates.ok) return rates;
  const R = rates.value.length;
  const choices: StageChoice[][] = [];
  for (let i = 0; i < arch.stages.length; i++) {
    const opts = stageOptions(arch, i, spec);
    if (!opts.ok) return opts;
    const list: StageChoice[] = [];
    for (const option of opts.value) {
      if (spec.rateScope === 'global' || option.mode === 'static')
        list.push({ option, rateIndex: -1 });
      else for (let r = 0; r < R; r++) list.push({ option, rateIndex: r });
    }
    choices.push(list);
  }
  const radices = choices.map((c) => c.length);
  if (spec.rateScope === 'global') radices.push(R);
  const size = radices.reduce((a, b) => a * b, 1);
  const limit = spec.limit ?? DEFAULT_SPACE_LIMIT;
  if (size > limit) {
    const parts = choices.map((c) => fmt(c.length)).join(' × ');
    const rateNote = spec.rateScope === 'global' ? ` × ${R} rates` : '';
    return {
      ok: false,
      error:
        `the design space has ${parts}${rateNote} = ${fmt(size)} configurations, above the limit of ` +
        `${fmt(limit)}; allow fewer modes, granularities or rates, or use one global rate`,
    };
  }
  return {
    ok: true,
    value: { arch, rates: rates.value, rateScope: spec.rateScope, choices, radices, size },
  };
}

/** Digits of configuration `k` (most significant first). */
export function decodeIndex(space: ExploreSpace, k: number, digits: number[] = []): number[] {
  let rest = k;
  for (let d = space.radices.length - 1; d >= 0; d--) {
    const r = space.radices[d]!;
    digits[d] = rest % r;
    rest = Math.floor(rest / r);
  }
  return digits;
}

/**
 * True when index `k` repeats another configuration: with a global rate, the all-static network at any
 * rate but the first (the rate changes nothing there).
 */
export function isDuplicate(space: ExploreSpace, digits: readonly number[]): boolean {
  if (space.rateScope !== 'global' || digits[digits.length - 1] === 0) return false;
  return space.choices.every((c, i) => c[digits[i]!]!.option.mode === 'static');
}
