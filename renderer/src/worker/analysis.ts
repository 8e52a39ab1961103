/**
 * What the analysis worker computes, as plain functions (unit-testable in Node): the prediction and FLOPs
 * of a configuration, latency-ratio curves, and the same configuration on every hardware preset.
 * Predictors of equal hardware parameters share their memoised tile searches (core keeps them), so
 * creating one per call costs nothing after the first.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { stageMidChannels } from '../../../core/arch';
import { toNetworkRequest } from '../../../core/config/request';
import {
  blockDynamicsOf,
  effectiveGranularity,
  resolveArchitecture,
  resolveHardwareParams,
} from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import { networkFlops } from '../../../core/flops';
import {
  createPredictor,
  HARDWARE_PRESETS,
  predictNetwork,
  resolveHardware,
  type NetworkPrediction,
  type NetworkRequest,
  type Predictor,
  type StageMode,
} from '../../../core/predictor';
import type { Analysis, CurvePoint, CurveSeries, CurveSet, HardwareRow } from './types';

/** The predictor's request for a configuration (core's conversion, one place for the rules). */
export function requestFor(
  config: StudioConfig,
  arch: ArchitectureSpec = resolveArchitecture(config),
): NetworkRequest {
  return toNetworkRequest(config, arch);
}

/** Prediction and FLOPs of the configuration. */
export function analyze(config: StudioConfig): Analysis {
  const t0 = performance.now();
  const arch = resolveArchitecture(config);
  const prediction = predictNetwork(
    createPredictor(resolveHardwareParams(config)),
    requestFor(config, arch),
  );
  const flops = networkFlops(arch, blockDynamicsOf(config, arch));
  return { prediction, flops, flopsRatio: flops.flopsRatio, workerMs: performance.now() - t0 };
}

/** Activation rates of the candidate curves: 0, 0.05, …, 1. */
export const CURVE_RATES: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);
/**
 * Rates of the current configuration's curve: every step of the rate sliders (0.01), so the live
 * point is always a sample of the curve and the drawn line passes exactly through it.
 */
export const FINE_CURVE_RATES: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

/** Latency ratio (dynamic / static) of one stage of a prediction. */
export function stageRatio(p: NetworkPrediction, stage: number): number {
  let dyn = 0;
  let stat = 0;
  for (const b of p.blocks) {
    if (b.stage !== stage) continue;
    dyn += b.latencyS;
    stat += b.staticLatencyS;
  }
  return dyn / stat;
}

/** The request with every block of `stages` at `rate` (others unchanged) and the given stage settings. */
function variant(
  base: NetworkRequest,
  stages: readonly number[],
  mode: StageMode,
  granularity: number | null,
  rate: number,
): NetworkRequest {
  const modes = base.modes.slice();
  const gran = base.granularity.slice();
  const rates = base.rates.map((r) => r.slice());
  const channelRates = base.channelRates?.map((r) => r.slice());
  for (const s of stages) {
    modes[s] = mode;
    if (granularity !== null) gran[s] = granularity;
    rates[s] = rates[s]!.map(() => rate);
    if (channelRates) channelRates[s] = channelRates[s]!.map(() => rate);
  }
  return { ...base, modes, granularity: gran, rates, ...(channelRates ? { channelRates } : {}) };
}

interface Candidate {
  id: string;
  label: string;
  mode: StageMode;
  /** Per-stage granularity (null: keep the configuration's). */
  granularity: number[] | null;
}

function sweep(
  p: Predictor,
  base: NetworkRequest,
  stages: readonly number[],
  c: Candidate,
  measure: (pred: NetworkPrediction) => number,
  rates: readonly number[] = CURVE_RATES,
): CurvePoint[] {
  return rates.map((rate) => {
    let req = base;
    stages.forEach((s, k) => {
      req = variant(req, [s], c.mode, c.granularity ? c.granularity[k]! : null, rate);
    });
    return { rate, ratio: measure(predictNetwork(p, req)) };
  });
}

function stageCandidates(arch: ArchitectureSpec, stage: number, groupSize: number): Candidate[] {
  const spec = arch.stages[stage]!;
  const res = spec.outResolution;
  const out: Candidate[] = [];
  for (let s = 1; s <= res; s++) {
    if (res % s !== 0 || s === res) continue;
    out.push({ id: `spatial-${s}`, label: `Spatial S=${s}`, mode: 'spatial', granularity: [s] });
  }
  out.push({ id: 'layer', label: 'Layer skipping', mode: 'layer', granularity: [res] });
  const m = stageMidChannels(arch, spec);
  if (m % groupSize === 0) {
    out.push({
      id: `channel-${groupSize}`,
      label: `Channel G=${groupSize}`,
      mode: 'channel',
      granularity: null,
    });
  }
  return out;
}

