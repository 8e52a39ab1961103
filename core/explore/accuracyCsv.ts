/**
 * Reads the user's own accuracy results: a CSV of (configuration, top-1 accuracy[, name]) rows from their
 * training runs. Liberal in the header names, quoting, separators and the accuracy's form (76.1, 76.1 %
 * or 0.761); strict per row, with line numbers, because a wrong accuracy would be plotted as a fact.
 * Only what the file says is kept: no row is guessed, filled in or smoothed.
 */
import { readCsv } from './csv';

/** How a row names its configuration. */
export type ConfigRef =
  { kind: 'path'; path: string } | { kind: 'flags'; text: string } | { kind: 'json'; text: string };

/** One accepted row. */
export interface AccuracyRow {
  /** 1-based line in the file. */
  line: number;
  ref: ConfigRef;
  /** Top-1 accuracy as a fraction in [0, 1]. */
  accuracy: number;
  /** The run's name when the file has a name column, else the configuration text shortened. */
  label: string;
}

/** What a CSV gave: the rows that are usable, and one message per row that is not. */
export interface AccuracyCsv {
  rows: AccuracyRow[];
  errors: string[];
}

/** Lower-case letters and digits only: `Top-1 Acc (%)` → `top1acc`. */
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

const isAccuracyHeader = (h: string) => /top1|acc|prec1/.test(norm(h));
const isConfigHeader = (h: string) =>
  /config|path|file|flag|arg|cli|json|setting|command|cmd/.test(norm(h));
const isNameHeader = (h: string) => /^(name|run|label|id|runname|runid|experiment)$/.test(norm(h));

/** Classifies a configuration cell: inline JSON, flags, or a file path. */
export function classifyConfigCell(cell: string): ConfigRef {
  const t = cell.trim();
  if (t.startsWith('{')) return { kind: 'json', text: t };
  if (/(^|\s)--[a-z]/i.test(t)) return { kind: 'flags', text: t };
  return { kind: 'path', path: t };
}

/** A number with an optional `%`; undefined when the text is not one. */
function parseAccuracyText(text: string): { value: number; percent: boolean } | undefined {
  const t = text.trim().replace(/\s+/g, '');
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1) : t;
  if (!/^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  return { value: Number(body), percent };
}

const shorten = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Parses an accuracy CSV. With a header, the columns are found by name (accuracy: `top1`, `acc`, …;
 * configuration: `config`, `path`, `flags`, …; optional name: `name`, `run`); without one, the first column
 * is the configuration and the second the accuracy. Bare accuracies are percentages when any bare value
 * in the file exceeds 1, else fractions; `%` always means a percentage.
 */
export function parseAccuracyCsv(text: string): AccuracyCsv {
  const read = readCsv(text);
  if (!read.ok) return { rows: [], errors: [read.error] };
  const records = read.records;
  if (records.length === 0)
    return {
      rows: [],
      errors: ['the file is empty (expected rows of configuration, top-1 accuracy)'],
    };
  const head = records[0]!;
  const hasHeader =
    parseAccuracyText(head.fields[1] ?? '') === undefined && head.fields.some(isAccuracyHeader);
  let accCol = 1;
  let cfgCol = 0;
  let nameCol = -1;
  if (hasHeader) {
    accCol = head.fields.findIndex(isAccuracyHeader);
    cfgCol = head.fields.findIndex((h, i) => i !== accCol && isConfigHeader(h));
    nameCol = head.fields.findIndex((h, i) => i !== accCol && i !== cfgCol && isNameHeader(h));
    if (cfgCol < 0)
      return {
        rows: [],
        errors: [
          `line ${head.line}: no configuration column (expected a header such as config, path or flags; found ${head.fields.map((f) => `'${shorten(f.trim(), 30)}'`).join(', ')})`,
        ],
      };
  } else if (head.fields.length < 2) {
    return {
      rows: [],
      errors: [
        `line ${head.line}: expected a header or at least two columns (configuration, top-1 accuracy), found one`,
      ],
    };
  }
  const body = hasHeader ? records.slice(1) : records;
  const errors: string[] = [];
  const parsed: { rec: (typeof body)[number]; acc: { value: number; percent: boolean } }[] = [];
  for (const rec of body) {
    const cfg = (rec.fields[cfgCol] ?? '').trim();
    const accText = (rec.fields[accCol] ?? '').trim();
    if (cfg === '') {
      errors.push(`line ${rec.line}: the configuration is empty`);
      continue;
    }
    if (accText === '') {
      errors.push(`line ${rec.line}: the top-1 accuracy is empty`);
      continue;
    }
    const acc = parseAccuracyText(accText);
    if (!acc) {
      errors.push(
        `line ${rec.line}: top-1 accuracy '${shorten(accText, 30)}' is not a number (expected e.g. 76.1, 76.1% or 0.761)`,
      );
      continue;
    }
    parsed.push({ rec, acc });
  }
  const barePercent = parsed.some((p) => !p.acc.percent && p.acc.value > 1);
  const rows: AccuracyRow[] = [];
  for (const { rec, acc } of parsed) {
    // 12 significant digits: 74.9 / 100 is 0.749, not 0.7490000000000001 (no input carries more).
    const fraction =
      acc.percent || barePercent ? Number((acc.value / 100).toPrecision(12)) : acc.value;
    if (!(fraction >= 0 && fraction <= 1)) {
      errors.push(
        `line ${rec.line}: top-1 accuracy ${rec.fields[accCol]!.trim()} is outside 0–100 %`,
      );
      continue;
    }
    const cfg = rec.fields[cfgCol]!.trim();
    const name = nameCol >= 0 ? (rec.fields[nameCol] ?? '').trim() : '';
    rows.push({
      line: rec.line,
      ref: classifyConfigCell(cfg),
      accuracy: fraction,
      label: name !== '' ? name : shorten(cfg),
    });
  }
  return { rows, errors };
}
