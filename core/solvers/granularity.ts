/**
 * Granularity choice as the LAUDNet paper makes it (formulation spec §5): the paradigm is fixed by the
 * stage (a spatial model stays spatial), and the question is *which* granularity. For a spatial or
 * spatial+channel stage every spatial granularity S that divides the stage's map (S = the map side
 * included) is predicted at the stage's own rates and channel setting; for a channel stage every group
 * size G. The lowest stage latency ratio (dynamic/static) wins. Layer skipping and the other paradigm are
 * predicted too, as reference rows for context: they are never chosen. The fair comparison across
 * paradigms is the matched-FLOPs table (`matchedFlops.ts`), not equal activation rates.
 */
import { stageMidChannels } from '../arch';
import type { ArchitectureSpec } from '../arch';
import { resolveArchitecture, validChannelGroupSizes, validGranularities } from '../config/resolve';
import type { StageConfig, StudioConfig } from '../config/schema';
import { stageTrainability } from '../config/trainability';
import { withUniformRate } from '../flops/config';
import { matchedFlopsTable, stageFlopsRatios, type MatchedFlopsRow } from './matchedFlops';
import { predictConfig, predictorFor } from './predict';

/** What is searched in a stage: its spatial granularity S or its channel group size G. */
export type GranularitySearch = 'spatial' | 'channel';

/** One predicted setting of one stage. */
export interface GranularityRow {
  /** 0-based stage index. */
  stage: number;
  /** The row's paradigm: a candidate of the stage's search, or a reference paradigm. */
  mode: 'spatial' | 'channel' | 'layer';
  /** S for spatial rows, G for channel rows, the stage resolution for the layer row. */
  value: number;
  /** Σ of the stage's block latencies (per batch). */
  latencyS: number;
  staticLatencyS: number;
  /** latencyS / staticLatencyS: below 1 means the dynamic stage is faster than the static one. */
  latencyRatio: number;
  /** The stage's FLOPs ratio in this setting, as the reference training code counts FLOPs. */
  flopsRatio: number;
  /** A reference row (layer skipping, the other paradigm): shown for context, never chosen. */
  reference: boolean;
  /** Whether the reference code can train this setting (`stageTrainability`). */
  trainable: boolean;
  chosen: boolean;
}

/** The choice for one stage (always of the stage's own search: a spatial S or a channel G). */
export interface StageChoice {
  stage: number;
  mode: GranularitySearch;
  value: number;
  latencyRatio: number;
}

/** Result of {@link autoGranularity}. */
export interface GranularityResult {
  /** The uniform rate the search used, or the configuration's target rate when its own rates were kept. */
  rate: number;
  /** Whether `rate` replaced the configuration's rates (false: every stage searched at its own rates). */
  uniformRate: boolean;
  /** What each stage searched (null: a static or layer stage, which has no granularity to choose). */
  searches: (GranularitySearch | null)[];
  rows: GranularityRow[];
  choices: StageChoice[];
  /** Each paradigm at the rate that gives the stage its current FLOPs ratio, and its latency there. */
  matched: MatchedFlopsRow[];
  /** The input configuration with the chosen S or G per searched stage (modes and rates untouched). */
  config: StudioConfig;
}

/** Options of {@link autoGranularity}. */
export interface GranularityOptions {
  /**
   * Search every dynamic stage for S (spatial; a stage that is not spatial+channel becomes spatial) or for
   * G (channel). Default: each stage searches what its mode has (spatial and spatial+channel: S; channel:
   * G); static and layer stages are left alone.
   */
  mode?: GranularitySearch;
  /** One activation rate for every block during the search (default: the configuration's own rates). */
  rate?: number;
  /** Predict the reference rows (layer skipping, the other paradigm) and the matched-FLOPs table (default true). */
  includeReference?: boolean;
  /**
   * Restrict the candidates (values invalid for a stage are skipped). By default every S that divides the
   * map, and every G that divides m except G = m: a single channel group is layer skipping, which the
   * layer row covers, and the predictor would cost its masker as zero [latency spec §4.7].
   */
  candidates?: number[];
}

/** Ratios closer than this (relative) are ties; ties go to the finer granularity (the smaller S or G). */
export const GRANULARITY_TIE = 1e-9;

/**
 * The winner among one stage's candidate rows: the lowest latency ratio; a ratio within
 * {@link GRANULARITY_TIE} (relative) of the best so far does not displace it, so ties go to the smaller
 * value (the finer granularity). Reference rows never win. Undefined when there is no candidate.
 */
export function pickLowest(rows: readonly GranularityRow[]): GranularityRow | undefined {
  let best: GranularityRow | undefined;
  const candidates = rows.filter((r) => !r.reference).sort((a, b) => a.value - b.value);
  for (const row of candidates) {
    if (!best || row.latencyRatio < best.latencyRatio * (1 - GRANULARITY_TIE)) best = row;
  }
  return best;
}

/** The stage's search under `options` (null: nothing to choose). */
function searchOf(stage: StageConfig, options: GranularityOptions): GranularitySearch | null {
  if (options.mode) return stage.mode === 'static' ? null : options.mode;
  if (stage.mode === 'spatial' || stage.mode === 'spatial+channel') return 'spatial';
  if (stage.mode === 'channel') return 'channel';
  return null;
}

/** The stage mode a search evaluates (spatial+channel keeps its channel part while S is searched). */
function searchedMode(
  stage: StageConfig,
  search: GranularitySearch,
): GranularitySearch | 'spatial+channel' {
  if (stage.mode === 'spatial+channel') return 'spatial+channel';
  return search;
}

