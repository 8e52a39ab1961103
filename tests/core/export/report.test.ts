import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import {
  buildLatencyReport,
  REPORT_CSV_COLUMNS,
  reportToCsv,
  reportToJson,
  reportToMarkdown,
} from '../../../core/export';

const config = defaultConfig('resnet50', 'v100');
config.stages[2]!.mode = 'spatial+channel';
config.stages[2]!.channelRate = 0.75;
config.stages[3]!.mode = 'layer';
const report = buildLatencyReport(config);

describe('latency report', () => {
  it('has one row per block with consistent totals', () => {
    expect(report.blocks).toHaveLength(16);
    const sumLatency = report.blocks.reduce((s, b) => s + b.latencyMs, 0);
    expect(sumLatency).toBeCloseTo(report.totals.latencyMs, 9);
    expect(report.totals.latencyRatio).toBeCloseTo(
      report.totals.latencyMs / report.totals.staticLatencyMs,
      12,
    );
  });

  it('per block: mode, S/G, rates and FLOPs follow the configuration', () => {
    const s1 = report.blocks[0]!;
    expect([s1.mode, s1.spatialGranularity, s1.channelGroupSize, s1.rate, s1.channelRate]).toEqual([
      'spatial',
      4,
      null,
      0.5,
      null,
    ]);
    const s3 = report.blocks.find((b) => b.key === 'stage3/2')!;
    expect([s3.mode, s3.spatialGranularity, s3.channelGroupSize, s3.channelRate]).toEqual([
      'spatial+channel',
      2,
      2,
      0.75,
    ]);
    const s4 = report.blocks.find((b) => b.key === 'stage4/1')!;
    expect([s4.mode, s4.spatialGranularity]).toEqual(['layer', 7]);
    expect(s1.conv1Density).toBeGreaterThan(s1.conv2Density);
    expect(s1.computeMs).toBeGreaterThan(0);
    expect(s1.memoryMs).toBeGreaterThan(0);
  });

  it('JSON round-trips and carries format/version', () => {
    const back = JSON.parse(reportToJson(report)) as typeof report;
    expect(back).toEqual(report);
    expect(back.format).toBe('laudnet-studio-report');
  });

  it('CSV has a header and one line per block with the same numbers', () => {
    const lines = reportToCsv(report).trimEnd().split('\n');
    expect(lines).toHaveLength(17);
    expect(lines[0]!.split(',')).toEqual(REPORT_CSV_COLUMNS.map(([h]) => h));
    const row = lines[1]!.split(',');
    const col = (name: string) => row[REPORT_CSV_COLUMNS.findIndex(([h]) => h === name)];
    expect(col('block')).toBe('stage1/0');
    expect(col('channel_group_size')).toBe('');
    expect(Number(col('latency_ms_per_image'))).toBe(report.blocks[0]!.latencyMs);
  });

  it('Markdown shows totals, the conv1 overhead, the flags and a block table', () => {
    const md = reportToMarkdown(report);
    expect(md).toContain('conv1 overhead');
    expect(md).toContain('--arch uni_resnet50 --dyn_mode spatial-spatial-both-layer');
    expect(md.split('\n').filter((l) => l.startsWith('| stage'))).toHaveLength(16);
  });
});
