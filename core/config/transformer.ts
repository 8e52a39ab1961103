/**
 * Transformer (T2T-ViT) configurations: the keys scripts rely on — `model`, `hardware`, `mode`,
 * `tokenRate`, `headRate`, `attnRate`, `mlpRate`, `batchConvention`, and optional `tokenSkip`, `headSkip`,
 * `layerSkip` — as one `predict --input` line and as the studio's versioned document
 * (`{format: "laudnet-studio-transformer-config", version: 1, …}`). Each rate is a number or a dash-joined
 * per-block list, block 0 first (an array of numbers is accepted too); each switch list is dash-joined 0/1
 * per block and overrides the switch that `mode` sets. Parsing never throws.
 */
import { isT2tVariantId, T2T_VARIANT_IDS, T2T_VARIANTS } from '../transformer/variants';
import { MODE_SWITCHES } from '../transformer/rates';
import type {
  BatchConvention,
  T2tVariantId,
  TransformerConfig,
  TransformerMode,
} from '../transformer/types';
import { capMessage, listWithRest, previewValue } from './jsonSyntax';

/** `format` of a transformer configuration document. */
export const TRANSFORMER_CONFIG_FORMAT = 'laudnet-studio-transformer-config';
/** Version written by this build. */
export const TRANSFORMER_CONFIG_VERSION = 1;

/** The keys of a transformer request (one `predict --input` line, or the body of a document). */
export const TRANSFORMER_REQUEST_KEYS = [
  'model',
  'hardware',
  'hardwareOverrides',
  'mode',
  'tokenRate',
  'headRate',
  'attnRate',
  'mlpRate',
  'batchConvention',
  'tokenSkip',
  'headSkip',
  'layerSkip',
] as const;

const DOCUMENT_KEYS = ['format', 'version', 'name', 'notes', ...TRANSFORMER_REQUEST_KEYS];
const MODES = Object.keys(MODE_SWITCHES) as TransformerMode[];
const CONVENTIONS: readonly BatchConvention[] = ['in_shapes', 'in_predictor'];
const RATE_KEYS = ['tokenRate', 'headRate', 'attnRate', 'mlpRate'] as const;
const SWITCH_KEYS = ['tokenSkip', 'headSkip', 'layerSkip'] as const;

/** A parsed request: the predictor's configuration and the hardware as written (resolved by the caller). */
export interface TransformerRequest {
  config: TransformerConfig;
  /** A preset id, or a custom-hardware object (`{preset?, …params}`), as `resolveHardware` takes it. */
  hardware: unknown;
  hardwareOverrides: unknown;
}

/** A transformer configuration document. */
export interface TransformerConfigDocument extends TransformerRequest {
  format: typeof TRANSFORMER_CONFIG_FORMAT;
  version: typeof TRANSFORMER_CONFIG_VERSION;
  name: string;
  notes: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** True when `model` names a T2T-ViT variant (so a request goes to the transformer predictor). */
export function isTransformerModel(model: unknown): model is T2tVariantId {
  return typeof model === 'string' && isT2tVariantId(model);
}

const NUMBER_TEXT = /^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * A rate key's value as a list: a number, a dash-joined string (`"1.0-0.9-0.8"`; a dash after an exponent
 * `e` belongs to the number) or an array of numbers.
 */
export function parseRateList(key: string, value: unknown): Result<number[]> {
  const bad = (found: string): Result<number[]> => ({
    ok: false,
    error: `${key}: expected a rate between 0 and 1 or a dash-joined per-block list (e.g. 1-0.9-0.8), found ${found}`,
  });
  let items: unknown[];
  if (typeof value === 'number') items = [value];
  else if (typeof value === 'string') {
    const pieces = value.split(/(?<![eE])-/);
    if (pieces.some((p) => !NUMBER_TEXT.test(p))) return bad(previewValue(value));
    items = pieces.map(Number);
  } else if (Array.isArray(value)) items = value;
  else return bad(previewValue(value));
  if (items.length === 0) return bad('an empty list');
  const out: number[] = [];
  for (const [i, v] of items.entries()) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      const at = items.length > 1 ? ` (block ${i})` : '';
      return bad(`${previewValue(v)}${at}`);
    }
    out.push(v);
  }
  return { ok: true, value: out };
}

