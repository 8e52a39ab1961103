/** Human-readable output of the CLI: aligned plain-text tables. */
import type { NetworkPrediction } from '../core/predictor';

/** Formats rows as a left/right-aligned table (numbers right-aligned). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+(e[-+]?\d+)?$|^$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const ms = (s: number): string => (s * 1000).toFixed(4);

/** The predict command's table: one row per block (and per op with `ops`), then the totals. */
export function formatPrediction(title: string, pred: NetworkPrediction, ops: boolean): string {
  const rows: string[][] = [];
  for (const b of pred.blocks) {
    const masker = b.ops.find((o) => o.schedule)?.schedule ?? '';
    const rate =
      b.mode === 'static'
        ? ''
        : b.rate.toFixed(3) + (b.channelRate !== undefined ? `/${b.channelRate.toFixed(3)}` : '');
    rows.push([
      b.key,
      b.mode,
      rate,
      ms(b.latencyS),
      ms(b.staticLatencyS),
      (b.latencyS / b.staticLatencyS).toFixed(4),
      masker,
    ]);
    if (ops) {
      for (const o of b.ops) {
        const tile = o.tile
          ? `${o.tile.c}x${o.tile.h}x${o.tile.w}${o.tile.npp ? ` npp ${o.tile.npp}` : ''}, ${o.tile.nTiles} tiles`
          : '';
        const runs = o.executionRate !== 1 ? ` (runs ${o.executionRate})` : '';
        rows.push([
          `  ${o.op}`,
          '',
          '',
          ms(o.latencyS),
          '',
          '',
          `${o.launches} launch${o.launches === 1 ? '' : 'es'}${runs}${tile ? `; ${tile}` : ''}`,
        ]);
      }
    }
  }
  const body = table(
    ['block', 'mode', 'rate', 'latency ms', 'static ms', 'ratio', 'masker / detail'],
    rows,
  );
  const summary = [
    `latency        ${pred.latencyS.toPrecision(6)} s per batch of ${pred.batchSize}  (${pred.latencyMsPerImage.toFixed(4)} ms per image)`,
    `static         ${pred.staticLatencyS.toPrecision(6)} s per batch  (${pred.staticMsPerImage.toFixed(4)} ms per image)`,
    `ratio          ${pred.ratio.toFixed(4)}`,
  ];
  return `${title}\n\n${body}\n\n${summary.join('\n')}\n`;
}
