/**
 * The comparison as text files: Markdown (summary, hardware, curves and the per-block diff) and CSV
 * (one row per configuration and quantity, machine-readable). Units are in every header.
 */
import {
  CURVE_RATES,
  blockKeys,
  presetColumns,
  type CompareBlock,
  type CompareColumn,
} from './compareData';

const num = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function blockText(b: CompareBlock | undefined): string {
  if (!b) return '—';
  const g = b.granularity === '—' ? '' : ` ${b.granularity}${b.partial ? ' (partial)' : ''}`;
  const rate = b.mode === 'static' ? '' : ` r=${b.rate.toFixed(2)}`;
  return `${b.mode}${g}${rate}: ${b.latencyMs.toFixed(4)} ms`;
}

/** The comparison as Markdown. */
export function compareToMarkdown(columns: readonly CompareColumn[]): string {
  const head = (first: string) =>
    `| ${first} | ${columns.map((c) => cell(c.label)).join(' | ')} |\n|---|${columns.map(() => '---:').join('|')}|`;
  const row = (name: string, f: (c: CompareColumn) => string) =>
    `| ${name} | ${columns.map((c) => cell(c.error ? 'error' : f(c))).join(' | ')} |`;
  const out: string[] = ['# Configuration comparison', ''];
  out.push(head('quantity'));
  out.push(row('model', (c) => c.model));
  out.push(row('input size (H×W)', (c) => c.inputSize));
  out.push(row('hardware', (c) => `${c.hardware} (batch ${c.batchSize})`));
  out.push(row('latency (ms/image)', (c) => num(c.latencyMs, 4)));
  out.push(row('static latency (ms/image)', (c) => num(c.staticMs, 4)));
  out.push(row('latency ratio', (c) => num(c.ratio, 4)));
  out.push(row('dynamic GMACs', (c) => num(c.dynamicGMacs, 3)));
  out.push(row('static GMACs', (c) => num(c.staticGMacs, 3)));
  out.push(row('FLOPs ratio', (c) => num(c.flopsRatio, 4)));
  const errors = columns.filter((c) => c.error);
  for (const c of errors) out.push('', `${c.label}: could not be evaluated: ${c.error}`);
  if (columns.some((c) => c.offImageNet)) {
    out.push(
      '',
      'Inputs other than 224×224 are predicted with the spec’s whole-model composition at the feature ' +
        'sizes of that input; the reference training code trains 224×224 classification only.',
    );
  }
  out.push('', '## Latency on every hardware preset (ms/image, each at its own batch size)', '');
  out.push(head('hardware'));
  for (const p of presetColumns())
    out.push(row(`${p.label}${p.validated ? '' : ' †'}`, (c) => num(c.perPreset[p.id] ?? NaN, 4)));
  out.push('', '† not validated against measurements.');
  out.push('', '## Latency vs uniform rate (ms/image; stage and block overrides removed)', '');
  out.push(head('rate'));
  CURVE_RATES.forEach((r, i) => out.push(row(r.toFixed(2), (c) => num(c.curve[i] ?? NaN, 4))));
  out.push('', '## Per-block settings and latency (ms/image)', '');
  out.push(head('block'));
  for (const key of blockKeys(columns)) out.push(row(key, (c) => blockText(c.blocks.get(key))));
  return `${out.join('\n')}\n`;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The comparison as CSV, long format: `configuration,quantity,key,value,unit`, one row per number
 * (summary, per preset, per curve rate, per block), so every spreadsheet can pivot it.
 */
export function compareToCsv(columns: readonly CompareColumn[]): string {
  const rows: string[][] = [['configuration', 'quantity', 'key', 'value', 'unit']];
  for (const c of columns) {
    const add = (quantity: string, key: string, value: string, unit: string) =>
      rows.push([c.label, quantity, key, value, unit]);
    if (c.error) {
      add('error', '', c.error, '');
      continue;
    }
    add('model', '', c.model, '');
    add('input_size', '', c.inputSize, 'px (H×W)');
    add('hardware', '', c.hardware, '');
    add('batch_size', '', String(c.batchSize), 'images');
    add('latency', '', String(c.latencyMs), 'ms/image');
    add('static_latency', '', String(c.staticMs), 'ms/image');
    add('latency_ratio', '', String(c.ratio), '');
    add('dynamic_macs', '', String(c.dynamicGMacs), 'GMACs');
    add('static_macs', '', String(c.staticGMacs), 'GMACs');
    add('flops_ratio', '', String(c.flopsRatio), '');
    for (const p of presetColumns())
      add('latency_on_preset', p.id, String(c.perPreset[p.id] ?? ''), 'ms/image');
    CURVE_RATES.forEach((r, i) =>
      add('latency_at_uniform_rate', r.toFixed(2), String(c.curve[i] ?? ''), 'ms/image'),
    );
    for (const [key, b] of c.blocks) {
      add('block_mode', key, b.mode, '');
      add('block_granularity', key, b.granularity + (b.partial ? ' (partial)' : ''), '');
      add('block_rate', key, String(b.rate), '');
      add('block_latency', key, String(b.latencyMs), 'ms/image');
    }
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