/** A switch key's value as a list: dash-joined 0/1 (`"0-1-1"`), a single 0/1 or boolean, or an array of them. */
export function parseSwitchList(key: string, value: unknown): Result<boolean[]> {
  const bad = (found: string): Result<boolean[]> => ({
    ok: false,
    error: `${key}: expected 0 or 1 per block, dash-joined (e.g. 0-1-1), found ${found}`,
  });
  let items: unknown[];
  if (typeof value === 'string') items = value.split('-').map((s) => s.trim());
  else if (Array.isArray(value)) items = value;
  else items = [value];
  if (items.length === 0) return bad('an empty list');
  const out: boolean[] = [];
  for (const v of items) {
    if (v === 1 || v === '1' || v === true) out.push(true);
    else if (v === 0 || v === '0' || v === false) out.push(false);
    else return bad(previewValue(Array.isArray(value) || typeof value === 'string' ? v : value));
  }
  return { ok: true, value: out };
}

function checkLength(key: string, n: number, model: T2tVariantId): string | null {
  const v = T2T_VARIANTS[model];
  return n === 1 || n === v.depth
    ? null
    : `${key}: expected one value or ${v.depth} values (one per block of ${v.label}), found ${n}`;
}

/**
 * Reads a transformer request from a parsed JSON object (a `predict --input` line without its `id`, or a
 * document body). Missing rates default to 1 and `batchConvention` to `in_shapes` (spec §2); `model`,
 * `hardware` and `mode` are required. Semantic limits that need the predictor (a token or head rate
 * keeping nothing, a rate ≠ 1 with its switch off) are checked by `predictTransformer`.
 * @param extraKeys keys the caller handles itself (e.g. `id`), accepted and ignored here.
 */
export function parseTransformerRequest(
  input: unknown,
  extraKeys: readonly string[] = [],
): Result<TransformerRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: `expected a JSON object, found ${previewValue(input)}` };
  const obj = input as Record<string, unknown>;
  const known = new Set<string>([...TRANSFORMER_REQUEST_KEYS, ...extraKeys]);
  const unknown = Object.keys(obj).filter((k) => !known.has(k));
  if (unknown.length > 0)
    return {
      ok: false,
      error: capMessage(
        `unknown key(s) ${listWithRest(unknown, 5, 'unknown keys')} for a transformer (valid: ${[...known].join(', ')})`,
      ),
    };
  const problems: string[] = [];
  const model = obj.model;
  if (!isTransformerModel(model))
    problems.push(
      `model: expected one of ${T2T_VARIANT_IDS.join(', ')}, found ${previewValue(model)}`,
    );
  if (obj.hardware === undefined)
    problems.push('hardware: missing (a preset id such as "v100", or custom parameters)');
  const mode = obj.mode;
  if (typeof mode !== 'string' || !MODES.includes(mode as TransformerMode))
    problems.push(`mode: expected one of ${MODES.join(', ')}, found ${previewValue(mode)}`);
  const convention = obj.batchConvention ?? 'in_shapes';
  if (!CONVENTIONS.includes(convention as BatchConvention))
    problems.push(
      `batchConvention: expected in_shapes or in_predictor, found ${previewValue(convention)}`,
    );
  const rates: Partial<Record<(typeof RATE_KEYS)[number], number[]>> = {};
  for (const key of RATE_KEYS) {
    const r =
      obj[key] === undefined ? { ok: true as const, value: [1] } : parseRateList(key, obj[key]);
    if (!r.ok) problems.push(r.error);
    else rates[key] = r.value;
  }
  const switches: Partial<Record<(typeof SWITCH_KEYS)[number], boolean[]>> = {};
  for (const key of SWITCH_KEYS) {
    if (obj[key] === undefined) continue;
    const r = parseSwitchList(key, obj[key]);
    if (!r.ok) problems.push(r.error);
    else switches[key] = r.value;
  }
  if (isTransformerModel(model)) {
    for (const [key, list] of [...Object.entries(rates), ...Object.entries(switches)]) {
      const p = checkLength(key, list.length, model);
      if (p) problems.push(p);
    }
  }
  if (problems.length > 0)
    return { ok: false, error: problems.map((p) => capMessage(p)).join('\n') };
  const config: TransformerConfig = {
    model: model as T2tVariantId,
    mode: mode as TransformerMode,
    tokenRate: rates.tokenRate ?? [1],
    headRate: rates.headRate ?? [1],
    attnRate: rates.attnRate ?? [1],
    mlpRate: rates.mlpRate ?? [1],
    batchConvention: convention as BatchConvention,
    ...switches,
  };
  return {
    ok: true,
    value: { config, hardware: obj.hardware, hardwareOverrides: obj.hardwareOverrides },
  };
}

