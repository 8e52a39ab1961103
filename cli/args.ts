/**
 * Command-line parsing for every `laudnet` command: flags are parsed by Node's own `util.parseArgs`
 * (`--flag value`, `--flag=value`, booleans, `--` and positionals) behind `parseArgs` below, which turns
 * its errors into CliErrors naming the valid options. Also the value parsers for the project's list
 * syntaxes (dash-joined per-stage lists, comma lists, ranges).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { CliError } from './errors';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. 'ID' or 'LIST'. */
  value?: string;
  description: string;
  /** One-letter alias, e.g. 'h' for -h. */
  short?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** Flag values typed by their specs: strings for string flags, `true` for boolean flags that were given. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean'
    ? boolean
    : F[K]['type'] extends 'string'
      ? string
      : string | boolean;
};

export interface ParsedArgs<F extends FlagSpecs = FlagSpecs> {
  /** Flag values by name (without dashes); booleans are true when present. */
  values: FlagValues<F> & Record<string, string | boolean | undefined>;
  positionals: string[];
}

interface NodeParseError {
  code?: string;
  message: string;
}

/** Node's parse error → one sentence in the project's words (the option and what was expected). */
function translate(e: NodeParseError, specs: FlagSpecs): CliError {
  const known = Object.keys(specs)
    .map((k) => `--${k}`)
    .join(', ');
  const option = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? '';
  const name = option.replace(/^-+/, '');
  const spec = specs[name];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliError(`unknown option ${option || '(unnamed)'} (valid: ${known})`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (spec?.type === 'boolean') return new CliError(`option --${name} takes no value`);
      return new CliError(
        `option --${name} needs a value${spec?.value ? ` (${spec.value})` : ''}` +
          (e.message.includes('ambiguous')
            ? ` (write a value that starts with '-' as --${name}=VALUE)`
            : ''),
      );
    default:
      return new CliError(e.message.split('\n')[0] ?? 'cannot read the options');
  }
}

/** Parses argv against flag specs. Unknown flags and missing values are errors naming the valid flags. */
export function parseArgs<F extends FlagSpecs>(argv: readonly string[], specs: F): ParsedArgs<F> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs))
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    if (e instanceof Error) throw translate(e, specs);
    throw e;
  }
  // util.parseArgs returns a null-prototype object; copy it so callers (and tests) see plain data.
  const values: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(parsed.values)) values[k] = v;
  return { values: values as ParsedArgs<F>['values'], positionals: parsed.positionals };
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
    ([name, s]) =>
      [
        `${s.short ? `-${s.short}, ` : ''}--${name}${s.value ? ` ${s.value}` : ''}`,
        s.description,
      ] as const,
  );
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`).join('\n');
}