function candidatesOf(
  arch: ArchitectureSpec,
  i: number,
  search: GranularitySearch,
  restrict: number[] | undefined,
): number[] {
  const spec = arch.stages[i];
  if (!spec) return [];
  const m = stageMidChannels(arch, spec);
  const all =
    search === 'spatial'
      ? validGranularities(spec.outResolution)
      : validChannelGroupSizes(m).filter((g) => m === 1 || g < m);
  return restrict ? all.filter((v) => restrict.includes(v)) : all;
}

/** A stage as a row's setting: the paradigm `mode` with S or G = `value`. */
function rowSetting(
  base: StageConfig,
  mode: GranularityRow['mode'] | 'spatial+channel',
  value: number,
): StageConfig {
  if (mode === 'layer') return { ...base, mode };
  if (mode === 'channel') return { ...base, mode, channelGroupSize: value };
  return { ...base, mode, spatialGranularity: value };
}

/**
 * Predicts the candidates (and reference rows) of every searched stage and picks, per stage, the lowest
 * latency ratio ({@link pickLowest}). Stage latencies do not depend on the other stages, so one network
 * prediction evaluates one setting for every stage at once (stages without that setting stay static).
 * @throws on an invalid configuration (validate it first).
 */
export function autoGranularity(
  config: StudioConfig,
  options: GranularityOptions = {},
): GranularityResult {
  const arch = resolveArchitecture(config);
  const predictor = predictorFor(config);
  const base = options.rate === undefined ? config : withUniformRate(config, options.rate);
  const searches = base.stages.map((s) => searchOf(s, options));
  const includeReference = options.includeReference ?? true;
  const rows: GranularityRow[] = [];

  /** Evaluates, for every stage where `settingOf` gives one, that stage setting; adds the rows. */
  const evaluate = (
    settingOf: (
      i: number,
    ) => { stage: StageConfig; row: GranularityRow['mode']; value: number } | null,
    reference: boolean,
  ) => {
    const settings = base.stages.map((_, i) => settingOf(i));
    if (settings.every((s) => s === null)) return;
    const stages = base.stages.map(
      (s, i) => settings[i]?.stage ?? { ...s, mode: 'static' as const },
    );
    const evaluated: StudioConfig = { ...base, stages };
    const prediction = predictConfig(evaluated, predictor, arch);
    const flops = stageFlopsRatios(evaluated, arch);
    settings.forEach((setting, i) => {
      if (!setting) return;
      let latencyS = 0;
      let staticLatencyS = 0;
      for (const b of prediction.blocks) {
        if (b.stage !== i) continue;
        latencyS += b.latencyS;
        staticLatencyS += b.staticLatencyS;
      }
      const st = setting.stage;
      rows.push({
        stage: i,
        mode: setting.row,
        value: setting.value,
        latencyS,
        staticLatencyS,
        latencyRatio: latencyS / staticLatencyS,
        flopsRatio: flops[i] ?? 1,
        reference,
        trainable: stageTrainability(arch, i, st.mode, st.channelGroupSize).length === 0,
        chosen: false,
      });
    });
  };

  const perStage = searches.map((search, i) =>
    search ? candidatesOf(arch, i, search, options.candidates) : [],
  );
  const values = [...new Set(perStage.flat())].sort((a, b) => a - b);
  for (const v of values) {
    evaluate((i) => {
      const search = searches[i];
      const stage = base.stages[i];
      if (!search || !stage || !perStage[i]?.includes(v)) return null;
      return { stage: rowSetting(stage, searchedMode(stage, search), v), row: search, value: v };
    }, false);
  }
  if (includeReference) {
    evaluate((i) => {
      const stage = base.stages[i];
      const res = arch.stages[i]?.outResolution ?? 1;
      return searches[i] && stage
        ? { stage: rowSetting(stage, 'layer', res), row: 'layer', value: res }
        : null;
    }, true);
    evaluate((i) => {
      const stage = base.stages[i];
      const search = searches[i];
      if (!search || !stage) return null;
      // The other paradigm at the stage's own setting of it.
      return search === 'spatial'
        ? {
            stage: rowSetting(stage, 'channel', stage.channelGroupSize),
            row: 'channel',
            value: stage.channelGroupSize,
          }
        : {
            stage: rowSetting(stage, 'spatial', stage.spatialGranularity),
            row: 'spatial',
            value: stage.spatialGranularity,
          };
    }, true);
  }
  rows.sort(
    (a, b) =>
      a.stage - b.stage ||
      Number(a.reference) - Number(b.reference) ||
      a.mode.localeCompare(b.mode) ||
      a.value - b.value,
  );

  const choices: StageChoice[] = [];
  searches.forEach((search, i) => {
    if (!search) return;
    const best = pickLowest(rows.filter((r) => r.stage === i));
    if (!best) return;
    best.chosen = true;
    choices.push({ stage: i, mode: search, value: best.value, latencyRatio: best.latencyRatio });
  });
  const chosenConfig: StudioConfig = {
    ...config,
    stages: config.stages.map((s, i) => {
      const c = choices.find((x) => x.stage === i);
      return c ? rowSetting(s, searchedMode(s, c.mode), c.value) : s;
    }),
  };
  const matched = includeReference
    ? matchedFlopsTable(base, arch, predictor, searches, (i) => {
        const c = choices.find((x) => x.stage === i);
        const s = base.stages[i];
        return {
          spatialGranularity: c?.mode === 'spatial' ? c.value : (s?.spatialGranularity ?? 1),
          channelGroupSize: c?.mode === 'channel' ? c.value : (s?.channelGroupSize ?? 1),
        };
      })
    : [];
  return {
    rate: options.rate ?? config.targetRate,
    uniformRate: options.rate !== undefined,
    searches,
    rows,
    choices,
    matched,
    config: chosenConfig,
  };
}
