import { describe, expect, it } from 'vitest';
import {
  HARDWARE_PRESETS,
  HARDWARE_PRESET_IDS,
  HardwareError,
  createPredictor,
  hardwareKey,
  hardwareParamsSchema,
  resolveHardware,
} from '../../../core/predictor';

describe('hardware presets (spec §1.3)', () => {
  it('lists the paper presets first, then the newer devices', () => {
    expect(HARDWARE_PRESET_IDS).toEqual([
      'v100',
      '3090',
      '3060',
      'tx2',
      'nano',
      'a100',
      'h100-sxm',
      'rtx4090',
      'agx-orin',
      'orin-nano',
    ]);
  });

  it('has the exact constructor arguments of the paper presets', () => {
    const v = (id: string) => resolveHardware(id);
    expect(v('v100')).toMatchObject({
      nPes: 80,
      peFp32s: 64,
      frequencyHz: 1.5e9,
      memBandwidthBytesPerS: 700e9,
      batchSize: 128,
      l2SpeedFrac: 4,
    });
    expect(v('3090')).toMatchObject({
      nPes: 82,
      peFp32s: 128,
      frequencyHz: 1.25e9,
      memBandwidthBytesPerS: 936e9,
      batchSize: 128,
      l2SpeedFrac: 1,
    });
    expect(v('3060')).toMatchObject({
      nPes: 28,
      peFp32s: 128,
      frequencyHz: 1.777e9,
      memBandwidthBytesPerS: 360e9,
      batchSize: 128,
    });
    expect(v('tx2')).toMatchObject({
      nPes: 2,
      peFp32s: 128,
      frequencyHz: 1.3e9,
      memBandwidthBytesPerS: 59.7e9,
      batchSize: 1,
    });
    expect(v('nano')).toMatchObject({
      nPes: 1,
      peFp32s: 128,
      frequencyHz: 921e6,
      memBandwidthBytesPerS: 25.6e9,
      batchSize: 1,
    });
    for (const id of ['v100', '3090', '3060', 'tx2', 'nano']) {
      expect(v(id)).toMatchObject({
        fp32Cycles: 4,
        memConcurrentFp32: 8,
        launchTimeS: 8e-6,
        latencyMode: 'add',
        memoryEfficiency: 0.9,
      });
    }
  });

  it('flags the newer devices as not validated, with a source', () => {
    const newer = HARDWARE_PRESETS.filter(
      (p) => !['v100', '3090', '3060', 'tx2', 'nano'].includes(p.id),
    );
    expect(newer).toHaveLength(5);
    for (const p of newer) {
      expect(p.validated).toBe(false);
      expect(p.source.length).toBeGreaterThan(10);
      expect(p.label).toMatch(/not validated/);
      expect(hardwareParamsSchema().safeParse(p.params).success).toBe(true);
    }
    expect(HARDWARE_PRESETS.filter((p) => p.validated).map((p) => p.id)).toEqual([
      'v100',
      '3090',
      '3060',
      'tx2',
      'nano',
    ]);
  });
});