/** A list as the documents write it: the number when uniform-by-one, else dash-joined. */
export function formatRateList(values: readonly number[]): number | string {
  return values.length === 1 ? (values[0] as number) : values.map(String).join('-');
}

/** A switch list as the documents write it (dash-joined 0/1). */
export function formatSwitchList(values: readonly boolean[]): string {
  return values.map((b) => (b ? '1' : '0')).join('-');
}

/**
 * The document of a request in canonical key order (documented keys only; switch lists only when set).
 * `JSON.stringify` of it is what the studio writes.
 */
export function transformerDocument(
  req: TransformerRequest,
  name = '',
  notes = '',
): Record<string, unknown> {
  const c = req.config;
  return {
    format: TRANSFORMER_CONFIG_FORMAT,
    version: TRANSFORMER_CONFIG_VERSION,
    name,
    notes,
    model: c.model,
    hardware: req.hardware,
    ...(req.hardwareOverrides !== undefined ? { hardwareOverrides: req.hardwareOverrides } : {}),
    mode: c.mode,
    tokenRate: formatRateList(c.tokenRate),
    headRate: formatRateList(c.headRate),
    attnRate: formatRateList(c.attnRate),
    mlpRate: formatRateList(c.mlpRate),
    batchConvention: c.batchConvention,
    ...(c.tokenSkip ? { tokenSkip: formatSwitchList(c.tokenSkip) } : {}),
    ...(c.headSkip ? { headSkip: formatSwitchList(c.headSkip) } : {}),
    ...(c.layerSkip ? { layerSkip: formatSwitchList(c.layerSkip) } : {}),
  };
}

/** Reads a transformer configuration document (already parsed JSON). Never throws. */
export function parseTransformerDocument(input: unknown): Result<TransformerConfigDocument> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: `expected a JSON object, found ${previewValue(input)}` };
  const obj = input as Record<string, unknown>;
  if (obj.format !== TRANSFORMER_CONFIG_FORMAT)
    return {
      ok: false,
      error: `format: expected "${TRANSFORMER_CONFIG_FORMAT}", found ${previewValue(obj.format)}`,
    };
  if (obj.version !== TRANSFORMER_CONFIG_VERSION)
    return {
      ok: false,
      error: `version: expected ${TRANSFORMER_CONFIG_VERSION}, found ${previewValue(obj.version)}`,
    };
  for (const key of ['name', 'notes'] as const) {
    const v = obj[key];
    if (v !== undefined && (typeof v !== 'string' || v.length > 100_000))
      return { ok: false, error: `${key}: expected a string, found ${previewValue(v)}` };
  }
  const body = Object.fromEntries(
    Object.entries(obj).filter(([k]) => !['format', 'version', 'name', 'notes'].includes(k)),
  );
  const req = parseTransformerRequest(body);
  if (!req.ok) {
    const unknownKeys = Object.keys(obj).filter((k) => !DOCUMENT_KEYS.includes(k));
    return unknownKeys.length > 0
      ? {
          ok: false,
          error: capMessage(
            `unknown key(s) ${listWithRest(unknownKeys)} (valid: ${DOCUMENT_KEYS.join(', ')})`,
          ),
        }
      : req;
  }
  return {
    ok: true,
    value: {
      format: TRANSFORMER_CONFIG_FORMAT,
      version: TRANSFORMER_CONFIG_VERSION,
      name: typeof obj.name === 'string' ? obj.name : '',
      notes: typeof obj.notes === 'string' ? obj.notes : '',
      ...req.value,
    },
  };
}
