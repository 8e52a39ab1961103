/**
 * Reader of latency measurement files written by `tools/latency-bench/bench.py`: a CSV with one row per
 * measured operator (`op`, its parameters in the predictor's vocabulary, `latency_s`), optionally led by
 * comment lines `# {...}` holding the run's JSON header (device, clocks, versions, batch size).
 */
import { OPERATORS, OPERATOR_NAMES, operatorFamily, type OpArgs } from './operators';

/** One measured operator: a predictor call and the measured latency per batch. */
export interface Measurement {
  /** 1-based line in the file (for messages). */
  readonly line: number;
  readonly op: string;
  /** Operator family for the error report (see {@link operatorFamily}). */
  readonly family: string;
  /** Every parameter of the predictor call, defaults filled in. */
  readonly args: OpArgs;
  /** Measured latency per batch in seconds (the median of the runs). */
  readonly measuredS: number;
  /** Spread of the runs in seconds (interquartile range), when the file gives it. */
  readonly spreadS: number | null;
}

/** A parsed measurement file. */
export interface MeasurementSet {
  readonly rows: readonly Measurement[];
  /** Batch size of every row (from the `batch_size` column or the header); null when neither gives it. */
  readonly batchSize: number | null;
  /** The JSON header (an object), or null. */
  readonly header: Readonly<Record<string, unknown>> | null;
}

/** Result of {@link parseMeasurementsCsv}: the set, or every problem found (capped) in one message. */
export type MeasurementParseResult =
  { ok: true; set: MeasurementSet } | { ok: false; error: string };

const MAX_LISTED = 8;

function splitCsvLine(line: string): string[] {
  // Liberal: trims cells and drops surrounding double quotes (the bench never writes commas in cells).
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

function parseHeaderComment(text: string): Record<string, unknown> | null {
  const body = text.replace(/^#\s*/, '');
  if (!body.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const FLAGS = new Set([
  'with_indexing',
  'spatial_masker',
  'channel_masker',
  'test_nofuse',
  'no_fuse',
]);
const DENSITIES = new Set(['density', 'ic_density', 'oc_density', 'c_density']);
const MAY_BE_ZERO = new Set(['squeeze_channels', 'granul_size_pad']);

/** Range checks: sizes are positive integers, densities lie in [0, 1], flags are 0 or 1. */
function argumentProblems(args: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (FLAGS.has(name)) {
      if (value !== 0 && value !== 1) out.push(`${name} must be 0 or 1, found ${value}`);
    } else if (DENSITIES.has(name)) {
      if (!(value >= 0 && value <= 1)) out.push(`${name} must lie in [0, 1], found ${value}`);
    } else if (!Number.isInteger(value) || value < (MAY_BE_ZERO.has(name) ? 0 : 1)) {
      out.push(
        `${name} must be a ${MAY_BE_ZERO.has(name) ? 'non-negative' : 'positive'} integer, found ${value}`,
      );
    }
  }
  return out;
}

function listProblems(problems: string[]): string {
  const shown = problems.slice(0, MAX_LISTED);
  const more = problems.length - shown.length;
  return shown.join('\n') + (more > 0 ? `\n… and ${more} more problem(s)` : '');
}

/**
 * Parses a measurement CSV. Accepts a BOM, CRLF, blank lines, `#` comment lines (the first one that is a
 * JSON object is the header), unknown extra columns and empty optional cells. Rejects, with the line and
 * what was expected: a missing `op` or `latency_s` column, an unknown operator, a missing parameter, a
 * non-numeric cell, a zero/negative/non-finite time and rows of different batch sizes.
 */
export function parseMeasurementsCsv(text: string): MeasurementParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: Record<string, unknown> | null = null;
  let columns: string[] | null = null;
  const problems: string[] = [];
  const rows: Measurement[] = [];
  const batchSizes = new Set<number>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const lineNo = i + 1;
    if (line === '') return;
    if (line.startsWith('#')) {
      header ??= parseHeaderComment(line);
      return;
    }
    if (columns === null) {
      columns = splitCsvLine(line);
      return;
    }
    const cells = splitCsvLine(line);
    const cell = (name: string): string => {
      const k = columns!.indexOf(name);
      return k < 0 ? '' : (cells[k] ?? '');
    };
    const op = cell('op');
    const spec = OPERATORS[op];
    if (!spec) {
      problems.push(
        `line ${lineNo}: unknown operator '${op}' (valid: ${OPERATOR_NAMES.join(', ')})`,
      );
      return;
    }
    const args: Record<string, number> = {};
    const rowProblems: string[] = [];
    const number = (name: string, text: string): number | null => {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) {
        rowProblems.push(`${name} must be a number, found '${text}'`);
        return null;
      }
      return value;
    };
    const missing = spec.required.filter((name) => cell(name) === '');
    if (missing.length > 0)
      rowProblems.push(`operator '${op}' needs ${missing.join(', ')} (empty or no such column)`);
    for (const name of spec.required) {
      if (cell(name) === '') continue;
      const value = number(name, cell(name));
      if (value !== null) args[name] = value;
    }
    for (const [name, fallback] of Object.entries(spec.optional)) {
      const text = cell(name);
      const value = text === '' ? fallback : number(name, text);
      if (value !== null) args[name] = value;
    }
    rowProblems.push(...argumentProblems(args));
    const timeText = cell('latency_s');
    const measuredS = Number(timeText);
    if (timeText === '' || !Number.isFinite(measuredS) || measuredS <= 0) {
      rowProblems.push(
        `latency_s must be a positive number of seconds, found '${timeText === '' ? '(empty)' : timeText}'`,
      );
    }
    const spreadText = cell('latency_spread_s');
    const spread = spreadText === '' ? null : Number(spreadText);
    const batchText = cell('batch_size');
    if (batchText !== '') {
      const b = Number(batchText);
      if (!Number.isInteger(b) || b <= 0)
        rowProblems.push(`batch_size must be a positive integer, found '${batchText}'`);
      else batchSizes.add(b);
    }
    if (rowProblems.length > 0) {
      problems.push(`line ${lineNo} (${op}): ${rowProblems.join('; ')}`);
      return;
    }
    rows.push({
      line: lineNo,
      op,
      family: operatorFamily(op, args),
      args: Object.freeze(args),
      measuredS,
      spreadS: spread !== null && Number.isFinite(spread) ? spread : null,
    });
  });
  const cols: string[] = columns ?? [];
  const absent = ['op', 'latency_s'].filter((c) => !cols.includes(c));
  if (columns === null) return { ok: false, error: 'no CSV header line (expected op,…,latency_s)' };
  if (absent.length > 0) {
    return {
      ok: false,
      error: `missing column(s) ${absent.join(', ')}; found: ${cols.join(', ') || '(none)'}`,
    };
  }
  if (problems.length > 0) return { ok: false, error: listProblems(problems) };
  const headerBatch = (header as Record<string, unknown> | null)?.batch_size;
  if (typeof headerBatch === 'number' && Number.isInteger(headerBatch) && headerBatch > 0)
    batchSizes.add(headerBatch);
  if (batchSizes.size > 1) {
    return {
      ok: false,
      error: `rows measure different batch sizes (${[...batchSizes].join(', ')}); a fit needs one batch size per file`,
    };
  }
  if (rows.length === 0) return { ok: false, error: 'no measurement rows after the header line' };
  return {
    ok: true,
    set: { rows, batchSize: batchSizes.size === 1 ? [...batchSizes][0]! : null, header },
  };
}
