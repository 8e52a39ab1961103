/**
 * What the analysis worker computes, as plain functions (unit-testable in Node): the prediction and FLOPs
 * of a configuration and the same configuration on every hardware preset (curves: ./curves.ts).
 * Predictors of equal hardware parameters share their memoised tile searches (core keeps them), so
 * creating one per call costs nothing after the first.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { toNetworkRequest } from '../../../core/config/request';
import {
  blockDynamicsOf,
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
} from '../../../core/predictor';
import { sameFields } from '../sameFields';
import { trainingFlagsText } from './analysisFlags';
import type { Analysis, HardwareRow } from './types';

/** The predictor's request for a configuration (core's conversion, one place for the rules). */
export function requestFor(
  config: StudioConfig,
  arch: ArchitectureSpec = resolveArchitecture(config),
): NetworkRequest {
  return toNetworkRequest(config, arch);
}

/** A configuration's architecture and predictor: what its model, input size and hardware resolve to. */
interface Resolved {
  arch: ArchitectureSpec;
  predictor: Predictor;
}

/** Resolved model/size/hardware triples, least recently used first (a rate change hits the last one). */
const resolvedByKey = new Map<string, Resolved>();
const RESOLVED_LIMIT = 16;

/**
 * The architecture and predictor of a configuration, resolved (and validated) once per model, input size
 * and hardware, keyed by their JSON: equal values share an entry whatever their identity (the worker
 * receives copies), and an edit in place could never return a stale entry. Errors are not remembered.
 */
function resolvedFor(config: StudioConfig): Resolved {
  const key = JSON.stringify([config.model, config.inputSize, config.hardware]);
  const hit = resolvedByKey.get(key);
  if (hit) {
    resolvedByKey.delete(key);
    resolvedByKey.set(key, hit);
    return hit;
  }
  const arch = resolveArchitecture(config);
  const value = { arch, predictor: createPredictor(resolveHardwareParams(config)) };
  if (resolvedByKey.size >= RESOLVED_LIMIT) {
    resolvedByKey.delete(resolvedByKey.keys().next().value as string);
  }
  resolvedByKey.set(key, value);
  return value;
}

/** Prediction, FLOPs and training flags of the configuration. */
export function analyze(config: StudioConfig): Analysis {
  const t0 = performance.now();
  const { arch, predictor } = resolvedFor(config);
  const prediction = predictNetwork(predictor, requestFor(config, arch));
  const flops = networkFlops(arch, blockDynamicsOf(config, arch));
  const trainingFlags = trainingFlagsText(config, { arch, flops });
  return {
    prediction,
    flops,
    flopsRatio: flops.flopsRatio,
    trainingFlags,
    workerMs: performance.now() - t0,
  };
}

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

/** One preset's row of the hardware comparison, from its prediction. */
export function hardwareRow(
  preset: (typeof HARDWARE_PRESETS)[number],
  pred: NetworkPrediction,
): HardwareRow {
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
}

/** One predictor per preset (presets are frozen constants), created on first use. */
let presetPredictors: Predictor[] | null = null;

/** The configuration on every hardware preset (batch size and parameters of each preset). */
export function hardwareRows(config: StudioConfig): HardwareRow[] {
  const arch = resolveArchitecture(config);
  const req = requestFor(config, arch);
  presetPredictors ??= HARDWARE_PRESETS.map((preset) =>
    createPredictor(resolveHardware(preset.id)),
  );
  const predictors = presetPredictors;
  return HARDWARE_PRESETS.map((preset, i) =>
    hardwareRow(preset, predictNetwork(predictors[i]!, req)),
  );
}

/** The fields of a configuration that {@link familyKey} leaves out (the rates), and `stages`. */
const RATE_FIELDS: ReadonlySet<string> = new Set(['targetRate', 'blockRates', 'stages']);

/**
 * True when `a` and `b` are of one family: every field but the rates holds the same value or the same
 * object (a configuration is never changed in place: an edit makes a new one and keeps the objects it did
 * not touch), and the stages have the same modes, granularities and group sizes.
 */
function sameFamily(a: StudioConfig, b: StudioConfig): boolean {
  if (!sameFields(a, b, RATE_FIELDS) || a.stages.length !== b.stages.length) return false;
  return a.stages.every((s, i) => {
    const t = b.stages[i]!;
    return (
      s.mode === t.mode &&
      s.spatialGranularity === t.spatialGranularity &&
      s.channelGroupSize === t.channelGroupSize
    );
  });
}

/** The last configuration whose family was written out, and its key. */
let lastFamily: { config: StudioConfig; key: string } | null = null;

/**
 * The configuration without its rates, as a string: what curves and the predictor's memo tables depend
 * on (model, input size, hardware, stage modes and granularities), so a rate change keeps the same key.
 * A configuration of the last one's family (a rate edit: every other field the same object) gets its
 * key without writing the configuration out again (its notes alone may be long), on every rate change.
 */
export function familyKey(config: StudioConfig): string {
  const last = lastFamily;
  if (last && (last.config === config || sameFamily(last.config, config))) {
    lastFamily = { config, key: last.key };
    return last.key;
  }
  const { targetRate: _t, blockRates: _b, stages, ...rest } = config;
  const key = JSON.stringify([
    rest,
    stages.map((s) => [s.mode, s.spatialGranularity, s.channelGroupSize]),
  ]);
  lastFamily = { config, key };
  return key;
}
