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
