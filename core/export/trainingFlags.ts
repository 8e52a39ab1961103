/**
 * Interop with the reference training script (formulation spec §6): a configuration as one line of flags,
 * and back. Only part of a configuration is expressible there (per-stage modes, S, G and the network FLOPs
 * ratio); everything else is reported as a warning on export and filled from a base configuration on import.
 */
import { BUILTIN_ARCHITECTURES } from '../arch';
import { configForArchitecture } from '../config/defaults';
import { baseArchitecture, configInputSize, resolveArchitecture } from '../config/resolve';
import { formatInputSize } from '../arch/inputSize';
import type { ArchitectureSpec } from '../arch';
import type { NetworkFlops } from '../flops/network';
import type { ConfigStageMode, StudioConfig } from '../config/schema';
import { stageTrainability, type TrainabilityProblem } from '../config/trainability';
import { validateConfig } from '../config/validate';
import { configFlops, flopsRatioForRate } from '../flops/config';
import { rateForFlopsRatio } from '../solvers/flopsTarget';

/** Stage modes as the reference script spells them; `static` has no value there (see warnings). */
const MODE_TO_FLAG: Record<ConfigStageMode, string> = {
  static: 'static',
  spatial: 'spatial',
  channel: 'channel',
  layer: 'layer',
  'spatial+channel': 'both',
};
const FLAG_TO_MODE: Record<string, ConfigStageMode> = {
  static: 'static',
  spatial: 'spatial',
  channel: 'channel',
  layer: 'layer',
  both: 'spatial+channel',
};

/** Significant digits of `--target_rate`: enough that importing recovers rates written with 4 decimals. */
const TARGET_RATE_DIGITS = 8;

/** An exported flag line. */
export interface TrainingFlagsExport {
  /** One line to paste after the training script's name. */
  line: string;
  /** Flag → value, in the order of the line. */
  flags: [string, string][];
  /** What the line cannot express (static stages, per-stage rates, custom architectures …). */
  warnings: string[];
  /** False when the line contains a placeholder that the reference script would reject (a static stage). */
  expressible: boolean;
  /**
   * Stages the reference code cannot train as configured (RegNet layer mode, G not dividing m). Callers
   * that write the line for training must refuse when this is not empty; the line is still built so that
   * reports can show what was asked.
   */
  notTrainable: (TrainabilityProblem | InputSizeProblem)[];
}

/** The whole network cannot be trained by the reference code at this input size. */
export interface InputSizeProblem {
  stage: null;
  rule: 'input-size';
  reason: string;
  message: string;
}

/**
 * The reference training code trains ImageNet classification at 224×224 only (its data pipeline crops
 * 224, and its FLOPs target is counted at 224): flags for another input size would train something else.
 */
export function inputSizeProblem(config: StudioConfig): InputSizeProblem | null {
  const size = configInputSize(config);
  if (size.height === 224 && size.width === 224) return null;
  const reason =
    `the reference training code trains ImageNet classification at 224×224 only; ` +
    `this configuration is at ${formatInputSize(size)} (detection/segmentation sizes are predicted, not trainable with it)`;
  return { stage: null, rule: 'input-size', reason, message: `not trainable: ${reason}` };
}

/** Formats the FLOPs ratio as written in `--target_rate`. */
export function formatTargetRate(flopsRatio: number): string {
  return String(Number(flopsRatio.toPrecision(TARGET_RATE_DIGITS)));
}

/**
 * Exports a configuration as the reference training script's flags, with warnings for what is lost and
 * the stages the reference code cannot train (`notTrainable`). A layer stage's S is not mentioned: the
 * configuration keeps it only to restore it when the stage goes back to a spatial mode. `known` passes
 * what a caller has already computed for this configuration (`resolveArchitecture(config)` and
 * `configFlops(config, arch)`), so that they are not computed twice.
 */