describe('resolveHardware', () => {
  it('names the valid presets for an unknown id', () => {
    expect(() => resolveHardware('k80')).toThrow(HardwareError);
    expect(() => resolveHardware('k80')).toThrow(
      /unknown hardware 'k80'.*v100, 3090, 3060, tx2, nano, a100/,
    );
  });

  it('applies the memory-concurrency variant as an override', () => {
    expect(resolveHardware('tx2', { memConcurrentFp32: 1 }).memConcurrentFp32).toBe(1);
    expect(resolveHardware('tx2').memConcurrentFp32).toBe(8);
  });

  it('builds custom hardware on the reference defaults', () => {
    const hw = resolveHardware({
      nPes: 10,
      peFp32s: 64,
      frequencyHz: 1e9,
      memBandwidthBytesPerS: 100e9,
    });
    expect(hw).toEqual({
      nPes: 10,
      peFp32s: 64,
      frequencyHz: 1e9,
      memBandwidthBytesPerS: 100e9,
      fp32Cycles: 4,
      memConcurrentFp32: 8,
      memoryEfficiency: 0.9,
      l2SpeedFrac: 4,
      latencyMode: 'add',
      batchSize: 1,
      launchTimeS: 8e-6,
    });
  });

  it('builds custom hardware on a preset', () => {
    expect(resolveHardware({ preset: 'v100', batchSize: 1 })).toEqual({
      ...resolveHardware('v100'),
      batchSize: 1,
    });
  });

  it('resolves every preset and edge-of-range device to what the parameter schema itself returns', () => {
    for (const preset of HARDWARE_PRESETS) {
      const resolved = resolveHardware(preset.id);
      expect(JSON.stringify(resolved)).toBe(
        JSON.stringify(hardwareParamsSchema().parse({ ...preset.params })),
      );
      expect(resolved).not.toBe(preset.params);
    }
    const edges = {
      nPes: 1,
      peFp32s: 16_384,
      frequencyHz: 1e11,
      memBandwidthBytesPerS: 1e6,
      launchTimeS: 0,
      batchSize: 65_536,
    };
    expect(JSON.stringify(resolveHardware(edges))).toBe(
      JSON.stringify(
        hardwareParamsSchema().parse({
          nPes: 1,
          peFp32s: 16_384,
          frequencyHz: 1e11,
          memBandwidthBytesPerS: 1e6,
          fp32Cycles: 4,
          memConcurrentFp32: 8,
          memoryEfficiency: 0.9,
          l2SpeedFrac: 4,
          latencyMode: 'add',
          batchSize: 65_536,
          launchTimeS: 0,
        }),
      ),
    );
    expect(() => resolveHardware('v100', { batchSize: undefined })).toThrow(
      /batchSize must be a number/,
    );
  });

  it('refuses numbers that would make the latency meaningless, naming the field and range', () => {
    expect(() => resolveHardware({ preset: 'v100', batchSize: 1e308 })).toThrow(
      'invalid hardware: batchSize must be between 1 and 65536',
    );
    expect(() => resolveHardware({ preset: 'v100', memConcurrentFp32: 1e-320 })).toThrow(
      'invalid hardware: memConcurrentFp32 must be between 0.001 and 100000',
    );
    expect(() => resolveHardware({ preset: 'v100', l2SpeedFrac: Number.NaN })).toThrow(
      /l2SpeedFrac must be/,
    );
    expect(() => resolveHardware({ preset: 'v100', launchTimeS: Infinity })).toThrow(
      /launchTimeS must be/,
    );
    expect(() => resolveHardware('v100', { memoryEfficiency: 2 })).toThrow(
      'invalid hardware override: memoryEfficiency must be between 0.001 and 1',
    );
  });

  it('rejects non-positive, non-numeric, unknown and missing fields with the field name', () => {
    expect(() => resolveHardware({ preset: 'v100', nPes: -1 })).toThrow(
      /nPes \(number of SMs\) must be between 1 and 100000/,
    );
    expect(() => resolveHardware({ preset: 'v100', frequencyHz: 0 })).toThrow(
      /frequencyHz must be between 1000000 and 100000000000 \(1 MHz to 100 GHz\)/,
    );
    expect(() => resolveHardware({ preset: 'v100', batchSize: 1.5 })).toThrow(
      /batchSize must be an integer/,
    );
    expect(() => resolveHardware({ preset: 'v100', frequencyHz: '1e9' } as never)).toThrow(
      /frequencyHz must be a number/,
    );
    expect(() => resolveHardware({ preset: 'v100', latencyMode: 'sum' } as never)).toThrow(
      /latencyMode must be 'add' or 'max'/,
    );
    expect(() => resolveHardware({ preset: 'v100', clock: 1 } as never)).toThrow(
      /unknown field\(s\) clock \(valid: nPes/,
    );
    expect(() => resolveHardware({ nPes: 2 })).toThrow(
      /needs peFp32s, frequencyHz, memBandwidthBytesPerS/,
    );
    expect(() => resolveHardware('v100', { memConcurrentFp32: 0 })).toThrow(
      /override.*memConcurrentFp32/,
    );
    expect(() => resolveHardware({ preset: 'nope' })).toThrow(/unknown hardware 'nope'/);
  });
});

describe('predictor memo sharing', () => {
  it('keys the memo tables by hardware parameters, not by object identity', () => {
    const a = createPredictor(resolveHardware('v100'));
    const b = createPredictor({ ...resolveHardware('v100') });
    const c = createPredictor(resolveHardware('v100', { memConcurrentFp32: 1 }));
    expect(hardwareKey(a.hw)).toBe(hardwareKey(b.hw));
    expect(a.memo).toBe(b.memo);
    expect(c.memo).not.toBe(a.memo);
  });

  it('derives the model constants of spec §1.2', () => {
    const p = createPredictor(resolveHardware('tx2'));
    expect(p.M).toBe(59.7e9 / 4);
    expect(p.L2).toBe((59.7e9 / 4) * 4);
    expect(p.Pi).toBe(512);
    expect(p.combine(1, 2)).toBe(3);
    expect(createPredictor(resolveHardware('tx2', { latencyMode: 'max' })).combine(1, 2)).toBe(2);
  });
});

describe('createPredictor', () => {
  it('refuses invalid parameters with the field named', () => {
    expect(() => createPredictor({ ...resolveHardware('v100'), nPes: 0 })).toThrow(HardwareError);
    expect(() => createPredictor({ ...resolveHardware('v100'), frequencyHz: Number.NaN })).toThrow(
      /frequencyHz/,
    );
  });
});
