/** Latency of a configuration, through the shared (memoised) predictor. */
import { resolveArchitecture, resolveHardwareParams } from '../config/resolve';
import { toNetworkRequest } from '../config/request';
import type { StudioConfig } from '../config/schema';
import { createPredictor, predictNetwork } from '../predictor';
import type { NetworkPrediction, Predictor } from '../predictor';

/**
 * The predictor for a configuration's hardware. Predictors of equal hardware parameters share their memo
 * tables (tile searches and network plans), so creating one per call costs nothing after the first.
 */
export function predictorFor(config: StudioConfig): Predictor {
  return createPredictor(resolveHardwareParams(config));
}

/**
 * Predicted latency of a configuration (per batch, with per-image figures).
 * @throws RangeError / HardwareError / PredictorInputError on an invalid configuration.
 */
export function predictConfig(
  config: StudioConfig,
  predictor = predictorFor(config),
  arch = resolveArchitecture(config),
): NetworkPrediction {
  return predictNetwork(predictor, toNetworkRequest(config, arch));
}
