/**
 * FLOPs as the reference training code counts them: every row of flops_vectors.csv (the official model's
 * dynamic count, the static teacher's count and their ratio) within 1e-6 relative.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import type { DynamicMode } from '../../../core/flops/block';
import { networkFlops } from '../../../core/flops/network';

const CSV = new URL('../../data/reference/flops_vectors.csv', import.meta.url);
const TOLERANCE = 1e-6;

interface Row {
  line: number;
  model: string;
  mode: string;
  granularity: number[];
  channelGranularity: number[];
  rate: number;
  officialMacs: number;
  fullMacs: number;
  flopsRatio: number;
}

function readRows(): Row[] {
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  const cols = (header ?? '').split(',');
  const at = (cells: string[], name: string): string => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`flops_vectors.csv has no column '${name}'`);
    return cells[i] ?? '';
  };
  const list = (text: string) => (text === '' ? [1, 1, 1, 1] : text.split('-').map(Number));
  return lines.map((l, k) => {
    const cells = l.split(',');
    const rate = at(cells, 'rate');
    return {
      line: k + 2,
      model: at(cells, 'model'),
      mode: at(cells, 'mode'),
      granularity: list(at(cells, 'granularity')),
      channelGranularity: list(at(cells, 'channel_granularity')),
      rate: rate === '' ? 1 : Number(rate),
      officialMacs: Number(at(cells, 'official_macs')),
      fullMacs: Number(at(cells, 'full_macs')),
      flopsRatio: Number(at(cells, 'flops_ratio')),
    };
  });
}

const MODES: Record<string, DynamicMode> = {
  static: 'static',
  spatial: 'spatial',
  layer: 'layer',
  channel: 'channel',
  both: 'spatial+channel',
};

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('FLOPs against the reference training code (flops_vectors.csv)', () => {
  const rows = readRows();

  it('has the rows the README describes (135, every mode)', () => {
    expect(rows).toHaveLength(135);
    expect(new Set(rows.map((r) => r.mode))).toEqual(
      new Set(['static', 'spatial', 'layer', 'channel', 'both']),
    );
  });

  for (const row of rows) {
    const name = `line ${row.line}: ${row.model} ${row.mode} S=${row.granularity.join('-')} G=${row.channelGranularity.join('-')} r=${row.rate}`;
    it(name, () => {
      const arch = findBuiltinArchitecture(row.model);
      if (!arch) throw new Error(`unknown model ${row.model}`);
      const mode = MODES[row.mode];
      if (!mode) throw new Error(`unknown mode ${row.mode}`);
      const f = networkFlops(arch, (b) => ({
        mode,
        spatialGranularity: row.granularity[b.stage] ?? 1,
        channelGroupSize: row.channelGranularity[b.stage] ?? 1,
        rate: row.rate,
        channelRate: row.rate,
      }));
      expect(relative(f.dynamicMacs, row.officialMacs)).toBeLessThanOrEqual(TOLERANCE);
      expect(relative(f.staticMacs, row.fullMacs)).toBeLessThanOrEqual(TOLERANCE);
      expect(relative(f.flopsRatio, row.flopsRatio)).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});