export function exportTrainingFlags(
  config: StudioConfig,
  known?: { arch: ArchitectureSpec; flops: NetworkFlops },
): TrainingFlagsExport {
  const arch = known ? known.arch : resolveArchitecture(config);
  const warnings: string[] = [];
  if (!arch.trainingArch) {
    warnings.push(
      `--arch: ${arch.label} has no name in the reference script; written as its id '${arch.id}'`,
    );
  }
  if (arch.stages.length !== 4)
    warnings.push(`the reference script expects 4 stages, ${arch.label} has ${arch.stages.length}`);
  const sizeProblem = inputSizeProblem(config);
  const flops = known ? known.flops : configFlops(config, arch);
  config.stages.forEach((s, i) => {
    if (s.mode === 'static') {
      warnings.push(
        `stage ${i + 1} is static: the reference script has no static mode; 'static' in --dyn_mode is a placeholder to replace`,
      );
    }
  });
  const nonUniform =
    config.stages.some((s) => s.mode !== 'static' && (s.rate !== null || s.channelRate !== null)) ||
    Object.keys(config.blockRates).length > 0;
  if (nonUniform) {
    warnings.push(
      `per-stage and per-block rates are not expressible: --target_rate is the network FLOPs ratio ` +
        `(${formatTargetRate(flops.flopsRatio)}); the training code learns its own allocation`,
    );
  }
  const join = (xs: (string | number)[]) => xs.join('-');
  const flags: [string, string][] = [
    ['--arch', arch.trainingArch ?? arch.id],
    ['--dyn_mode', join(config.stages.map((s) => MODE_TO_FLAG[s.mode]))],
    [
      '--mask_spatial_granularity',
      join(
        config.stages.map((s, i) =>
          s.mode === 'layer' ? (arch.stages[i]?.outResolution ?? 1) : s.spatialGranularity,
        ),
      ),
    ],
    ['--channel_dyn_granularity', join(config.stages.map((s) => s.channelGroupSize))],
    ['--mask_channel_group', join(config.stages.map(() => 1))],
    ['--channel_masker', join(config.stages.map(() => 'MLP'))],
    ['--channel_masker_layers', join(config.stages.map(() => 2))],
    ['--channel_masker_reduction', join(config.stages.map(() => 16))],
    ['--target_rate', formatTargetRate(flops.flopsRatio)],
  ];
  return {
    line: flags.map(([k, v]) => `${k} ${v}`).join(' '),
    flags,
    warnings,
    expressible: !config.stages.some((s) => s.mode === 'static'),
    notTrainable: [
      ...(sizeProblem ? [sizeProblem] : []),
      ...config.stages.flatMap((s, i) => stageTrainability(arch, i, s.mode, s.channelGroupSize)),
    ],
  };
}

/** Result of importing a flag line. */
export type TrainingFlagsImport =
  { ok: true; config: StudioConfig; warnings: string[] } | { ok: false; error: string };

/** Splits `--a x --b=y` into flag/value pairs; words before the first flag (`python train.py`) are skipped. */
function tokenize(line: string): { pairs: Map<string, string>; problems: string[] } {
  const words = line
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '\\');
  const pairs = new Map<string, string>();
  const problems: string[] = [];
  let i = words.findIndex((w) => w.startsWith('--'));
  while (i >= 0 && i < words.length) {
    const word = words[i] as string;
    if (!word.startsWith('--')) {
      problems.push(`unexpected value '${word}'`);
      i++;
      continue;
    }
    const eq = word.indexOf('=');
    if (eq > 0) {
      pairs.set(word.slice(0, eq), word.slice(eq + 1));
      i++;
    } else {
      const next = words[i + 1];
      if (next === undefined || next.startsWith('--')) {
        pairs.set(word, '');
        i++;
      } else {
        pairs.set(word, next);
        i += 2;
      }
    }
  }
  return { pairs, problems };
}

/** Parses `a-b-c-d` into `count` values; undefined with a message in `problems` when it does not fit. */
function perStage<T>(
  pairs: Map<string, string>,
  flag: string,
  count: number,
  parse: (v: string) => T | undefined,
  valid: string,
  problems: string[],
): T[] | undefined {
  const raw = pairs.get(flag);
  if (raw === undefined) return undefined;
  const parts = raw.split('-');
  const values = parts.map(parse);
  if (parts.length !== count || values.some((v) => v === undefined)) {
    problems.push(`${flag}: expected ${count} values joined by '-' (${valid}), got '${raw}'`);
    return undefined;
  }
  return values as T[];
}

