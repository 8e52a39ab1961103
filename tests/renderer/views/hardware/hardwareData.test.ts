import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { HARDWARE_PRESETS } from '../../../../core/predictor';
import {
  currentPresetId,
  hardwareData,
  shortHardwareLabel,
} from '../../../../renderer/src/views/hardware/hardwareData';
import { hardwareRows } from '../../../../renderer/src/worker/analysis';

describe('shortHardwareLabel', () => {
  it('drops the vendor prefix and the validation note', () => {
    expect(shortHardwareLabel('NVIDIA Tesla V100')).toBe('V100');
    expect(shortHardwareLabel('NVIDIA GeForce RTX 4090 (not validated against measurements)')).toBe(
      'RTX 4090',
    );
    expect(shortHardwareLabel('NVIDIA Jetson TX2')).toBe('Jetson TX2');
  });
});

describe('hardwareData', () => {
  it('marks the current preset and keeps every preset in order', () => {
    const config = defaultConfig('resnet50', '3090');
    const data = hardwareData(hardwareRows(config), currentPresetId(config));
    expect(data.map((d) => d.id)).toEqual(HARDWARE_PRESETS.map((p) => p.id));
    expect(data.filter((d) => d.current).map((d) => d.id)).toEqual(['3090']);
    for (const d of data) expect(d.speedup).toBeCloseTo(d.staticLatencyS / d.latencyS, 12);
  });

  it('marks nothing current on custom hardware', () => {
    const base = defaultConfig('resnet50', 'v100');
    const config = {
      ...base,
      hardware: { kind: 'custom' as const, label: 'Lab GPU', params: HARDWARE_PRESETS[0]!.params },
    };
    expect(hardwareData(hardwareRows(config), currentPresetId(config)).some((d) => d.current)).toBe(
      false,
    );
  });
});
