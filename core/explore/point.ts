/** From an index of the space to a configuration: the studio document, and the keys `predict --input` takes. */
import { toNetworkRequest } from '../config/request';
import { resolveArchitecture } from '../config/resolve';
import type { StageConfig, StudioConfig } from '../config/schema';
import { decodeIndex } from './space';
import type { ExploreSpace, StageOption } from './types';

/** The stage options and rates (one per stage; static stages at 1) of configuration `k`. */
export function pointStages(
  space: ExploreSpace,
  k: number,
): { option: StageOption; rate: number }[] {
  const digits = decodeIndex(space, k);
  const global = space.rates[digits[space.choices.length] ?? 0]!;
  return space.choices.map((choices, i) => {
    const choice = choices[digits[i]!]!;
    const rate =
      choice.option.mode === 'static'
        ? 1
        : choice.rateIndex >= 0
          ? space.rates[choice.rateIndex]!
          : global;
    return { option: choice.option, rate };
  });
}

/** Short text of a stage option: `static`, `spatial S=4`, `channel G=2`, `layer`. */
export function optionLabel(o: StageOption): string {
  if (o.mode === 'spatial') return `spatial S=${o.s}`;
  if (o.mode === 'channel') return `channel G=${o.g}`;
  return o.mode;
}

/** One line describing configuration `k`, e.g. `spatial S=4 · spatial S=4 · channel G=2 · static @ 0.5`. */
export function pointSummary(space: ExploreSpace, k: number): string {
  const stages = pointStages(space, k);
  const parts = stages.map((s) =>
    space.rateScope === 'per-stage' && s.option.mode !== 'static'
      ? `${optionLabel(s.option)} @ ${s.rate}`
      : optionLabel(s.option),
  );
  const dynamic = stages.find((s) => s.option.mode !== 'static');
  const tail = space.rateScope === 'global' && dynamic ? ` @ ${dynamic.rate}` : '';
  return parts.join(' · ') + tail;
}

/**
 * Configuration `k` as a studio document built on `base` (model, hardware, input size, name kept): the
 * stages' modes, S, G and rates set, block overrides cleared. With a global rate it becomes the target
 * rate; per-stage rates go to the stages. S and G a mode does not use keep the base's values.
 */
export function pointConfig(space: ExploreSpace, k: number, base: StudioConfig): StudioConfig {
  const stages = pointStages(space, k);
  const global = space.rateScope === 'global';
  const dynamic = stages.find((s) => s.option.mode !== 'static');
  const next: StageConfig[] = stages.map(({ option, rate }, i) => {
    const prev = base.stages[i];
    return {
      mode: option.mode,
      spatialGranularity: option.mode === 'spatial' ? option.s : (prev?.spatialGranularity ?? 1),
      channelGroupSize: option.mode === 'channel' ? option.g : (prev?.channelGroupSize ?? 1),
      rate: global || option.mode === 'static' ? null : rate,
      channelRate: null,
    };
  });
  return {
    ...base,
    targetRate: global && dynamic ? dynamic.rate : base.targetRate,
    stages: next,
    blockRates: {},
  };
}

/** The keys `laudnet predict --input` accepts, for a configuration on a preset device. */
export interface PredictInput {
  model: string;
  hardware: string;
  hardwareOverrides?: Record<string, unknown>;
  mode: string;
  granularity: number[];
  channelGranularity: number[];
  /** One rate for every block, or one per block over the network (static blocks at 1). */
  rate: number | number[];
}

/**
 * The `predict --input` line of a studio configuration on a built-in model and a preset device: the same
 * network request `toNetworkRequest` builds, so the prediction is the same.
 * @throws RangeError for a custom model or custom hardware (predict lines name presets), or another input
 * size than 224 (predict lines have no input-size key).
 */
export function toPredictInput(config: StudioConfig): PredictInput {
  if (config.model.kind !== 'builtin' || config.hardware.kind !== 'preset')
    throw new RangeError('only built-in models on preset hardware have a predict --input line');
  if (JSON.stringify(config.inputSize) !== '224')
    throw new RangeError('predict --input lines describe the 224×224 input size');
  const arch = resolveArchitecture(config);
  const req = toNetworkRequest(config, arch);
  // predictNetwork runs static blocks at 1 whatever they are given, so one shared dynamic rate is exact.
  const dynamic = req.rates.filter((_, i) => req.modes[i] !== 'static').flat();
  const single = dynamic.every((r) => r === dynamic[0]);
  const overrides = config.hardware.overrides;
  return {
    model: config.model.id,
    hardware: config.hardware.id,
    ...(Object.keys(overrides).length > 0 ? { hardwareOverrides: overrides } : {}),
    mode: req.modes.join('-'),
    granularity: req.granularity,
    channelGranularity: req.channelGranularity,
    rate: single ? (dynamic[0] ?? 1) : req.rates.flat(),
  };
}
