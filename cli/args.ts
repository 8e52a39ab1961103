/**
 * Small, reusable command-line parsing: `--flag value`, `--flag=value`, boolean flags, positionals, and
 * value parsers for the project's list syntaxes (dash-joined per-stage lists, comma lists, ranges).
 * Every failure is a CliError whose message names the valid values.
 */
import { CliError } from './errors';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. 'ID' or 'LIST'. */
  value?: string;
  description: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  /** Flag values by name (without dashes); booleans are true when present. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses argv against flag specs. Unknown flags and missing values are errors naming the valid flags. */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const values: ParsedArgs['values'] = {};
  const positionals: string[] = [];
  const known = (): string =>
    Object.keys(specs)
      .map((k) => `--${k}`)
      .join(', ');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new CliError(`unknown option --${name} (valid: ${known()})`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new CliError(`option --${name} takes no value`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new CliError(`option --${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
    }
    values[name] = value;
  }
  return { values, positionals };
}

/** A string flag's value, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Parses one finite number; `what` names the option in the message. */
export function parseNumber(text: string, what: string): number {
  const t = text.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) throw new CliError(`${what}: '${text}' is not a number`);
  return v;
}

/** Parses a positive integer. */
export function parsePositiveInt(text: string, what: string): number {
  const v = parseNumber(text, what);
  if (!Number.isInteger(v) || v < 1)
    throw new CliError(`${what}: '${text}' is not a positive integer`);
  return v;
}

/** `4-4-2-1` → [4, 4, 2, 1]; a single value gives a one-element list. */
export function parseDashList(text: string, what: string): number[] {
  if (text.trim() === '') throw new CliError(`${what}: empty value`);
  return text.split('-').map((part) => parseNumber(part, what));
}

/** `1,2,4` → ['1', '2', '4'] (items are parsed by the caller: they may be dash lists). */
export function splitComma(text: string, what: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new CliError(`${what}: empty item in '${text}'`);
  return items;
}

/**
 * Rates: a range `start:stop:step` (inclusive; values rounded to 12 decimals so 0:1:0.05 gives 0.15, not
 * 0.15000000000000002) or a comma list. Every value must lie in [0, 1].
 */
export function parseRates(text: string, what = '--rates'): number[] {
  let rates: number[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new CliError(`${what}: expected start:stop:step, got '${text}'`);
    const [start, stop, step] = parts.map((p) => parseNumber(p, what)) as [number, number, number];
    if (!(step > 0)) throw new CliError(`${what}: step must be positive, got ${step}`);
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count < 1 || count > 100_000)
      throw new CliError(`${what}: '${text}' gives no rates or too many`);
    rates = Array.from({ length: count }, (_, k) => Number((start + k * step).toFixed(12)));
  } else rates = splitComma(text, what).map((t) => parseNumber(t, what));
  for (const r of rates) checkRate(r, what);
  return rates;
}

/** Throws unless 0 ≤ r ≤ 1. */
export function checkRate(r: number, what: string): void {
  if (!(r >= 0 && r <= 1))
    throw new CliError(`${what}: rate ${r} is outside [0, 1] (valid: 0 to 1)`);
}

/** Help text for a set of flags, one per line. */
export function formatFlags(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(
    ([name, s]) => [`--${name}${s.value ? ` ${s.value}` : ''}`, s.description] as const,
  );
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`).join('\n');
}
