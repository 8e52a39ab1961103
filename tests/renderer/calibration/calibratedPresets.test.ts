import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseCalibratedPresets,
  serializeCalibratedPresets,
} from '../../../renderer/src/calibration/calibratedPresets';

const frozen = (v: number) =>
  readFileSync(
    join(import.meta.dirname, '../../fixtures/persisted/calibrated-presets', `v${v}.json`),
    'utf8',
  );

const presetV1 = {
  id: 'cal-1',
  name: 'My RTX 3060',
  source: 'rtx3060-bench.csv',
  savedAt: '2026-03-01T12:00:00.000Z',
  params: {
    nPes: 28,
    peFp32s: 128,
    frequencyHz: 1.78e9,
    memBandwidthBytesPerS: 3.6e11,
    fp32Cycles: 1,
    memConcurrentFp32: 4,
    memoryEfficiency: 0.7,
    l2SpeedFrac: 0.5,
    latencyMode: 'add',
    batchSize: 1,
    launchTimeS: 5e-6,
  },
  heldOutMedianErrorPct: 6.5,
  heldOutWithin10Pct: 0.82,
  rows: 120,
};

describe('calibrated presets storage', () => {
  it('loads the frozen version 1 file', () => {
    expect(parseCalibratedPresets(frozen(1))).toEqual({ ok: true, presets: [presetV1] });
  });

  it('round-trips what it writes', () => {
    const parsed = parseCalibratedPresets(frozen(1));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parseCalibratedPresets(serializeCalibratedPresets(parsed.presets))).toEqual(parsed);
  });

  it('refuses presets from a later release, naming both versions', () => {
    const future = JSON.stringify({ ...(JSON.parse(frozen(1)) as object), version: 2 });
    const r = parseCalibratedPresets(future);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/version 2, newer than the newest this release reads \(1\)/);
  });

  it('names what is wrong with a damaged file instead of giving an empty list', () => {
    const notJson = parseCalibratedPresets('{"presets":');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/not valid JSON/);
    const doc = JSON.parse(frozen(1)) as { presets: Array<{ params: { nPes: number } }> };
    (doc.presets[0] as { params: { nPes: number } }).params.nPes = -3;
    const bad = parseCalibratedPresets(JSON.stringify(doc));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/damaged: presets\.0\.params\.nPes/);
  });
});
