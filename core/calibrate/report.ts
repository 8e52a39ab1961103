/**
 * Calibration of the latency model on a measurement set: deterministic 80/20 split, fit on the 80 %,
 * errors per operator family before and after, held-out errors and a learning curve.
 */
import { createPredictor, type HardwareParams, type Predictor } from '../predictor';
import { FITTED_PARAMETERS, fitHardware, predictMeasurement } from './fit';
import type { Measurement, MeasurementSet } from './measurements';

/** Error statistics of predictions against measurements (errors are |predicted / measured − 1|). */
export interface ErrorSummary {
  readonly count: number;
  readonly medianAbsErrorPct: number;
  readonly worstAbsErrorPct: number;
  /** Share of rows within ±10 %, in percent. */
  readonly within10Pct: number;
}

/** Errors of one operator family on all rows, with the start hardware and with the fitted one. */
export interface FamilyReport {
  readonly family: string;
  readonly count: number;
  readonly before: ErrorSummary;
  readonly after: ErrorSummary;
}

/** One measurement with both predictions (for the scatter plot). */
export interface CalibrationPoint {
  readonly line: number;
  readonly op: string;
  readonly family: string;
  readonly measuredS: number;
  readonly beforeS: number;
  readonly afterS: number;
  readonly heldOut: boolean;
}

/** One point of the learning curve: held-out error of a fit on the first `trainRows` training rows. */
export interface LearningPoint {
  readonly trainRows: number;
  readonly heldOut: ErrorSummary;
}

/** Everything a calibration reports. */
export interface CalibrationReport {
  /** The fitted hardware (fitted on the training rows only, so the held-out error is honest). */
  readonly hardware: HardwareParams;
  /** The start hardware, with the measured batch size. */
  readonly start: HardwareParams;
  readonly fitted: readonly { key: string; label: string; start: number; value: number }[];
  /** All rows, start hardware. */
  readonly before: ErrorSummary;
  /** All rows, fitted hardware. */
  readonly after: ErrorSummary;
  /** Held-out rows, fitted hardware. */
  readonly heldOut: ErrorSummary;
  /** Held-out rows, start hardware. */
  readonly heldOutBefore: ErrorSummary;
  readonly families: readonly FamilyReport[];
  readonly learningCurve: readonly LearningPoint[];
  readonly points: readonly CalibrationPoint[];
  readonly trainRows: number;
  readonly heldOutRows: number;
  readonly iterations: number;
}

/** Result of {@link calibrate}. */
export type CalibrationResult =
  { ok: true; report: CalibrationReport } | { ok: false; error: string };

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** Also fit on 10, 25, 50 and all training rows for the learning curve (default true). */
  learningCurve?: boolean;
  maxIterations?: number;
  /** Called between phases (for progress display). */
  onProgress?: (phase: string) => void;
}

/** Fewest rows a fit accepts: the fitted parameters, a margin, and the 20 % held out. */
export const MIN_MEASUREMENTS = 10;
const LEARNING_SIZES = [10, 25, 50];

/** Summarises absolute percentage errors of `predicted` against `measured`. */
export function errorSummary(
  predicted: readonly number[],
  measured: readonly number[],
): ErrorSummary {
  const errs = predicted.map((p, i) => Math.abs(p / measured[i]! - 1) * 100).sort((a, b) => a - b);
  const n = errs.length;
  if (n === 0) return { count: 0, medianAbsErrorPct: NaN, worstAbsErrorPct: NaN, within10Pct: NaN };
  const mid = n >> 1;
  return {
    count: n,
    medianAbsErrorPct: n % 2 === 1 ? errs[mid]! : (errs[mid - 1]! + errs[mid]!) / 2,
    worstAbsErrorPct: errs[n - 1]!,
    within10Pct: (errs.filter((e) => e <= 10).length / n) * 100,
  };
}

/** A seeded 32-bit generator (mulberry32): the split must be the same on every run and machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic order of the rows: each family shuffled with a fixed seed, then families interleaved
 * round-robin, so any prefix covers every family. Every fifth row of this order is held out.
 */
export function splitRows(rows: readonly Measurement[]): { train: number[]; heldOut: number[] } {
  const rand = seeded(17);
  const byFamily = new Map<string, number[]>();
  rows.forEach((m, i) => {
    const list = byFamily.get(m.family) ?? [];
    list.push(i);
    byFamily.set(m.family, list);
  });
  const queues = [...byFamily.keys()].sort().map((k) => {
    const list = byFamily.get(k)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  });
  const order: number[] = [];
  for (let k = 0; order.length < rows.length; k++) {
    for (const q of queues) if (k < q.length) order.push(q[k]!);
  }
  const train: number[] = [];
  const heldOut: number[] = [];
  order.forEach((idx, pos) => (pos % 5 === 4 ? heldOut : train).push(idx));
  return { train, heldOut };
}

