/** Writers of the latency report: JSON, CSV (one row per block) and a Markdown summary. */
import type { LatencyReport, ReportBlock } from './report';

/** Pretty JSON of the report (trailing newline). */
export function reportToJson(report: LatencyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** CSV columns: header name (with units) and the block field it shows. */
export const REPORT_CSV_COLUMNS: readonly [string, keyof ReportBlock][] = [
  ['block', 'key'],
  ['mode', 'mode'],
  ['spatial_granularity', 'spatialGranularity'],
  ['channel_group_size', 'channelGroupSize'],
  ['rate', 'rate'],
  ['channel_rate', 'channelRate'],
  ['static_gmacs', 'staticGMacs'],
  ['dynamic_gmacs', 'dynamicGMacs'],
  ['flops_ratio', 'flopsRatio'],
  ['conv1_density', 'conv1Density'],
  ['conv2_density', 'conv2Density'],
  ['conv1_overhead_gmacs', 'conv1OverheadGMacs'],
  ['masker_gmacs', 'maskerGMacs'],
  ['static_latency_ms_per_image', 'staticLatencyMs'],
  ['latency_ms_per_image', 'latencyMs'],
  ['latency_ratio', 'latencyRatio'],
  ['compute_ms_per_image', 'computeMs'],
  ['memory_ms_per_image', 'memoryMs'],
  ['static_compute_ms_per_image', 'staticComputeMs'],
  ['static_memory_ms_per_image', 'staticMemoryMs'],
];

function csvCell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV of the report: one row per block, full-precision numbers, empty cells for "not applicable" (a plain
 * table; the context — versions and hardware parameters — is in the JSON and Markdown reports).
 */
export function reportToCsv(report: LatencyReport): string {
  const lines = [REPORT_CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const b of report.blocks)
    lines.push(REPORT_CSV_COLUMNS.map(([, k]) => csvCell(b[k])).join(','));
  return `${lines.join('\n')}\n`;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function setting(b: ReportBlock): string {
  const parts: string[] = [];
  if (b.spatialGranularity !== null)
    parts.push(b.mode === 'layer' ? 'whole map' : `S=${b.spatialGranularity}`);
  if (b.channelGroupSize !== null) parts.push(`G=${b.channelGroupSize}`);
  return parts.join(', ') || '—';
}

/** Markdown summary: totals, the conv1 overhead, the training flags and a per-block table. */
export function reportToMarkdown(report: LatencyReport): string {
  const t = report.totals;
  const out: string[] = [
    `# ${report.name || report.model.label}`,
    '',
    `Model ${report.model.label}, input ${typeof report.inputSize === 'number' ? `${report.inputSize}×${report.inputSize}` : report.inputSize.join('×')}, hardware ${report.hardware.label} ` +
      `(batch ${report.hardware.batchSize}).`,
    '',
    `Written by ${report.generator.app} ${report.generator.appVersion ?? '(version unknown)'}, ` +
      `latency predictor ${report.generator.predictorVersion}.`,
    '',
    '## Hardware parameters',
    '',
    '| parameter | value |',
    '|---|---:|',
    ...Object.entries(report.hardware.params).map(([k, v]) => `| ${k} | ${String(v)} |`),
    '',
    '## Totals',
    '',
    '| | static | dynamic | ratio |',
    '|---|---:|---:|---:|',
    `| MACs (G) | ${fmt(t.staticGMacs)} | ${fmt(t.dynamicGMacs)} | ${fmt(t.flopsRatio)} |`,
    `| latency (ms per image) | ${fmt(t.staticLatencyMs, 4)} | ${fmt(t.latencyMs, 4)} | ${fmt(t.latencyRatio)} |`,
    '',
    `conv1 overhead: ${fmt(t.conv1OverheadGMacs)} GMACs (${pct(t.conv1OverheadGMacs / t.staticGMacs)} of the static ` +
      `network) — conv1 computes the 3×3 neighbourhood of every kept position, so its density exceeds the rate.`,
    `Stem ${fmt(t.stemGMacs, 4)} GMACs and head ${fmt(t.headGMacs, 4)} GMACs are always static.`,
    '',
    '## Training flags',
    '',
    '```',
    report.trainingFlags.line,
    '```',
  ];
  if (report.trainingFlags.warnings.length > 0) {
    out.push('', ...report.trainingFlags.warnings.map((w) => `- ${w}`));
  }
  out.push(
    '',
    '## Blocks',
    '',
    '| block | mode | setting | rate | conv1 / conv2 density | GMACs static → dynamic | latency ms static → dynamic | latency ratio | compute / memory ms |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const b of report.blocks) {
    const rate =
      b.channelRate === null ? fmt(b.rate, 3) : `${fmt(b.rate, 3)} / ${fmt(b.channelRate, 3)}`;
    out.push(
      `| ${b.key} | ${b.mode} | ${setting(b)} | ${rate} | ${fmt(b.conv1Density)} / ${fmt(b.conv2Density)} | ` +
        `${fmt(b.staticGMacs, 4)} → ${fmt(b.dynamicGMacs, 4)} | ${fmt(b.staticLatencyMs, 4)} → ${fmt(b.latencyMs, 4)} | ` +
        `${fmt(b.latencyRatio)} | ${fmt(b.computeMs, 4)} / ${fmt(b.memoryMs, 4)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
