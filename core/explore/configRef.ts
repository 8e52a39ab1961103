/**
 * From an accuracy row's configuration (a file, flags or inline JSON) to a studio configuration. Accepted:
 * a studio configuration document; the keys of `laudnet predict --input` (model, mode, granularity,
 * channelGranularity, rate, channelRate) as JSON or as `predict` flags; the reference training script's
 * flags (`--arch … --dyn_mode … --target_rate …`, through core/export/trainingFlags.ts).
 */
import { BUILTIN_ARCHITECTURE_IDS, findBuiltinArchitecture } from '../arch';
import { configForArchitecture } from '../config/defaults';
import { parseJsonText, previewValue } from '../config/jsonSyntax';
import { parseConfig } from '../config/parse';
import { resolveArchitecture } from '../config/resolve';
import { STAGE_MODES, type ConfigStageMode, type StudioConfig } from '../config/schema';
import { validateConfig } from '../config/validate';
import { parseTrainingFlags } from '../export/trainingFlags';
import type { ConfigRef } from './accuracyCsv';
import type { ExploreResult } from './types';

const PREDICT_KEYS = [
  'id',
  'model',
  'hardware',
  'hardwareOverrides',
  'mode',
  'granularity',
  'channelGranularity',
  'rate',
  'channelRate',
  'allowPartialPatches',
];

/** `a-b-c`, a number or an array of numbers → a list; undefined when the value is none of those. */
function list(value: unknown): (string | number)[] | undefined {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return value.split('-').map((v) => v.trim());
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    if (items.every((v): v is string | number => typeof v === 'number' || typeof v === 'string'))
      return items;
  }
  return undefined;
}

/** 1 value for every stage or one per stage. */
function perStage<T>(
  value: unknown,
  n: number,
  what: string,
  parse: (v: string | number) => T | undefined,
): ExploreResult<T[] | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const items = list(value);
  const parsed = items?.map(parse);
  if (
    !parsed ||
    parsed.some((v) => v === undefined) ||
    (parsed.length !== 1 && parsed.length !== n)
  )
    return { ok: false, error: `${what}: expected 1 or ${n} values, got ${previewValue(value)}` };
  return { ok: true, value: parsed.length === 1 ? Array<T>(n).fill(parsed[0]!) : (parsed as T[]) };
}

const asMode = (v: string | number): ConfigStageMode | undefined => {
  const m = v === 'both' ? 'spatial+channel' : String(v);
  return (STAGE_MODES as readonly string[]).includes(m) ? (m as ConfigStageMode) : undefined;
};
const asInt = (v: string | number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const asRate = (v: string | number) => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
};

