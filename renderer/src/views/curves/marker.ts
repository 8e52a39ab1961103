import type { StudioConfig } from '../../../../core/config/schema';
import type { NetworkPrediction } from '../../../../core/predictor';
import { stageRatio } from '../../worker/analysis';
import type { CurvePoint, CurveSeries } from '../../worker/types';

export interface Marker {
  point: CurvePoint | null;
  /** Why there is no point on the curves (static stage, overrides…). */
  note: string | null;
}

/** The current setting on the curves chart, from the live prediction (so a rate drag moves it at once). */
export function markerFor(
  config: StudioConfig,
  prediction: NetworkPrediction | null,
  scope: 'stage' | 'network',
  stage: number,
): Marker {
  if (!prediction) return { point: null, note: null };
  if (scope === 'network') {
    const uniform =
      config.stages.every((s) => s.rate === null) && Object.keys(config.blockRates).length === 0;
    return uniform
      ? { point: { rate: config.targetRate, ratio: prediction.ratio }, note: null }
      : {
          point: null,
          note: 'Stage or block rates differ from the global target, so the current point is off this uniform-rate curve.',
        };
  }
  const st = config.stages[stage];
  if (!st) return { point: null, note: null };
  if (st.mode === 'static')
    return {
      point: null,
      note: 'This stage is static: it always costs its dense latency (ratio 1).',
    };
  if (st.mode === 'spatial+channel') {
    return {
      point: null,
      note: 'Spatial + channel stages have two rates; the curves below vary one rate at a time.',
    };
  }
  const prefix = `stage${stage + 1}/`;
  if (Object.keys(config.blockRates).some((k) => k.startsWith(prefix))) {
    return {
      point: null,
      note: 'Blocks of this stage have their own rates, so the current point is off these uniform-rate curves.',
    };
  }
  return {
    point: { rate: st.rate ?? config.targetRate, ratio: stageRatio(prediction, stage) },
    note: null,
  };
}

/**
 * Merges the marker into the current series: the curves are sampled every 0.01 and the marker is the same
 * model evaluated at the current rate, so the drawn curve passes exactly through it.
 */
export function withMarker(series: CurveSeries, marker: CurvePoint | null): CurveSeries {
  if (!series.current || !marker) return series;
  // Already a sample (the usual case: the curve is sampled at every slider step): keep the object. The
  // sweep and the prediction add the same block latencies in another order, so allow rounding.
  if (
    series.points.some(
      (p) =>
        p.rate === marker.rate &&
        Math.abs(p.ratio - marker.ratio) <= 1e-12 * Math.abs(marker.ratio),
    )
  )
    return series;
  const points = series.points.filter((p) => Math.abs(p.rate - marker.rate) > 1e-12);
  points.push(marker);
  points.sort((a, b) => a.rate - b.rate);
  return { ...series, points };
}
