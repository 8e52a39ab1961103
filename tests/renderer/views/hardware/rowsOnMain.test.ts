import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { HARDWARE_PRESETS } from '../../../../core/predictor';
import {
  hardwareRowsOnMain,
  isWarm,
  resetWarmFamilies,
} from '../../../../renderer/src/views/hardware/rowsOnMain';
import { analyze, familyKey, hardwareRows } from '../../../../renderer/src/worker/analysis';

/** Runs the idle warm-up to its end (the test DOM has no requestIdleCallback: timers stand in). */
async function warm(config: ReturnType<typeof defaultConfig>) {
  expect(hardwareRowsOnMain(config)).toBeNull(); // cold: starts the warm-up, answers nothing
  for (let i = 0; i < 200 && !isWarm(config); i++) await vi.advanceTimersByTimeAsync(20);
  expect(isWarm(config)).toBe(true);
}

describe('hardware rows on the main thread', () => {
  beforeEach(() => {
    resetWarmFamilies();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('keys the warm tables on everything but the rates', () => {
    const base = defaultConfig('resnet101', 'v100');
    expect(familyKey({ ...base, targetRate: 0.31 })).toBe(familyKey({ ...base, targetRate: 0.77 }));
    expect(familyKey({ ...base, blockRates: { '2/1': 0.4 } })).toBe(familyKey(base));
    const otherMode = {
      ...base,
      stages: base.stages.map((s) => ({ ...s, mode: 'static' as const })),
    };
    expect(familyKey(otherMode)).not.toBe(familyKey(base));
    expect(familyKey(defaultConfig('resnet50', 'v100'))).not.toBe(familyKey(base));
  });

  it('answers null until the family is warm, then the worker’s rows for any rate', async () => {
    const config = defaultConfig('resnet101', 'v100');
    await warm(config);
    for (const targetRate of [0.618, 0.2361, 0.8541]) {
      const c = { ...config, targetRate };
      const rows = hardwareRowsOnMain(c, Infinity);
      // The analysis worker's function (another code path) gives the same rows, preset for preset.
      expect(rows).toEqual(hardwareRows(c));
      expect(rows!.map((r) => r.id)).toEqual(HARDWARE_PRESETS.map((p) => p.id));
      // The V100 row is the live prediction of the configuration, which is on V100.
      const v100 = rows!.find((r) => r.id === 'v100')!;
      expect(v100.msPerImage).toBe(analyze(c).prediction.latencyMsPerImage);
    }
    // Warmth belongs to the family: another model starts cold.
    expect(hardwareRowsOnMain(defaultConfig('resnet50', 'v100'), Infinity)).toBeNull();
  });

  it('hands a change to the worker when it runs past the budget', async () => {
    const config = defaultConfig('resnet101', 'v100');
    await warm(config);
    // A clock that moves 2 ms per reading: past a 3 ms budget after the second preset.
    let t = 0;
    const slow = () => (t += 2);
    expect(hardwareRowsOnMain({ ...config, targetRate: 0.5 }, 3, slow)).toBeNull();
    // A clock that stands still: all presets, in order.
    const rows = hardwareRowsOnMain({ ...config, targetRate: 0.5 }, 3, () => 0);
    expect(rows!.length).toBe(HARDWARE_PRESETS.length);
  });

  it('finishes the rows past the budget when the projected total stays within the finish limit', async () => {
    const config = defaultConfig('resnet101', 'v100');
    await warm(config);
    const c = { ...config, targetRate: 0.4321 };
    // 0.35 ms per preset: past a 3 ms budget after the ninth preset, all ten projected at 3.5 ms.
    let t = 0;
    const steady = () => (t += 0.35);
    const rows = hardwareRowsOnMain(c, 3, steady, 6);
    expect(rows).toEqual(hardwareRows(c));
    // The same pace with a finish limit under the projection: to the worker.
    t = 0;
    expect(hardwareRowsOnMain(c, 3, steady, 3.4)).toBeNull();
  });
});
