/**
 * The parts of the curves view that follow the live prediction: the "Current: …" hint and the marker
 * over the chart. They re-render on a rate change; the toolbar, the card and the chart do not.
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useShallow } from '../../store/shallow';
import type { StudioConfig } from '../../../../core/config/schema';
import { markDrawn } from '../../perf/probe';
import { useStudio } from '../../store';
import { curvesKey } from '../../worker/curvesKey';
import type { CurveSet } from '../../worker/types';
import { markerFor, withMarker, type Marker } from './marker';
import { seriesColor } from './palette';

/** The chart's fixed margins and axis sizes (the marker layer is placed from them, without measuring). */
export const CHART_MARGIN = { top: 12, right: 28, bottom: 28, left: 16 };
export const Y_AXIS_WIDTH = 56;
export const X_AXIS_HEIGHT = 30;

const NO_MARKER: Marker = { point: null, note: null };

/** The marker of the live prediction, with the configuration it is for (null before the first). */
function useMarker(
  scope: 'stage' | 'network',
  stage: number,
): { marker: Marker; config: StudioConfig | null } {
  const { analysis, analysisConfig } = useStudio(
    useShallow((s) => ({ analysis: s.analysis, analysisConfig: s.analysisConfig })),
  );
  // The marker comes with the prediction it shows (and the configuration that prediction is for), so
  // it never pairs a new rate with an old latency while the worker catches up.
  const marker = analysisConfig
    ? markerFor(analysisConfig, analysis?.prediction ?? null, scope, stage)
    : NO_MARKER;
  return { marker, config: analysisConfig };
}

/** "Current: rate … → ratio …" (or why there is no point): re-rendered alone on a rate change. */
export const CurrentHint = memo(function CurrentHint({
  scope,
  stage,
}: {
  scope: 'stage' | 'network';
  stage: number;
}) {
  const { marker } = useMarker(scope, stage);
  return (
    <span className="hint" data-testid="curves-marker">
      {marker.point
        ? `Current: rate ${marker.point.rate.toFixed(2)} → ratio ${marker.point.ratio.toFixed(3)}`
        : (marker.note ?? '')}
    </span>
  );
});

/**
 * The marker dot (and the bridge through it) over the chart, and the `data-marker` and
 * `data-current-series` of the chart box around it (written into the box, so a rate change re-renders
 * this layer only).
 */
export const CurvesMarker = memo(function CurvesMarker({
  fresh,
  drawn,
  yTop,
  scope,
  stage,
}: {
  fresh: CurveSet | null;
  drawn: boolean;
  yTop: number;
  scope: 'stage' | 'network';
  stage: number;
}) {
  const { marker, config } = useMarker(scope, stage);
  const curvesConfig = useStudio((s) => s.curvesConfig);
  const series = fresh ? fresh.series : [];
  const currentIndex = series.findIndex((s) => s.current);
  const current = series[currentIndex];
  const drawnCurrent = current ? withMarker(current, marker.point) : undefined;
  const bridge =
    current && drawnCurrent !== current && marker.point
      ? bridgeThrough(drawnCurrent!.points, marker.point, seriesColor(current, currentIndex))
      : null;
  const markerJson = marker.point ? JSON.stringify(marker.point) : null;
  const currentJson = JSON.stringify(drawnCurrent?.points ?? []);
  // A hidden anchor in the chart box: the box's ref is attached after this layer's effects run.
  const anchor = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const box = anchor.current?.parentElement;
    if (!box) return;
    if (markerJson === null) box.removeAttribute('data-marker');
    else box.setAttribute('data-marker', markerJson);
    box.setAttribute('data-current-series', currentJson);
  }, [markerJson, currentJson]);
  // Drawn: the marker shows the latest prediction, on curves of the same granularities and modes. The
  // curves' key changes with the curves, not with a rate: built once per curve set, not per change.
  const shownCurvesKey = useMemo(
    () => (curvesConfig ? curvesKey(curvesConfig, scope, stage) : null),
    [curvesConfig, scope, stage],
  );
  useLayoutEffect(() => {
    if (config && shownCurvesKey !== null && curvesKey(config, scope, stage) === shownCurvesKey)
      markDrawn('curves', config);
  }, [config, shownCurvesKey, scope, stage]);
  return (
    <>
      <span ref={anchor} hidden />
      {drawn && marker.point ? (
        <MarkerLayer point={marker.point} yTop={yTop} bridge={bridge} />
      ) : null}
    </>
  );
});

/** The current curve's points either side of an off-sample marker, with the marker between them. */
interface Bridge {
  points: { rate: number; ratio: number }[];
  color: string;
}

function bridgeThrough(
  points: readonly { rate: number; ratio: number }[],
  marker: { rate: number; ratio: number },
  color: string,
): Bridge {
  const i = points.findIndex((p) => p.rate === marker.rate && p.ratio === marker.ratio);
  return { points: points.slice(Math.max(0, i - 1), i + 2), color };
}

/**
 * The current setting as a dot over the plot area. Positioned from the chart's fixed margins and axis
 * sizes in percentages of the plot, so it needs no measuring and moves without re-rendering the chart;
 * it is an <svg>, so chart exports include it.
 */
function MarkerLayer({
  point,
  yTop,
  bridge,
}: {
  point: { rate: number; ratio: number };
  yTop: number;
  bridge: Bridge | null;
}) {
  const style = {
    left: CHART_MARGIN.left + Y_AXIS_WIDTH,
    top: CHART_MARGIN.top,
    width: `calc(100% - ${CHART_MARGIN.left + Y_AXIS_WIDTH + CHART_MARGIN.right}px)`,
    height: `calc(100% - ${CHART_MARGIN.top + CHART_MARGIN.bottom + X_AXIS_HEIGHT}px)`,
  };
  return (
    <svg
      className="curves-marker-layer"
      style={style}
      aria-hidden="true"
      data-testid="curves-marker-dot"
    >
      {bridge ? (
        <svg viewBox="0 0 1000 1000" preserveAspectRatio="none" width="100%" height="100%">
          <polyline
            points={bridge.points
              .map((p) => `${p.rate * 1000},${(1 - p.ratio / yTop) * 1000}`)
              .join(' ')}
            fill="none"
            stroke={bridge.color}
            strokeWidth={3}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      ) : null}
      <circle
        cx={`${point.rate * 100}%`}
        cy={`${(1 - point.ratio / yTop) * 100}%`}
        r={6}
        fill="var(--accent)"
        stroke="var(--panel)"
        strokeWidth={2}
      />
    </svg>
  );
}
