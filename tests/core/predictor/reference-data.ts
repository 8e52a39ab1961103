// Loads the reference vectors committed in tests/data/reference (see its README for their provenance).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPredictor, resolveHardware, type Predictor } from '../../../core/predictor';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const referenceDir = path.join(repoRoot, 'tests', 'data', 'reference');

export type Row = Record<string, string>;

/** Minimal CSV reader: the reference files quote only fields containing commas (no embedded quotes). */
export function loadCsv(name: string): Row[] {
  const text = readFileSync(path.join(referenceDir, name), 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => {
    const cells = split(line);
    const row: Row = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

const predictors = new Map<string, Predictor>();

/** Predictor of a reference hardware name: a preset, or `<preset>_mc1` for the memory-concurrency variant. */
export function referencePredictor(name: string): Predictor {
  let p = predictors.get(name);
  if (!p) {
    const mc1 = name.endsWith('_mc1');
    const hw = resolveHardware(
      mc1 ? name.slice(0, -4) : name,
      mc1 ? { memConcurrentFp32: 1 } : undefined,
    );
    p = createPredictor(hw);
    predictors.set(name, p);
  }
  return p;
}

/** Relative error |a − b| / |b| (absolute when b = 0). */
export function relErr(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Numeric cell; throws on an empty cell so a typo in a column name cannot pass silently. */
export function num(row: Row, col: string): number {
  const v = row[col];
  if (v === undefined || v === '') throw new Error(`empty column ${col}`);
  return Number(v);
}

/** Tracks the largest error over a set of comparisons and collects failures. */
export class ErrorTally {
  compared = 0;
  maxErr = 0;
  failures: string[] = [];
  check(what: string, actual: number | null, expected: number | null, tol = 1e-9): void {
    if (expected === null || actual === null) {
      if (expected !== actual) this.failures.push(`${what}: got ${actual}, expected ${expected}`);
      return;
    }
    this.compared++;
    const e = relErr(actual, expected);
    if (e > this.maxErr) this.maxErr = e;
    if (!(e <= tol))
      this.failures.push(
        `${what}: got ${actual}, expected ${expected} (rel ${e.toExponential(2)})`,
      );
  }
}