/** Latency-ratio curves of one stage (every candidate S, layer, channel) or of the whole network. */
export function curves(config: StudioConfig, scope: 'stage' | 'network', stage: number): CurveSet {
  const arch = resolveArchitecture(config);
  const p = createPredictor(resolveHardwareParams(config));
  const base = requestFor(config, arch);
  if (scope === 'stage') return stageCurves(config, arch, p, base, stage);
  return networkCurves(config, arch, p, base);
}

function stageCurves(
  config: StudioConfig,
  arch: ArchitectureSpec,
  p: Predictor,
  base: NetworkRequest,
  stage: number,
): CurveSet {
  const st = config.stages[stage]!;
  const g = effectiveGranularity(arch, st, stage);
  const currentId =
    st.mode === 'spatial'
      ? `spatial-${g}`
      : st.mode === 'layer'
        ? 'layer'
        : st.mode === 'channel'
          ? `channel-${st.channelGroupSize}`
          : '';
  const series: CurveSeries[] = stageCandidates(arch, stage, st.channelGroupSize).map((c) => ({
    id: c.id,
    label: c.label,
    mode: c.mode,
    granularity: c.granularity?.[0] ?? st.channelGroupSize,
    current: c.id === currentId,
    points: sweep(
      p,
      base,
      [stage],
      c,
      (pred) => stageRatio(pred, stage),
      c.id === currentId ? FINE_CURVE_RATES : CURVE_RATES,
    ),
  }));
  return { scope: 'stage', stage, series };
}

function networkCurves(
  config: StudioConfig,
  arch: ArchitectureSpec,
  p: Predictor,
  base: NetworkRequest,
): CurveSet {
  const all = arch.stages.map((_, i) => i);
  const dynamicStages = config.stages.flatMap((s, i) => (s.mode === 'static' ? [] : [i]));
  const ratio = (pred: NetworkPrediction) => pred.latencyS / pred.staticLatencyS;
  const lists: number[][] = [
    [1, 1, 1, 1],
    [2, 2, 2, 1],
    [4, 4, 2, 1],
    [8, 4, 7, 1],
    [7, 7, 7, 7],
  ];
  const candidates: Candidate[] = [];
  for (const list of lists) {
    if (
      list.length !== arch.stages.length ||
      !arch.stages.every((s, i) => s.outResolution % list[i]! === 0)
    )
      continue;
    candidates.push({
      id: `spatial-${list.join('-')}`,
      label: `Spatial ${list.join('-')}`,
      mode: 'spatial',
      granularity: list,
    });
  }
  candidates.push({
    id: 'layer',
    label: 'Layer skipping',
    mode: 'layer',
    granularity: arch.stages.map((s) => s.outResolution),
  });
  if (arch.stages.every((s) => stageMidChannels(arch, s) % 2 === 0)) {
    candidates.push({ id: 'channel-2', label: 'Channel G=2', mode: 'channel', granularity: null });
  }
  const series: CurveSeries[] = [
    {
      id: 'config',
      label: 'Current configuration',
      mode: 'config',
      granularity: null,
      current: true,
      points: FINE_CURVE_RATES.map((r) => ({
        rate: r,
        ratio: ratio(predictNetwork(p, uniformRates(base, dynamicStages, r))),
      })),
    },
    ...candidates.map((c) => ({
      id: c.id,
      label: c.label,
      mode: c.mode,
      granularity: null,
      current: false,
      points: sweep(p, base, all, c, ratio),
    })),
  ];
  return { scope: 'network', stage: 0, series };
}

function uniformRates(
  base: NetworkRequest,
  stages: readonly number[],
  rate: number,
): NetworkRequest {
  const rates = base.rates.map((r, i) => (stages.includes(i) ? r.map(() => rate) : r));
  const channelRates = base.channelRates?.map((r, i) =>
    stages.includes(i) ? r.map(() => rate) : r,
  );
  return { ...base, rates, ...(channelRates ? { channelRates } : {}) };
}

/** The configuration on every hardware preset (batch size and parameters of each preset). */
export function hardwareRows(config: StudioConfig): HardwareRow[] {
  const arch = resolveArchitecture(config);
  const req = requestFor(config, arch);
  return HARDWARE_PRESETS.map((preset) => {
    const pred = predictNetwork(createPredictor(resolveHardware(preset.id)), req);
    return {
      id: preset.id,
      label: preset.label,
      validated: preset.validated,
      batchSize: pred.batchSize,
      latencyS: pred.latencyS,
      staticLatencyS: pred.staticLatencyS,
      ratio: pred.ratio,
      msPerImage: pred.latencyMsPerImage,
      staticMsPerImage: pred.staticMsPerImage,
    };
  });
}
