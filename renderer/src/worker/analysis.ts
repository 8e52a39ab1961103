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
} from '../../../core/predictor';
import { trainingFlagsText } from './analysisFlags';
import type { Analysis, HardwareRow } from './types';

/** The predictor's request for a configuration (core's conversion, one place for the rules). */
export function requestFor(
  config: StudioConfig,
  arch: ArchitectureSpec = resolveArchitecture(config),
): NetworkRequest {
  return toNetworkRequest(config, arch);
}

/** Prediction, FLOPs and training flags of the configuration. */
export function analyze(config: StudioConfig): Analysis {
  const t0 = performance.now();
  const arch = resolveArchitecture(config);
  const prediction = predictNetwork(
    createPredictor(resolveHardwareParams(config)),
    requestFor(config, arch),
  );
  const flops = networkFlops(arch, blockDynamicsOf(config, arch));
  const trainingFlags = trainingFlagsText(config);
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

/** The configuration on every hardware preset (batch size and parameters of each preset). */
export function hardwareRows(config: StudioConfig): HardwareRow[] {
  const arch = resolveArchitecture(config);
  const req = requestFor(config, arch);
  return HARDWARE_PRESETS.map((preset) =>
    hardwareRow(preset, predictNetwork(createPredictor(resolveHardware(preset.id)), req)),
  );
}

/**
 * The configuration without its rates, as a string: what curves and the predictor's memo tables depend
 * on (model, input size, hardware, stage modes and granularities), so a rate change keeps the same key.
 */
export function familyKey(config: StudioConfig): string {
  const { targetRate: _t, blockRates: _b, stages, ...rest } = config;
  return JSON.stringify([
    rest,
    stages.map((s) => [s.mode, s.spatialGranularity, s.channelGroupSize]),
  ]);
}
