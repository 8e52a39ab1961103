/**
 * Fitting the latency model's effective hardware parameters to measured latencies: log-ratio least
 * squares (residual ln(measured) − ln(predicted) per row) minimised by Levenberg–Marquardt
 * (`ml-levenberg-marquardt`) over the logarithms of the parameters, each bounded.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { createPredictor, type HardwareParams, type Predictor } from '../predictor';
import type { Measurement } from './measurements';
import { OPERATORS } from './operators';

/** A fitted hardware parameter and its bounds (in its own unit). */
export interface FittedParameter {
  readonly key:
    | 'frequencyHz'
    | 'peFp32s'
    | 'memBandwidthBytesPerS'
    | 'l2SpeedFrac'
    | 'fp32Cycles'
    | 'launchTimeS';
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

/**
 * The fitted set. Effective values, not data-sheet ones: they absorb what the analytic model leaves out.
 * The number of PEs (SMs), the transaction size, the combine mode and the batch size stay as given.
 */
export const FITTED_PARAMETERS: readonly FittedParameter[] = [
  { key: 'frequencyHz', label: 'Clock (Hz)', min: 1e6, max: 1e11 },
  { key: 'peFp32s', label: 'fp32 lanes per PE', min: 1, max: 8192 },
  { key: 'memBandwidthBytesPerS', label: 'DRAM bandwidth (B/s)', min: 1e7, max: 1e15 },
  { key: 'l2SpeedFrac', label: 'L2 bandwidth factor', min: 0.25, max: 64 },
  { key: 'fp32Cycles', label: 'Latency-hiding depth', min: 0.25, max: 64 },
  { key: 'launchTimeS', label: 'Launch overhead (s)', min: 1e-9, max: 1e-2 },
];

/** Options of {@link fitHardware}. */
export interface FitOptions {
  /** Levenberg–Marquardt iterations per pass (two passes; default 20). */
  maxIterations?: number;
}

/** Result of one fit. */
export interface FitResult {
  readonly hardware: HardwareParams;
  readonly iterations: number;
  /** Sum of squared log-ratio residuals on the rows fitted. */
  readonly residual: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Predicted latency (s per batch) of one measurement on a predictor. */
export function predictMeasurement(p: Predictor, m: Measurement): number {
  return OPERATORS[m.op]!.predict(p, m.args);
}

function withParams(base: HardwareParams, logValues: readonly number[]): HardwareParams {
  const hw: HardwareParams = { ...base };
  FITTED_PARAMETERS.forEach((fp, i) => {
    hw[fp.key] = clamp(Math.exp(logValues[i]!), fp.min, fp.max);
  });
  return hw;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Starting point: the given hardware with every time scaled by the median measured/predicted ratio
 * (clock and bandwidth divided, launch time multiplied), so a fit that starts from a very different
 * device (a CPU from a GPU preset) begins near the right magnitude.
 */
function scaledStart(start: HardwareParams, rows: readonly Measurement[]): HardwareParams {
  const p = createPredictor(start);
  const ratio = Math.exp(median(rows.map((m) => Math.log(m.measuredS / predictMeasurement(p, m)))));
  return {
    ...start,
    frequencyHz: start.frequencyHz / ratio,
    memBandwidthBytesPerS: start.memBandwidthBytesPerS / ratio,
    launchTimeS: Math.max(start.launchTimeS, 1e-9) * ratio,
  };
}

/**
 * Fits {@link FITTED_PARAMETERS} to `rows`, starting from `start` (its batch size must be the measured
 * one). Minimises Σ (ln measured − ln predicted)² with Levenberg–Marquardt in log-parameter space,
 * bounded by each parameter's range; returns the best parameters seen.
 */
export function fitHardware(
  rows: readonly Measurement[],
  start: HardwareParams,
  options: FitOptions = {},
): FitResult {
  const init = scaledStart(start, rows);
  const x = rows.map((_, i) => i);
  const y = rows.map((m) => Math.log(m.measuredS));
  const model = (logValues: number[]) => {
    const p = createPredictor(withParams(init, logValues));
    return (i: number): number => {
      const lat = predictMeasurement(p, rows[i]!);
      // A non-positive prediction cannot be compared in log space: push the optimiser away from it.
      return lat > 0 && Number.isFinite(lat) ? Math.log(lat) : -1e3;
    };
  };
  const bounds = {
    minValues: FITTED_PARAMETERS.map((fp) => Math.log(fp.min)),
    maxValues: FITTED_PARAMETERS.map((fp) => Math.log(fp.max)),
  };
  // Two passes: tile searches make the model piecewise smooth, so a coarse finite-difference step (3 %)
  // first steps over the kinks; a fine one (0.1 %) then settles in the basin found.
  let values = FITTED_PARAMETERS.map((fp) => Math.log(clamp(init[fp.key], fp.min, fp.max)));
  let iterations = 0;
  let residual = Infinity;
  for (const step of [3e-2, 1e-3]) {
    const result = levenbergMarquardt({ x, y }, model, {
      ...bounds,
      initialValues: values,
      maxIterations: options.maxIterations ?? 20,
      damping: 1e-2,
      gradientDifference: step,
      centralDifference: true,
      errorTolerance: 1e-12,
      improvementThreshold: 1e-4,
    });
    iterations += result.iterations;
    if (result.parameterError <= residual) {
      residual = result.parameterError;
      values = result.parameterValues;
    }
  }
  return { hardware: withParams(init, values), iterations, residual };
}
