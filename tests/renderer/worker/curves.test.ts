import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { analyze, stageRatio } from '../../../renderer/src/worker/analysis';
import { curves, CURVE_RATES, FINE_CURVE_RATES } from '../../../renderer/src/worker/curves';
import { markerFor, withMarker } from '../../../renderer/src/views/curves/marker';
import {
  setBlockRate,
  setStageGranularity,
  setStageGroupSize,
  setStageMode,
  setStageRate,
  setTargetRate,
} from '../../../renderer/src/store/configEdits';
import type { StudioConfig } from '../../../core/config/schema';

const close = (a: number | undefined, b: number) =>
  expect(Math.abs((a ?? NaN) - b) / Math.abs(b)).toBeLessThanOrEqual(1e-12);

/** The stage's ratio as the prediction of a configuration switched to that setting (no sweep involved). */
function switchedRatio(c: StudioConfig, stage: number, rate: number): number {
  return stageRatio(analyze(setStageRate(c, stage, rate)).prediction, stage);
}

describe('latency curves (core sweep)', () => {
  it('stage curves cover every S dividing the map (S = side included), layer and channel', () => {
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
      'spatial-56',
      'layer',
      'channel-2',
    ]);
    const current = set.series.find((s) => s.current)!;
    expect(current.id).toBe('spatial-4');
    expect(current.points.map((p) => p.rate)).toEqual(FINE_CURVE_RATES);
    expect(set.series.find((s) => s.id === 'layer')!.points.map((p) => p.rate)).toEqual(
      CURVE_RATES,
    );
    const marker = markerFor(c, analyze(c).prediction, 'stage', 0);
    expect(marker.point?.rate).toBe(0.35);
    close(current.points.find((p) => p.rate === 0.35)?.ratio, marker.point!.ratio);
    expect(withMarker(current, marker.point)).toBe(current);
    const merged = withMarker(current, { rate: 0.351, ratio: 0.9 });
    expect(merged.points).toContainEqual({ rate: 0.351, ratio: 0.9 });
    expect(merged.points.length).toBe(FINE_CURVE_RATES.length + 1);
  });

  it('every candidate point equals the prediction after switching the stage to it (channel uses S = 1)', () => {
    // The private sweep this replaces kept the configuration's S = 4 for the channel curve.
    const base = setStageGranularity(defaultConfig('resnet101'), 1, 4);
    const set = curves(base, 'stage', 1);
    const channel = set.series.find((s) => s.id === 'channel-2')!;
    const asChannel = setStageGroupSize(setStageMode(base, 1, 'channel'), 1, 2);
    for (const rate of [0.25, 0.5, 0.75]) {
      close(channel.points.find((p) => p.rate === rate)?.ratio, switchedRatio(asChannel, 1, rate));
    }
    expect(channel.sweep.granularity[1]).toBe(1);
    const s28 = set.series.find((s) => s.id === 'spatial-28')!;
    close(
      s28.points.find((p) => p.rate === 0.5)?.ratio,
      switchedRatio(setStageGranularity(base, 1, 28), 1, 0.5),
    );
    const layer = set.series.find((s) => s.id === 'layer')!;
    close(
      layer.points.find((p) => p.rate === 0.3)?.ratio,
      switchedRatio(setStageMode(base, 1, 'layer'), 1, 0.3),
    );
  });

  it('S = 56 on stage 1 is a curve of its own and the current one when chosen', () => {
    const c = setStageGranularity(defaultConfig('resnet50'), 0, 56);
    const s56 = curves(c, 'stage', 0).series.find((s) => s.id === 'spatial-56')!;
    expect(s56.current).toBe(true);
    close(s56.points.find((p) => p.rate === 0.6)?.ratio, switchedRatio(c, 0, 0.6));
  });

  it('the S=1 stage-1 curve on a V100 ends above the static line (pixel masks are slower at full rate)', () => {
    const s1 = curves(defaultConfig('resnet50'), 'stage', 0).series.find(
      (s) => s.id === 'spatial-1',
    )!;
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

  it('network curves: the mixed-mode configuration curve passes through the network ratio', () => {
    let c = setTargetRate(defaultConfig('resnet50'), 0.5);
    c = setStageMode(setStageMode(c, 3, 'static'), 2, 'layer');
    const set = curves(c, 'network', 0);
    const current = set.series.find((s) => s.current)!;
    expect(current.sweep.modes).toEqual(['spatial', 'spatial', 'layer', 'static']);
    close(current.points.find((p) => p.rate === 0.5)?.ratio, analyze(c).prediction.ratio);
    expect(set.series.some((s) => s.id === 'spatial-4-4-2-1')).toBe(true);
    expect(set.staticLatencyS).toBeCloseTo(analyze(c).prediction.staticLatencyS, 12);
  });
});
