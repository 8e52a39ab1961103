import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { exportTrainingFlags } from '../../../core/export/trainingFlags';
import { predictConfig } from '../../../core/solvers/predict';
import { analyze, familyKey, hardwareRows } from '../../../renderer/src/worker/analysis';
import { setStageMode, setStageRate, setTargetRate } from '../../../renderer/src/store/configEdits';
import { loadCsv, num, relErr } from '../../core/predictor/reference-data';

describe('analysis worker functions', () => {
  it('analyze() gives the same prediction as the core solver path', () => {
    const c = setTargetRate(defaultConfig('resnet50'), 0.35);
    const a = analyze(c);
    expect(a.prediction.latencyS).toBe(predictConfig(c).latencyS);
    expect(a.flopsRatio).toBeGreaterThan(0.35);
    expect(a.flopsRatio).toBeLessThan(1);
  });

  it('analyze() sends the training flags of the configuration, its FLOPs ratio as --target_rate', () => {
    const c = setTargetRate(defaultConfig('resnet50'), 0.35);
    const a = analyze(c);
    expect(a.trainingFlags!.line).toBe(exportTrainingFlags(c).line);
    const target = /--target_rate (\S+)/.exec(a.trainingFlags!.line)![1]!;
    expect(Number(target)).toBeCloseTo(a.flopsRatio, 6);
  });

  it('configurations differing only in hardware or rate, interleaved, give their own reference rows', () => {
    // analyze() keeps each model/size/hardware's architecture and predictor: equal shapes on other
    // hardware and other rates of one family must not share results.
    const rows = loadCsv('model_vectors.csv').filter(
      (r) =>
        r.model === 'resnet50' &&
        (r.hardware === 'v100' || r.hardware === 'tx2') &&
        r.mode === 'spatial' &&
        r.granularity === '4-4-2-1' &&
        r.rate_kind === 'uniform',
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const order = [...rows.filter((_, i) => i % 2 === 0), ...rows.filter((_, i) => i % 2 === 1)];
    for (const row of order) {
      const c = setTargetRate(defaultConfig('resnet50', row.hardware), num(row, 'rate'));
      const a = analyze(c);
      const what = `${row.hardware} rate ${row.rate}`;
      expect(relErr(a.prediction.ratio, num(row, 'ratio')), what).toBeLessThanOrEqual(1e-9);
      expect(a.prediction.batchSize, what).toBe(num(row, 'batch_size'));
    }
  });

  it('a hardware object edited in place is not answered from the old predictor', () => {
    const c = setTargetRate(defaultConfig('resnet50', 'v100'), 0.4);
    const before = analyze(c).prediction;
    const overrides = c.hardware.kind === 'preset' ? c.hardware.overrides : {};
    overrides.batchSize = 1;
    const after = analyze(c).prediction;
    expect(after.batchSize).toBe(1);
    expect(after.latencyS).toBe(predictConfig(c).latencyS);
    expect(after.latencyS).not.toBe(before.latencyS);
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

describe('familyKey', () => {
  it('keeps the key over rate edits without writing the configuration out again', () => {
    const base = defaultConfig('resnet101', 'v100');
    const key = familyKey(base);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      let c = base;
      for (const rate of [0.2, 0.35, 0.8]) {
        c = setStageRate(setTargetRate(c, rate), 1, rate / 2);
        expect(familyKey(c)).toBe(key);
      }
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('gives a new key for any other field, and the same key to an equal configuration built anew', () => {
    const base = defaultConfig('resnet101', 'v100');
    const key = familyKey(setTargetRate(base, 0.4));
    const notes = familyKey({ ...base, notes: 'tried on the A100' });
    const hardware = familyKey({
      ...base,
      hardware: { kind: 'preset', id: 'a100', overrides: {} },
    });
    const mode = familyKey(setStageMode(base, 2, 'layer'));
    expect(new Set([key, notes, hardware, mode]).size).toBe(4);
    // Equal values in new objects (a configuration read back from a file): the same family.
    const copy = JSON.parse(JSON.stringify(base)) as typeof base;
    expect(familyKey(copy)).toBe(key);
    expect(familyKey(setTargetRate(copy, 0.9))).toBe(key);
  });
});
