/** Turns CLI/JSONL inputs (model, hardware, modes, granularities, rates) into core requests, validated. */
import {
  BUILTIN_ARCHITECTURE_IDS,
  architectureAtSize,
  findBuiltinArchitecture,
  formatInputSize,
  nativeInputSize,
  parseArchitectureJson,
  partialPatchNote,
  stageOutputSize,
  type ArchitectureSpec,
  type InputSize,
} from '../core/arch';
import { parseInputSize } from '../core/arch/inputSize';
import {
  HARDWARE_PRESET_IDS,
  HardwareError,
  STAGE_MODES,
  checkNetworkRequest,
  findHardwarePreset,
  resolveHardware,
  type HardwareParams,
  type NetworkRequest,
  type StageMode,
} from '../core/predictor';
import {
  checkRate,
  parseDashList,
  parseNumber,
  stringFlag,
  type FlagSpecs,
  type ParsedArgs,
} from './args';
import { capMessage, parseJsonText, previewValue } from '../core/config/jsonSyntax';
import { CliError } from './errors';
import type { CliIo } from './io';

/** Flags shared by every command that needs a model and a device. */
export const MODEL_HARDWARE_FLAGS: FlagSpecs = {
  model: {
    type: 'string',
    value: 'ID',
    description: `built-in model: ${BUILTIN_ARCHITECTURE_IDS.join(', ')}`,
  },
  'arch-file': {
    type: 'string',
    value: 'PATH',
    description: 'user-defined architecture JSON (instead of --model)',
  },
  hardware: {
    type: 'string',
    value: 'ID',
    description: 'hardware preset (see --hardware list in help)',
  },
  'hardware-file': {
    type: 'string',
    value: 'PATH',
    description: 'custom hardware JSON object (instead of --hardware)',
  },
  'mem-concurrent-fp32': {
    type: 'string',
    value: 'N',
    description: 'override elements per memory transaction (1: the memory-concurrency variant)',
  },
  'batch-size': { type: 'string', value: 'N', description: 'override the batch size' },
  'input-size': {
    type: 'string',
    value: 'HxW',
    description:
      'input size, height x width (e.g. 800x1333, 512x1024, 320): stage maps by conv arithmetic; ' +
      'S may then leave partial border patches (the reference training code supports 224 only)',
  },
};

/**
 * Reads `--input-size` / a JSONL `inputSize` (height × width; "800x1333", 320, [800, 1333]).
 * @throws CliError naming what was expected and what was found.
 */
export function parseInputSizeValue(value: unknown, what = '--input-size'): InputSize {
  const parsed = parseInputSize(value);
  if (!parsed.ok) throw new CliError(`${what}: ${parsed.error}`);
  return parsed.size;
}

/**
 * The model at an input size: unchanged without one; otherwise its stage maps recomputed, and
 * `offNative` set (partial border patches are then accepted and labelled, see {@link partialPatchNotes}).
 */
