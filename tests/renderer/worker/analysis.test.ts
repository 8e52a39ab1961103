import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { predictConfig } from '../../../core/solvers/predict';
import {
  analyze,
  curves,
  hardwareRows,
  CURVE_RATES,
  FINE_CURVE_RATES,
} from '../../../renderer/src/worker/analysis';
import { markerFor, withMarker } from '../../../renderer/src/views/curves/marker';
import {
  setBlockRate,
  setStageMode,
  setStageRate,
  setTargetRate,
} from '../../../renderer/src/store/configEdits';
import { loadCsv, num, relErr } from '../../core/predictor/reference-data';

describe('analysis worker functions', () => {
  it('analyze() gives the same prediction as the core solver path', () => {
    const c = setTargetRate(defaultConfig('resnet50'), 0.35);
    const a = analyze(c);
    expect(a.prediction.latencyS).toBe(predictConfig(c).latencyS);
    expect(a.flopsRatio).toBeGreaterThan(0.35);
    expect(a.flopsRatio).toBeLessThan(1);
  });

  it('stage curves cover every valid S, layer and channel, and the current curve contains the marker', () => {
    const c = setStageRate(defaultConfig('resnet50'), 0, 0.35);
    const set = curves(c, 'stage', 0);
    expect(set.series.map((s) => s.id)).toEqual([
      'spatial-1',
      'spatial-2',
      'spatial-4',
      'spatial-7',
      'spatial-8',
      'spatial-14',
      'spatial-28',
      'layer',
      'channel-2',
    ]);
    const current = set.series.find((s) => s.current)!;
    expect(current.id).toBe('spatial-4');
    // The current curve is sampled at every slider step, the candidates every 0.05.
    expect(current.points.map((p) => p.rate)).toEqual(FINE_CURVE_RATES);
    expect(set.series.find((s) => s.id === 'layer')!.points.map((p) => p.rate)).toEqual(
      CURVE_RATES,
    );
    const marker = markerFor(c, analyze(c).prediction, 'stage', 0);
    expect(marker.point?.rate).toBe(0.35);
    // 0.35 is a sample of the curve: the curve's own value there equals the live marker, and
    // merging the marker keeps the series as it is.
    expect(current.points.find((p) => p.rate === 0.35)?.ratio).toBe(marker.point?.ratio);
    expect(withMarker(current, marker.point)).toBe(current);
    // A rate typed between samples is inserted into the drawn curve.
    const merged = withMarker(current, { rate: 0.351, ratio: 0.9 });
    expect(merged.points).toContainEqual({ rate: 0.351, ratio: 0.9 });
    expect(merged.points.length).toBe(FINE_CURVE_RATES.length + 1);
  });

  it('the S=1 stage-1 curve on a V100 ends above the static line (pixel masks are slower at full rate)', () => {
    const set = curves(defaultConfig('resnet50'), 'stage', 0);
    const s1 = set.series.find((s) => s.id === 'spatial-1')!;
    expect(s1.points[s1.points.length - 1]!.ratio).toBeGreaterThan(1);
  });

  it('no marker where the point is not on a uniform curve', () => {
    const base = defaultConfig('resnet50');
    const overridden = setBlockRate(base, 'stage2/1', 0.9);
    expect(markerFor(overridden, analyze(overridden).prediction, 'stage', 1).point).toBeNull();
    expect(markerFor(overridden, analyze(overridden).prediction, 'network', 0).point).toBeNull();
    const staticStage = setStageMode(base, 2, 'static');
    expect(markerFor(staticStage, analyze(staticStage).prediction, 'stage', 2).note).toMatch(
      /static/,
    );
  });

  it('network curves: the current-configuration curve passes through the network ratio', () => {
    const c = setTargetRate(defaultConfig('resnet50'), 0.5);
    const set = curves(c, 'network', 0);
    const current = set.series.find((s) => s.current)!;
    expect(current.points.find((p) => p.rate === 0.5)?.ratio).toBe(analyze(c).prediction.ratio);
    expect(set.series.some((s) => s.id === 'spatial-4-4-2-1')).toBe(true);
  });

  it('hardware rows cover every preset with its own batch size', () => {
    const rows = hardwareRows(defaultConfig('resnet50'));
    const v100 = rows.find((r) => r.id === 'v100')!;
    const tx2 = rows.find((r) => r.id === 'tx2')!;
    expect(v100.batchSize).toBe(128);
    expect(tx2.batchSize).toBe(1);
    // The default configuration is ResNet-50, spatial 4-4-2-1 at a uniform rate of 0.5: its reference row.
    const row = loadCsv('model_vectors.csv').find(
      (r) =>
        r.model === 'resnet50' &&
        r.hardware === 'v100' &&
        r.mode === 'spatial' &&
        r.granularity === '4-4-2-1' &&
        r.rate_kind === 'uniform' &&
        r.rate === '0.5',
    );
    expect(row, 'reference row resnet50/v100/spatial 4-4-2-1/0.5').toBeDefined();
    expect(relErr(v100.ratio, num(row!, 'ratio'))).toBeLessThanOrEqual(1e-9);
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });
});
