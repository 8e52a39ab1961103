import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { curves } from '../../../../renderer/src/worker/curves';
import { curvesToCsv, curvesToJson } from '../../../../renderer/src/views/curves/curveData';

describe('curve data export', () => {
  const set = curves(defaultConfig('resnet50'), 'stage', 0);

  it('CSV: one row per point of every curve, full precision, in laudnet sweep columns', () => {
    const rows = curvesToCsv(set).trim().split('\n');
    expect(rows[0]).toBe(
      'curve,label,stage,mode,granularity,channel_granularity,rate,latency_s,static_latency_s,ratio',
    );
    const total = set.series.reduce((n, s) => n + s.points.length, 0);
    expect(rows).toHaveLength(1 + total);
    const s56 = set.series.find((s) => s.id === 'spatial-56')!;
    const p = s56.points[10]!;
    expect(rows).toContain(
      `spatial-56,Spatial S=56,1,spatial,56,1,${p.rate},${p.latencyS},${set.staticLatencyS},${p.ratio}`,
    );
  });

  it('JSON: the set with model, hardware, batch and app version', () => {
    const doc = JSON.parse(
      curvesToJson(set, { model: 'ResNet-50', hardware: 'V100', appVersion: '1.2.3' }),
    ) as {
      model: string;
      batchSize: number;
      appVersion: string;
      curves: { id: string; points: { ratio: number }[] }[];
    };
    expect(doc).toMatchObject({ model: 'ResNet-50', batchSize: 128, appVersion: '1.2.3' });
    expect(doc.curves.map((c) => c.id)).toEqual(set.series.map((s) => s.id));
    expect(doc.curves[0]!.points[3]!.ratio).toBe(set.series[0]!.points[3]!.ratio);
  });
});
