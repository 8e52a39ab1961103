import { useLayoutEffect, useMemo, useState } from 'react';
import { markDrawn } from '../../perf/probe';
import { useShallow } from '../../store/shallow';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { formatMs, formatRatio } from '../../format';
import { modelLabel } from '../../labels';
import { useStudio } from '../../store';
import { HardwareTable } from './HardwareTable';
import { MsPerImageChart, RatioChart } from './HardwareCharts';
import {
  currentPresetId,
  hardwareData,
  msAxisDomain,
  presetsKey,
  presetsOf,
  ratioAxisTop,
  type HardwareDatum,
} from './hardwareData';
import { createLive } from './live';
import { keepMax } from '../../charts/svg';
import '../../styles/views.css';

const LEGEND: LegendItem[] = [
  { label: 'Current hardware', color: 'var(--accent)' },
  { label: 'Other presets (dynamic)', color: 'var(--hw-bar)' },
  { label: 'Static (ms chart)', color: 'var(--hw-static)' },
  { label: '† not validated against measurements', color: 'var(--hw-bar)', swatch: 'faded' },
];

/** A note when the configuration's hardware is not exactly one of the compared presets. */
function hardwareNote(kind: 'preset' | 'custom', overridden: boolean): string | null {
  if (kind === 'custom')
    return 'The configuration uses custom hardware, which is not a preset: only the presets are compared.';
  if (overridden)
    return 'The current preset has modified parameters; the comparison uses every preset as shipped.';
  return null;
}

/** View 4: the same configuration on every hardware preset: latency ratio and ms per image. */
export function HardwareView() {
  // What the view shows of the configuration, not the configuration itself: a rate change re-renders
  // the view once, when its rows arrive.
  const { rows, rowsConfig, hardware, model, presetId } = useStudio(
    useShallow((s) => ({
      rows: s.hardwareRows,
      rowsConfig: s.hardwareRowsConfig,
      hardware: s.config.hardware,
      model: modelLabel(s.config),
      presetId: currentPresetId(s.config),
    })),
  );
  // Keyed by the preset id, not the configuration: a rate drag must not redraw the charts with old rows.
  const data = useMemo(() => (rows ? hardwareData(rows, presetId) : null), [rows, presetId]);
  // The numbers reach the charts and the table through `live`; React renders them again only when
  // what they show of the presets or an axis changes.
  const [live] = useState(() => createLive<HardwareDatum[]>());
  const key = data ? presetsKey(data) : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the presets show (key)
  const presets = useMemo(() => (data ? presetsOf(data) : []), [key]);
  // The ratio axis keeps its top while the bars fit (derived state); the ms axis spans whole decades.
  const needed = data ? ratioAxisTop(data) : 0;
  const [drawnMax, setDrawnMax] = useState(needed);
  const maxX = keepMax(drawnMax, needed);
  if (maxX !== drawnMax) setDrawnMax(maxX);
  const [lo, hi] = data ? msAxisDomain(data) : [0.1, 1];
  useLayoutEffect(() => {
    if (data) live.set(data);
    markDrawn('hardware', rowsConfig);
  }, [live, data, rowsConfig]);
  const charts = useMemo(
    () => (
      <ChartCard
        title="Hardware comparison"
        subtitle="Each preset at its own batch size (128 on discrete GPUs, 1 on Jetson boards); ms per image = batch latency ÷ batch size."
        context={`${model} · every preset at its own batch`}
        exportName="hardware-comparison"
        className="chart-card-contained"
        legend={<ChartLegend items={LEGEND} label="Hardware comparison legend" />}
      >
        <div className="hw-charts">
          <RatioChart presets={presets} live={live} maxX={maxX} />
          <MsPerImageChart presets={presets} live={live} lo={lo} hi={hi} />
        </div>
      </ChartCard>
    ),
    [model, presets, live, maxX, lo, hi],
  );
  if (!data) return <Predicting what="Comparing hardware presets…" />;
  const note = hardwareNote(
    hardware.kind,
    hardware.kind === 'preset' && Object.keys(hardware.overrides).length > 0,
  );
  const current = data.find((r) => r.current);
  const best = data.reduce((a, b) => (b.ratio < a.ratio ? b : a), data[0]!);
  return (
    <div className="view-stack" data-testid="hardware-view">
      <p className="explain">
        {model} with this configuration is fastest relative to static on{' '}
        <strong>{best.shortLabel}</strong> (ratio{' '}
        <span className="mono">{formatRatio(best.ratio)}</span>)
        {current ? (
          <>
            ; on the current {current.shortLabel} the ratio is{' '}
            <span className="mono">{formatRatio(current.ratio)}</span>,{' '}
            <span className="mono">{formatMs(current.msPerImage)}</span> per image
          </>
        ) : null}
        .
      </p>
      {note ? <p className="hint">{note}</p> : null}
      {charts}
      <HardwareTable presets={presets} live={live} />
    </div>
  );
}