export function atInputSize(model: ResolvedModel, size: InputSize | undefined): ResolvedModel {
  if (!size) return model;
  const native = nativeInputSize(model.arch);
  const offNative = size.height !== native.height || size.width !== native.width;
  try {
    return {
      id: model.id,
      arch: architectureAtSize(model.arch, size),
      offNative,
      base: model.arch,
    };
  } catch (e) {
    throw new CliError(`--input-size: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One note per stage whose S leaves partial border patches ("stage 2 (100×167), S=4: …"). */
export function partialPatchNotes(req: NetworkRequest): string[] {
  const notes: string[] = [];
  req.modes.forEach((mode, i) => {
    if (mode !== 'spatial' && mode !== 'spatial+channel') return;
    const size = stageOutputSize(req.arch, i);
    const S = req.granularity[i]!;
    const note = partialPatchNote(size, S);
    if (note) notes.push(`stage ${i + 1} (${formatInputSize(size)}), S=${S}: ${note}`);
  });
  return notes;
}

/** A resolved model: its id for output, and the architecture. */
export interface ResolvedModel {
  id: string;
  arch: ArchitectureSpec;
  /** True when `--input-size` differs from the architecture's own size (see {@link atInputSize}). */
  offNative?: boolean;
  /** The architecture at its own size, when `--input-size` was given. */
  base?: ArchitectureSpec;
}

/** Looks up a built-in model id; the message lists the valid ids. */
export function resolveModelId(id: unknown): ResolvedModel {
  const arch = typeof id === 'string' ? findBuiltinArchitecture(id) : undefined;
  if (!arch)
    throw new CliError(
      `unknown model '${capMessage(String(id), 60)}' (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
    );
  return { id: arch.id, arch };
}

/** The model of --model or --arch-file. */
export function resolveModelFlags(args: ParsedArgs, io: CliIo): ResolvedModel {
  const file = stringFlag(args, 'arch-file');
  const model = stringFlag(args, 'model');
  if (file !== undefined && model !== undefined)
    throw new CliError('give --model or --arch-file, not both');
  if (file !== undefined) {
    const parsed = parseArchitectureJson(io.readText(file));
    if (!parsed.ok) throw new CliError(`invalid architecture in '${file}':\n${parsed.error}`);
    return atInputSize({ id: parsed.arch.id, arch: parsed.arch }, inputSizeFlag(args));
  }
  if (model === undefined)
    throw new CliError(
      `missing --model (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')}) or --arch-file`,
    );
  return atInputSize(resolveModelId(model), inputSizeFlag(args));
}

/** `--input-size` when given. */
export function inputSizeFlag(args: ParsedArgs): InputSize | undefined {
  const text = stringFlag(args, 'input-size');
  return text === undefined ? undefined : parseInputSizeValue(text);
}

/** Hardware from a preset id or a custom object, with overrides; HardwareError becomes a CliError. */
export function resolveHardwareValue(
  spec: unknown,
  overrides?: unknown,
): { id: string; label: string; params: HardwareParams; validated: boolean } {
  try {
    if (
      overrides !== undefined &&
      (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    ) {
      throw new HardwareError('hardwareOverrides must be a JSON object');
    }
    const ov = overrides as Partial<HardwareParams> | undefined;
    if (typeof spec === 'string') {
      const preset = findHardwarePreset(spec);
      return {
        id: preset.id,
        label: preset.label,
        params: resolveHardware(spec, ov),
        validated: preset.validated,
      };
    }
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      throw new HardwareError(
        `hardware must be a preset id or a JSON object, got ${previewValue(spec)}`,
      );
    }
    const params = resolveHardware(spec, ov);
    return { id: 'custom', label: 'custom hardware', params, validated: false };
  } catch (e) {
    if (e instanceof HardwareError) throw new CliError(e.message);
    throw e;
  }
}

/** The device of --hardware or --hardware-file, plus --mem-concurrent-fp32 / --batch-size overrides. */
export function resolveHardwareFlags(args: ParsedArgs, io: CliIo) {
  const file = stringFlag(args, 'hardware-file');
  const id = stringFlag(args, 'hardware');
  if (file !== undefined && id !== undefined)
    throw new CliError('give --hardware or --hardware-file, not both');
  let spec: unknown = id;
  if (file !== undefined) {
    const parsed = parseJsonText(io.readText(file));
    if (!parsed.ok) throw new CliError(`'${file}' is not valid JSON: ${parsed.error}`);
    spec = parsed.value;
  }
  if (spec === undefined)
    throw new CliError(`missing --hardware (valid: ${presetIds()}) or --hardware-file`);
  const overrides: Partial<HardwareParams> = {};
  const mc = stringFlag(args, 'mem-concurrent-fp32');
  if (mc !== undefined) overrides.memConcurrentFp32 = parseNumber(mc, '--mem-concurrent-fp32');
  const bs = stringFlag(args, 'batch-size');
  if (bs !== undefined) overrides.batchSize = parseNumber(bs, '--batch-size');
  const hw = resolveHardwareValue(spec, Object.keys(overrides).length ? overrides : undefined);
  return file !== undefined ? { ...hw, id: file } : hw;
}

const presetIds = (): string => HARDWARE_PRESET_IDS.join(', ');

/** Accepts the training script's name 'both' for 'spatial+channel'. */
function normaliseMode(m: string): StageMode {
  const mode = m === 'both' ? 'spatial+channel' : m;
  if (!(STAGE_MODES as readonly string[]).includes(mode)) {
    throw new CliError(
      `unknown mode '${capMessage(m, 60)}' (valid: ${STAGE_MODES.join(', ')}; 'both' = spatial+channel)`,
    );
  }
  return mode as StageMode;
}

/** One mode for every stage, or a dash-joined / array list with one mode per stage. */
export function parseModes(value: unknown, stages: number): StageMode[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('-') : null;
  if (!list || list.some((m) => typeof m !== 'string')) {
    throw new CliError(
      `mode must be one of ${STAGE_MODES.join(', ')} or a dash-joined list of them, one per stage`,
    );
  }
  const modes = (list as string[]).map(normaliseMode);
  if (modes.length === 1) return new Array<StageMode>(stages).fill(modes[0]!);
  if (modes.length !== stages)
    throw new CliError(`mode: expected 1 or ${stages} values (one per stage), got ${modes.length}`);
  return modes;
}

/** A number, a dash-joined string or an array of numbers, as a list. */
function numberList(value: unknown, what: string): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return parseDashList(value, what);
  if (Array.isArray(value) && value.every((v): v is number => typeof v === 'number')) return value;
  throw new CliError(`${what}: expected a number, a dash-joined list or an array of numbers`);
}

/**
 * Per-stage integers: one value for all stages or one per stage (a number, a dash-joined list or an
 * array). The one parser of per-stage lists for every command; `fallback` fills every stage when absent.
 */
export function parsePerStage(
  value: unknown,
  stages: number,
  what: string,
  fallback?: number,
): number[] {
  if (value === undefined) {
    if (fallback === undefined) throw new CliError(`${what}: missing (1 or ${stages} values)`);
    return new Array<number>(stages).fill(fallback);
  }
  const list = numberList(value, what);
  if (list.length === 1) return new Array<number>(stages).fill(list[0]!);
  if (list.length !== stages)
    throw new CliError(
      `${what}: expected 1 or ${stages} values (one per stage), got ${list.length}`,
    );
  return list;
}

/** Rates: one value for every block, or one per block over the whole network. */
export function parseBlockRates(value: unknown, arch: ArchitectureSpec, what: string): number[][] {
  const list = numberList(value, what);
  const perStage = arch.stages.map((s) => s.blocks);
  const total = perStage.reduce((a, b) => a + b, 0);
  for (const r of list) checkRate(r, what);
  if (list.length === 1) return perStage.map((n) => new Array<number>(n).fill(list[0]!));
  if (list.length !== total) {
    throw new CliError(
      `${what}: expected 1 rate or ${total} per-block rates (blocks per stage ${perStage.join('-')}), got ${list.length}`,
    );
  }
  let k = 0;
  return perStage.map((n) => list.slice(k, (k += n)));
}

/** Loose configuration as given on the command line or in a JSONL line. */
export interface ConfigInput {
  mode: unknown;
  granularity?: unknown;
  channelGranularity?: unknown;
  rate?: unknown;
  channelRate?: unknown;
}

/**
 * Builds and validates a network request. Spatial granularities must divide each stage's feature size
 * unless `allowPartialPatches` (the model supports partial patches; the paper's settings never use them).
 */
export function buildRequest(
  arch: ArchitectureSpec,
  input: ConfigInput,
  allowPartialPatches = false,
): NetworkRequest {
  const n = arch.stages.length;
  const modes = parseModes(input.mode ?? undefined, n);
  const allStatic = modes.every((m) => m === 'static');
  if (input.rate === undefined && !allStatic)
    throw new CliError('missing rate (a number in [0, 1] or a dash-joined per-block list)');
  const rates =
    allStatic && input.rate === undefined
      ? arch.stages.map(() => [])
      : parseBlockRates(input.rate, arch, 'rate');
  const req: NetworkRequest = {
    arch,
    modes,
    granularity: parsePerStage(input.granularity, n, 'granularity', 1),
    channelGranularity: parsePerStage(input.channelGranularity, n, 'channel granularity', 1),
    rates,
  };
  if (modes.includes('spatial+channel')) {
    if (input.channelRate === undefined)
      throw new CliError(
        "mode spatial+channel needs a channel rate (--channel-rate / 'channelRate')",
      );
    req.channelRates = parseBlockRates(input.channelRate, arch, 'channel rate');
  }
  const problems = checkNetworkRequest(req, { requireDivisibleGranularity: !allowPartialPatches });
  if (problems.length > 0) throw new CliError(capMessage(problems.join('\n'), 2000));
  return req;
}