function predictAll(p: Predictor, rows: readonly Measurement[]): number[] {
  return rows.map((m) => predictMeasurement(p, m));
}

function pick<T>(values: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => values[i]!);
}

/**
 * Calibrates `start` on a measurement set: fits on 80 % of the rows, reports errors before and after
 * (all rows, held-out rows, per family) and, optionally, the learning curve. Fails with a message when
 * the set is too small or a row cannot be evaluated by the predictor.
 */
export function calibrate(
  set: MeasurementSet,
  startHardware: HardwareParams,
  options: CalibrateOptions = {},
): CalibrationResult {
  const rows = set.rows;
  if (rows.length < MIN_MEASUREMENTS) {
    return {
      ok: false,
      error:
        `too few measurements to fit: found ${rows.length}, need at least ${MIN_MEASUREMENTS} ` +
        `(${FITTED_PARAMETERS.length} hardware parameters are fitted and 20 % of the rows are held out)`,
    };
  }
  const start: HardwareParams = {
    ...startHardware,
    batchSize: set.batchSize ?? startHardware.batchSize,
  };
  const startP = createPredictor(start);
  const beforeS: number[] = [];
  for (const m of rows) {
    let lat: number;
    try {
      lat = predictMeasurement(startP, m);
    } catch (e) {
      return {
        ok: false,
        error: `line ${m.line} (${m.op}): the predictor cannot evaluate these parameters (${e instanceof Error ? e.message : String(e)})`,
      };
    }
    if (!(lat > 0) || !Number.isFinite(lat))
      return {
        ok: false,
        error: `line ${m.line} (${m.op}): the predictor gives ${lat} s for these parameters`,
      };
    beforeS.push(lat);
  }
  const { train, heldOut } = splitRows(rows);
  const trainRows = pick(rows, train);
  options.onProgress?.('fit');
  const fit = fitHardware(trainRows, start, { maxIterations: options.maxIterations });
  const afterS = predictAll(createPredictor(fit.hardware), rows);
  const measured = rows.map((m) => m.measuredS);
  const heldMeasured = pick(measured, heldOut);
  const learningCurve: LearningPoint[] = [];
  if (options.learningCurve !== false) {
    const sizes = [...LEARNING_SIZES.filter((s) => s < train.length), train.length];
    for (const size of sizes) {
      options.onProgress?.(`learning curve: ${size} rows`);
      const hw =
        size === train.length
          ? fit.hardware
          : fitHardware(trainRows.slice(0, size), start, { maxIterations: options.maxIterations })
              .hardware;
      const pred = predictAll(createPredictor(hw), pick(rows, heldOut));
      learningCurve.push({ trainRows: size, heldOut: errorSummary(pred, heldMeasured) });
    }
  }
  const heldSet = new Set(heldOut);
  const families = [...new Set(rows.map((m) => m.family))].map((family) => {
    const idx = rows.flatMap((m, i) => (m.family === family ? [i] : []));
    const meas = pick(measured, idx);
    return {
      family,
      count: idx.length,
      before: errorSummary(pick(beforeS, idx), meas),
      after: errorSummary(pick(afterS, idx), meas),
    };
  });
  return {
    ok: true,
    report: {
      hardware: fit.hardware,
      start,
      fitted: FITTED_PARAMETERS.map((fp) => ({
        key: fp.key,
        label: fp.label,
        start: start[fp.key],
        value: fit.hardware[fp.key],
      })),
      before: errorSummary(beforeS, measured),
      after: errorSummary(afterS, measured),
      heldOut: errorSummary(pick(afterS, heldOut), heldMeasured),
      heldOutBefore: errorSummary(pick(beforeS, heldOut), heldMeasured),
      families,
      learningCurve,
      points: rows.map((m, i) => ({
        line: m.line,
        op: m.op,
        family: m.family,
        measuredS: m.measuredS,
        beforeS: beforeS[i]!,
        afterS: afterS[i]!,
        heldOut: heldSet.has(i),
      })),
      trainRows: train.length,
      heldOutRows: heldOut.length,
      iterations: fit.iterations,
    },
  };
}
