import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { resolveBlockRates } from '../../../core/config/resolve';
import { findBuiltinArchitecture } from '../../../core/arch';
import {
  setArchitecture,
  setBlockRate,
  setHardwareParam,
  setHardwarePreset,
  setStageGranularity,
  setStageMode,
  setStageRate,
  setTargetRate,
} from '../../../renderer/src/store/configEdits';

describe('configuration edits', () => {
  it('returns the same object when nothing changes (no empty undo steps)', () => {
    const c = defaultConfig();
    expect(setStageMode(c, 0, c.stages[0]!.mode)).toBe(c);
    expect(setStageGranularity(c, 0, c.stages[0]!.spatialGranularity)).toBe(c);
    expect(setBlockRate(c, 'stage1/0', null)).toBe(c);
    expect(setHardwarePreset(c, 'v100')).toBe(c);
    expect(setTargetRate(c, c.targetRate)).toBe(c);
  });

  it('a stage rate overrides the global target for that stage only and drops its block overrides', () => {
    let c = defaultConfig('resnet50');
    c = setBlockRate(c, 'stage2/1', 0.9);
    c = setBlockRate(c, 'stage3/0', 0.2);
    c = setStageRate(c, 1, 0.25);
    const rates = resolveBlockRates(c);
    expect(rates[1]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(rates[2]![0]).toBe(0.2);
    expect(rates[0]).toEqual([0.5, 0.5, 0.5]);
    expect(c.blockRates).toEqual({ 'stage3/0': 0.2 });
  });

  it('the global target resets stage and block rates', () => {
    let c = setStageRate(defaultConfig(), 0, 0.1);
    c = setBlockRate(c, 'stage4/2', 0.8);
    c = setTargetRate(c, 0.3);
    expect(c.stages.every((s) => s.rate === null)).toBe(true);
    expect(c.blockRates).toEqual({});
    expect(
      resolveBlockRates(c)
        .flat()
        .every((r) => r === 0.3),
    ).toBe(true);
  });

  it('switching the model keeps hardware and target and builds stages for the new model', () => {
    let c = setHardwarePreset(defaultConfig('resnet50'), 'tx2');
    c = setTargetRate(c, 0.4);
    const next = setArchitecture(c, findBuiltinArchitecture('regnety008')!, true);
    expect(next.model).toEqual({ kind: 'builtin', id: 'regnety008' });
    expect(next.hardware).toEqual(c.hardware);
    expect(next.targetRate).toBe(0.4);
    expect(resolveBlockRates(next).map((r) => r.length)).toEqual([1, 3, 8, 2]);
  });

  it('hardware parameters become overrides of the preset', () => {
    const c = setHardwareParam(defaultConfig(), 'batchSize', 1);
    expect(c.hardware).toEqual({ kind: 'preset', id: 'v100', overrides: { batchSize: 1 } });
    expect(setHardwarePreset(c, '3090').hardware).toEqual({
      kind: 'preset',
      id: '3090',
      overrides: {},
    });
  });
});