/** The keys of `predict --input` → a studio configuration (model defaults for what is not given). */
export function configFromPredictKeys(
  obj: Record<string, unknown>,
  base: StudioConfig,
): ExploreResult<StudioConfig> {
  const unknown = Object.keys(obj).filter((k) => !PREDICT_KEYS.includes(k));
  if (unknown.length > 0)
    return {
      ok: false,
      error: `unknown key(s) ${unknown.slice(0, 5).join(', ')} (valid: format/version of a configuration file, or ${PREDICT_KEYS.join(', ')})`,
    };
  let start = base;
  if (obj.model !== undefined) {
    const arch = typeof obj.model === 'string' ? findBuiltinArchitecture(obj.model) : undefined;
    if (!arch)
      return {
        ok: false,
        error: `model: unknown ${previewValue(obj.model)} (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
      };
    if (base.model.kind !== 'builtin' || base.model.id !== arch.id)
      start = { ...configForArchitecture(arch, true), hardware: base.hardware };
  }
  const arch = resolveArchitecture(start);
  const n = arch.stages.length;
  if (obj.mode === undefined) return { ok: false, error: 'mode: missing' };
  const modes = perStage(obj.mode, n, 'mode', asMode);
  if (!modes.ok) return modes;
  const sizes = perStage(obj.granularity, n, 'granularity', asInt);
  if (!sizes.ok) return sizes;
  const groups = perStage(obj.channelGranularity, n, 'channelGranularity', asInt);
  if (!groups.ok) return groups;
  const channel = perStage(obj.channelRate, n, 'channelRate', asRate);
  if (!channel.ok) return channel;
  const rates = list(obj.rate)?.map(asRate);
  const total = arch.stages.reduce((a, s) => a + s.blocks, 0);
  const allStatic = modes.value!.every((m) => m === 'static');
  if (
    !allStatic &&
    (!rates || rates.some((r) => r === undefined) || (rates.length !== 1 && rates.length !== total))
  )
    return {
      ok: false,
      error: `rate: expected 1 rate in [0, 1] or ${total} per-block rates, got ${previewValue(obj.rate)}`,
    };
  const blockRates: Record<string, number> = {};
  if (rates && rates.length === total) {
    let k = 0;
    arch.stages.forEach((s, i) => {
      for (let j = 0; j < s.blocks; j++) blockRates[`stage${i + 1}/${j}`] = rates[k++]!;
    });
  }
  const config: StudioConfig = {
    ...start,
    targetRate: rates?.length === 1 ? rates[0]! : start.targetRate,
    stages: arch.stages.map((s, i) => {
      const mode = modes.value![i]!;
      return {
        mode,
        spatialGranularity: mode === 'layer' ? s.outResolution : (sizes.value?.[i] ?? 1),
        channelGroupSize: groups.value?.[i] ?? 1,
        rate: null,
        channelRate: channel.value?.[i] ?? null,
      };
    }),
    blockRates,
  };
  const problems = validateConfig(config);
  return problems.length > 0
    ? { ok: false, error: problems.join('; ') }
    : { ok: true, value: config };
}

/** `--model resnet50 --mode spatial --rate 0.5` → predict keys (flag names in camelCase). */
function predictFlagsToKeys(text: string): ExploreResult<Record<string, unknown>> {
  const words = text.trim().split(/\s+/);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const flag = eq > 0 ? w.slice(0, eq) : w;
    if (!flag.startsWith('--'))
      return { ok: false, error: `unexpected word '${w}' (expected --flag value pairs)` };
    const value = eq > 0 ? w.slice(eq + 1) : words[++i];
    if (value === undefined) return { ok: false, error: `${flag}: missing value` };
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    out[key] = value;
  }
  return { ok: true, value: out };
}

/** A configuration from JSON text: a configuration document, or the keys of `predict --input`. */
function fromJsonText(text: string, base: StudioConfig): ExploreResult<StudioConfig> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: `not valid JSON: ${parsed.error}` };
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { ok: false, error: 'expected a JSON object' };
  if ('format' in v) {
    const c = parseConfig(v);
    return c.ok ? { ok: true, value: c.config } : { ok: false, error: c.error };
  }
  return configFromPredictKeys(v as Record<string, unknown>, base);
}

/** A configuration from a flag line: the training script's (has `--arch`) or `laudnet predict`'s. */
function fromFlags(text: string, base: StudioConfig): ExploreResult<StudioConfig> {
  if (/(^|\s)--arch(\s|=|$)/.test(text)) {
    const r = parseTrainingFlags(text, base);
    return r.ok ? { ok: true, value: r.config } : { ok: false, error: r.error };
  }
  const keys = predictFlagsToKeys(text);
  if (!keys.ok) return keys;
  return configFromPredictKeys(keys.value, base);
}

/**
 * Resolves a row's configuration. `readFile` returns a named file's text, or undefined when it is not
 * available (the app only sees files the user chose).
 */
export function resolveConfigRef(
  ref: ConfigRef,
  base: StudioConfig,
  readFile: (path: string) => string | undefined,
): ExploreResult<StudioConfig> {
  if (ref.kind === 'json') return fromJsonText(ref.text, base);
  if (ref.kind === 'flags') return fromFlags(ref.text, base);
  const text = readFile(ref.path);
  if (text === undefined)
    return {
      ok: false,
      error: `configuration file '${ref.path}' was not found (choose it together with the CSV)`,
    };
  const t = text.trim();
  return t.startsWith('{') ? fromJsonText(t, base) : fromFlags(t, base);
}
