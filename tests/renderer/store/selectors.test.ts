import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { withInputSize } from '../../../core/config/inputSize';
import { setHardwarePreset, setTargetRate } from '../../../renderer/src/store/configEdits';
import {
  architectureOf,
  architectureOrNull,
  granularityOptionsOf,
  hardwareParamsOf,
} from '../../../renderer/src/store/selectors';

describe('selectors that keep their identity across rate changes', () => {
  it('a global rate change keeps the stages, block rates, architecture, options and hardware', () => {
    const before = defaultConfig('resnet101', 'v100');
    const after = setTargetRate(before, 0.37);
    expect(after.targetRate).toBe(0.37);
    expect(after.stages).toBe(before.stages);
    expect(after.blockRates).toBe(before.blockRates);
    expect(architectureOf(after)).toBe(architectureOf(before));
    expect(granularityOptionsOf(after)).toBe(granularityOptionsOf(before));
    expect(hardwareParamsOf(after)).toBe(hardwareParamsOf(before));
  });

  it('follows the model, the input size and the hardware when they change', () => {
    const r50 = defaultConfig('resnet50', 'v100');
    const r101 = defaultConfig('resnet101', 'v100');
    expect(architectureOf(r50).stages.map((s) => s.blocks)).toEqual([3, 4, 6, 3]);
    expect(architectureOf(r101).stages.map((s) => s.blocks)).toEqual([3, 4, 23, 3]);
    const big = withInputSize(r50, { height: 448, width: 448 });
    expect(architectureOf(big).stages[0]!.outResolution).toBe(112);
    expect(granularityOptionsOf(big)[0]).not.toEqual(granularityOptionsOf(r50)[0]);
    const tx2 = setHardwarePreset(r50, 'tx2');
    expect(hardwareParamsOf(tx2)).not.toBe(hardwareParamsOf(r50));
    expect(hardwareParamsOf(tx2).batchSize).not.toBe(hardwareParamsOf(r50).batchSize);
  });

  it('an unknown model throws (architectureOf) or gives null (architectureOrNull), every time', () => {
    const bad = { ...defaultConfig(), model: { kind: 'builtin' as const, id: 'nope' } };
    expect(() => architectureOf(bad)).toThrow(/unknown model 'nope'/);
    expect(() => architectureOf(bad)).toThrow(/unknown model 'nope'/);
    expect(architectureOrNull(bad)).toBeNull();
  });
});
