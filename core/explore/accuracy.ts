/** Accuracy rows → plotted points: each row's configuration predicted on a device, and their front. */
import { toNetworkRequest } from '../config/request';
import type { StudioConfig } from '../config/schema';
import { predictNetwork } from '../predictor/network';
import type { Predictor } from '../predictor/context';
import type { AccuracyCsv, AccuracyRow } from './accuracyCsv';
import { resolveConfigRef } from './configRef';
import { paretoFront } from './pareto';

/** One row of the user's file with its predicted latency. */
export interface AccuracyPoint {
  row: AccuracyRow;
  config: StudioConfig;
  latencyMsPerImage: number;
}

/** The plotted rows, the messages of rows that could not be used, and the front (indices into points). */
export interface AccuracyPlot {
  points: AccuracyPoint[];
  errors: string[];
  front: number[];
}

/**
 * Predicts every row's configuration on `p` (the device's parameters; the configurations' own hardware is
 * not used, so all rows are compared on one device). Rows whose configuration cannot be resolved are
 * reported with their line number and left out; accuracies are exactly the file's.
 */
export function accuracyPlot(
  csv: AccuracyCsv,
  base: StudioConfig,
  readFile: (path: string) => string | undefined,
  p: Predictor,
): AccuracyPlot {
  const errors = [...csv.errors];
  const points: AccuracyPoint[] = [];
  for (const row of csv.rows) {
    const config = resolveConfigRef(row.ref, base, readFile);
    if (!config.ok) {
      errors.push(`line ${row.line}: ${config.error}`);
      continue;
    }
    try {
      const pred = predictNetwork(p, toNetworkRequest(config.value));
      points.push({ row, config: config.value, latencyMsPerImage: pred.latencyMsPerImage });
    } catch (e) {
      errors.push(`line ${row.line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const byLine = (a: string, b: string) =>
    Number(/^line (\d+)/.exec(a)?.[1] ?? 0) - Number(/^line (\d+)/.exec(b)?.[1] ?? 0);
  errors.sort(byLine);
  const front = paretoFront(
    points.map((x) => x.latencyMsPerImage),
    points.map((x) => x.row.accuracy),
  );
  return { points, errors, front };
}
