/**
 * Auto-granularity (formulation spec §5, the paper's procedure in one call): for each stage and each
 * candidate spatial granularity S (or channel group size G), and layer skipping, predict the stage's latency
 * ratio (dynamic/static) at the target rate on the configured hardware, pick the lowest, and return the
 * table that justifies the choice.
 */
import {
  resolveArchitecture,
  stageInnerWidth,
  validChannelGroupSizes,
  validGranularities,
} from '../config/resolve';
import type { StageConfig, StudioConfig } from '../config/schema';
import { predictConfig, predictorFor } from './predict';

/** One candidate of one stage. */
export interface GranularityRow {
  /** 0-based stage index. */
  stage: number;
  mode: 'spatial' | 'channel' | 'layer';
  /** S for spatial rows, G for channel rows, the stage resolution for the layer row. */
  value: number;
  /** Σ of the stage's block latencies (per batch). */
  latencyS: number;
  staticLatencyS: number;
  /** latencyS / staticLatencyS: below 1 means the dynamic stage is faster than the static one. */
  latencyRatio: number;
  chosen: boolean;
}

/** The choice for one stage. */
export interface StageChoice {
  stage: number;
  mode: 'spatial' | 'channel' | 'layer';
  value: number;
  latencyRatio: number;
}

/** Result of {@link autoGranularity}. */
export interface GranularityResult {
  rate: number;
  rows: GranularityRow[];
  choices: StageChoice[];
  /** The input configuration with the chosen mode and granularity per stage (rates untouched). */
  config: StudioConfig;
}

/** Options of {@link autoGranularity}. */
export interface GranularityOptions {
  /** Which granularity to search: S (spatial) or G (channel). */
  mode: 'spatial' | 'channel';
  /** Activation rate every block gets during the search (default: the configuration's target rate). */
  rate?: number;
  /** Also consider layer skipping for each stage (default true). */
  includeLayer?: boolean;
  /**
   * Restrict the candidates (values that are invalid for a stage are skipped). By default every valid S,
   * and every valid G except G = m: a single channel group is layer skipping, which the layer row covers,
   * and the predictor would cost its masker as zero [latency spec §4.7].
   */
  candidates?: number[];
}

/** Ratios closer than this are ties; ties go to the finer granularity (more spatial / channel detail). */
const TIE = 1e-9;

function stageSetting(base: StageConfig, mode: GranularityRow['mode'], value: number): StageConfig {
  if (mode === 'spatial') return { ...base, mode, spatialGranularity: value };
  if (mode === 'channel') return { ...base, mode, channelGroupSize: value };
  return { ...base, mode: 'layer' };
}

/**
 * Predicts every candidate of every stage and picks, per stage, the lowest latency ratio.
 * Stage latencies do not depend on the other stages, so each candidate value is evaluated for all stages
 * in one network prediction (stages where it is invalid stay static).
 * @throws on an invalid configuration (validate it first).
 */
export function autoGranularity(
  config: StudioConfig,
  options: GranularityOptions,
): GranularityResult {
  const arch = resolveArchitecture(config);
  const predictor = predictorFor(config);
  const rate = options.rate ?? config.targetRate;
  const includeLayer = options.includeLayer ?? true;
  const perStage = arch.stages.map((s, i) => {
    const m = stageInnerWidth(arch, i) ?? 1;
    const all =
      options.mode === 'spatial' ? validGranularities(s.outResolution) : validChannelGroupSizes(m);
    if (options.candidates) return all.filter((v) => options.candidates!.includes(v));
    return options.mode === 'channel' && m > 1 ? all.filter((g) => g < m) : all;
  });
  const uniform: StudioConfig = {
    ...config,
    targetRate: rate,
    blockRates: {},
    stages: config.stages.map((s) => ({ ...s, rate: null, channelRate: null })),
  };
  const rows: GranularityRow[] = [];
  const evaluate = (
    mode: GranularityRow['mode'],
    valueOf: (stage: number) => number | undefined,
  ) => {
    const stages = uniform.stages.map((s, i) => {
      const v = valueOf(i);
      return v === undefined ? { ...s, mode: 'static' as const } : stageSetting(s, mode, v);
    });
    const prediction = predictConfig({ ...uniform, stages }, predictor, arch);
    arch.stages.forEach((spec, i) => {
      const v = valueOf(i);
      if (v === undefined) return;
      let latencyS = 0;
      let staticLatencyS = 0;
      for (const b of prediction.blocks) {
        if (b.stage !== i) continue;
        latencyS += b.latencyS;
        staticLatencyS += b.staticLatencyS;
      }
      rows.push({
        stage: i,
        mode,
        value: mode === 'layer' ? spec.outResolution : v,
        latencyS,
        staticLatencyS,
        latencyRatio: latencyS / staticLatencyS,
        chosen: false,
      });
    });
  };
  const values = [...new Set(perStage.flat())].sort((a, b) => a - b);
  for (const v of values) evaluate(options.mode, (i) => (perStage[i]?.includes(v) ? v : undefined));
  if (includeLayer) evaluate('layer', (i) => arch.stages[i]?.outResolution);
  rows.sort(
    (a, b) =>
      a.stage - b.stage ||
      (a.mode === 'layer' ? 1 : 0) - (b.mode === 'layer' ? 1 : 0) ||
      a.value - b.value,
  );

  const choices: StageChoice[] = [];
  arch.stages.forEach((_, i) => {
    let best: GranularityRow | undefined;
    for (const row of rows) {
      if (row.stage !== i) continue;
      // Rows are in ascending granularity with layer last, so a strict improvement is needed to move on.
      if (!best || row.latencyRatio < best.latencyRatio * (1 - TIE)) best = row;
    }
    if (best) {
      best.chosen = true;
      choices.push({
        stage: i,
        mode: best.mode,
        value: best.value,
        latencyRatio: best.latencyRatio,
      });
    }
  });
  const chosenConfig: StudioConfig = {
    ...config,
    stages: config.stages.map((s, i) => {
      const c = choices.find((x) => x.stage === i);
      return c ? stageSetting(s, c.mode, c.mode === 'layer' ? s.spatialGranularity : c.value) : s;
    }),
  };
  return { rate, rows, choices, config: chosenConfig };
}
