import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { predictConfig } from '../../../core/solvers/predict';
import { analyze, hardwareRows } from '../../../renderer/src/worker/analysis';
import { setTargetRate } from '../../../renderer/src/store/configEdits';

describe('analysis worker functions', () => {
  it('analyze() gives the same prediction as the core solver path', () => {
    const c = setTargetRate(defaultConfig('resnet50'), 0.35);
    const a = analyze(c);
    expect(a.prediction.latencyS).toBe(predictConfig(c).latencyS);
    expect(a.flopsRatio).toBeGreaterThan(0.35);
    expect(a.flopsRatio).toBeLessThan(1);
  });

  it('hardware rows cover every preset with its own batch size', () => {
    const rows = hardwareRows(defaultConfig('resnet50'));
    const v100 = rows.find((r) => r.id === 'v100')!;
    const tx2 = rows.find((r) => r.id === 'tx2')!;
    expect(v100.batchSize).toBe(128);
    expect(tx2.batchSize).toBe(1);
    expect(v100.ratio).toBeCloseTo(0.8583, 3);
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });
});
