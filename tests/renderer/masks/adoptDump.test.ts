import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import { defaultConfig } from '../../../core/config/defaults';
import type { DumpConfigPatch } from '../../../core/maskfile/config';
import { configFromDump } from '../../../renderer/src/views/masks/adoptDump';
import { setHardwarePreset } from '../../../renderer/src/store/configEdits';

const resnet101 = findBuiltinArchitecture('resnet101')!;
const resnet50 = findBuiltinArchitecture('resnet50')!;

function patchFor(modelId: string, overrides: Partial<DumpConfigPatch> = {}): DumpConfigPatch {
  return {
    modelId,
    modes: ['spatial', 'channel', 'layer', 'spatial+channel'],
    spatialGranularity: [8, 4, 14, 7],
    channelGroupSize: [2, 4, 2, 4],
    blockRates: {
      'stage1/0': 0.25,
      'stage1/1': 0.5,
      'stage1/2': 0.75,
      'stage3/0': 1,
      'stage3/1': 0,
    },
    blockChannelRates: { 'stage4/0': 0.5, 'stage4/1': 0.25 },
    ...overrides,
  };
}

describe('configFromDump', () => {
  it('adopts the model, modes, granularities and measured per-block rates', () => {
    const current = setHardwarePreset(defaultConfig('resnet50'), 'a100');
    const result = configFromDump(current, resnet101, patchFor('resnet101'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(config.model).toEqual({ kind: 'builtin', id: 'resnet101' });
    expect(config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'channel',
      'layer',
      'spatial+channel',
    ]);
    expect(config.stages.map((s) => s.spatialGranularity)).toEqual([8, 4, 14, 7]);
    expect(config.stages.map((s) => s.channelGroupSize)).toEqual([2, 4, 2, 4]);
    expect(config.blockRates).toEqual(patchFor('resnet101').blockRates);
    // The hardware is the user's, not the dump's.
    expect(config.hardware).toEqual({ kind: 'preset', id: 'a100', overrides: {} });
  });

  it('sets each stage rate to the mean of its blocks, and the channel rate of spatial+channel stages', () => {
    const result = configFromDump(defaultConfig('resnet50'), resnet101, patchFor('resnet101'));
    if (!result.ok) throw new Error(result.error);
    const [s1, s2, s3, s4] = result.config.stages;
    expect(s1?.rate).toBeCloseTo(0.5, 12); // (0.25 + 0.5 + 0.75) / 3
    expect(s2?.rate).toBeNull(); // no measured block: follows the global target
    expect(s3?.rate).toBeCloseTo(0.5, 12); // (1 + 0) / 2
    expect(s4?.channelRate).toBeCloseTo(0.375, 12);
    expect(s1?.channelRate).toBeNull();
  });

  it('keeps the default G where the dump gives one that does not divide the width', () => {
    const result = configFromDump(
      defaultConfig(),
      resnet50,
      patchFor('resnet50', { channelGroupSize: [3, 4, 2, 4] }),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.config.stages[0]?.channelGroupSize).toBe(2);
  });

  it('refuses a configuration that does not validate', () => {
    const result = configFromDump(
      defaultConfig(),
      resnet50,
      patchFor('resnet50', { blockRates: { 'stage9/0': 0.5 } }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/stage9\/0/);
  });
});