const positiveInt = (v: string) => (/^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/**
 * Imports a flag line into a configuration. `base` supplies what the flags cannot carry (name, notes,
 * hardware, input size); a base for another model is replaced by that model's defaults. The activation
 * rate is solved from `--target_rate` (a FLOPs ratio) with one rate for every block, and rounded to 4 or 6
 * decimals when the rounded rate exports to the same `--target_rate`. Never throws.
 */
export function parseTrainingFlags(line: string, base?: StudioConfig): TrainingFlagsImport {
  const { pairs, problems } = tokenize(line);
  const warnings: string[] = [];
  const archFlag = pairs.get('--arch');
  if (archFlag === undefined || archFlag === '')
    return {
      ok: false,
      error:
        '--arch: missing (valid: uni_resnet50, uni_resnet101, lad_regnet_y_400mf, lad_regnet_y_800mf)',
    };
  const baseArch = base ? baseArchitecture(base) : undefined;
  let start: StudioConfig;
  if (base && baseArch && (baseArch.trainingArch === archFlag || baseArch.id === archFlag))
    start = base;
  else {
    const arch = BUILTIN_ARCHITECTURES.find(
      (a) => a.trainingArch === archFlag || a.id === archFlag,
    );
    if (!arch) {
      const valid = BUILTIN_ARCHITECTURES.map((a) => a.trainingArch).join(', ');
      return { ok: false, error: `--arch: unknown architecture '${archFlag}' (valid: ${valid})` };
    }
    start = configForArchitecture(
      arch,
      true,
      base?.hardware.kind === 'preset' ? base.hardware.id : 'v100',
    );
    if (base) start = { ...start, name: base.name, notes: base.notes, hardware: base.hardware };
  }
  let arch;
  try {
    arch = resolveArchitecture(start);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const n = arch.stages.length;
  const modes = perStage(
    pairs,
    '--dyn_mode',
    n,
    (v) => FLAG_TO_MODE[v],
    'spatial|channel|layer|both',
    problems,
  );
  if (!pairs.has('--dyn_mode'))
    problems.push('--dyn_mode: missing (e.g. spatial-spatial-spatial-spatial)');
  const sizes = perStage(
    pairs,
    '--mask_spatial_granularity',
    n,
    positiveInt,
    'positive integers',
    problems,
  );
  const groups = perStage(
    pairs,
    '--channel_dyn_granularity',
    n,
    positiveInt,
    'positive integers',
    problems,
  );
  const rawTarget = pairs.get('--target_rate');
  const target = rawTarget === undefined ? undefined : Number(rawTarget);
  if (
    rawTarget !== undefined &&
    !(target !== undefined && Number.isFinite(target) && target > 0 && target <= 2)
  ) {
    problems.push(`--target_rate: expected a FLOPs ratio such as 0.5, got '${rawTarget}'`);
  }
  const maskGroup = pairs.get('--mask_channel_group');
  if (maskGroup !== undefined && maskGroup.split('-').some((g) => g !== '1')) {
    warnings.push(`--mask_channel_group ${maskGroup}: only 1 is modelled; imported as 1`);
  }
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  const stages = start.stages.map((s, i) => {
    const mode = modes?.[i] ?? s.mode;
    const size = sizes?.[i] ?? s.spatialGranularity;
    return {
      mode,
      spatialGranularity: mode === 'layer' ? (arch.stages[i]?.outResolution ?? size) : size,
      channelGroupSize: groups?.[i] ?? s.channelGroupSize,
      rate: null,
      channelRate: null,
    };
  });
  let config: StudioConfig = { ...start, stages, blockRates: {} };
  const problemsAfter = validateConfig(config);
  if (problemsAfter.length > 0)
    return {
      ok: false,
      error: problemsAfter.map((p) => `flags give an invalid configuration: ${p}`).join('\n'),
    };
  if (target !== undefined) {
    if (stages.every((s) => s.mode === 'static')) {
      warnings.push('--target_rate ignored: every stage is static');
    } else {
      const exact = rateForFlopsRatio(config, target);
      const printed = formatTargetRate(target);
      const rounded = [4, 6].map((d) => Math.round(exact * 10 ** d) / 10 ** d);
      const rate =
        rounded.find((r) => formatTargetRate(flopsRatioForRate(config, r, arch)) === printed) ??
        exact;
      const achieved = flopsRatioForRate(config, rate, arch);
      if (Math.abs(achieved - target) > 5e-3 * target) {
        warnings.push(
          `--target_rate ${rawTarget} is out of reach for these modes; the closest ratio is ${formatTargetRate(achieved)}`,
        );
      }
      config = { ...config, targetRate: rate };
    }
  }
  return { ok: true, config, warnings };
}
