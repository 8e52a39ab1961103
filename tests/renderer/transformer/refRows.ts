/** Rows of tests/data/reference/transformer_model_vectors.csv (made by running the official code). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RefRow = Record<string, string>;

let cached: RefRow[] | null = null;

export function referenceRows(): RefRow[] {
  if (cached) return cached;
  const lines = readFileSync(
    join(process.cwd(), 'tests', 'data', 'reference', 'transformer_model_vectors.csv'),
    'utf8',
  )
    .trim()
    .split('\n');
  const head = lines[0]!.split(',');
  cached = lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
  return cached;
}

/** The uniform (or static) row of a variant, preset, convention and mode matching `match`. */
export function referenceRow(
  variant: string,
  hardware: string,
  convention: string,
  mode: string,
  match: RefRow = {},
): RefRow {
  const row = referenceRows().find(
    (r) =>
      r.variant === variant &&
      r.hardware === hardware &&
      r.batch_convention === convention &&
      r.mode === mode &&
      (mode === 'static' || r.rate_kind === 'uniform') &&
      Object.entries(match).every(([k, v]) => r[k] === v),
  );
  if (!row)
    throw new Error(`no reference row ${variant} ${hardware} ${mode} ${JSON.stringify(match)}`);
  return row;
}

/** ms per image of a reference row. */
export function refMsPerImage(row: RefRow): number {
  return (Number(row.latency_s) / Number(row.batch_size)) * 1000;
}
