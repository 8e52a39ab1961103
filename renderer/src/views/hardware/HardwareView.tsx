import { useLayoutEffect, useMemo, useState } from 'react';
import { markDrawn } from '../../perf/probe';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import { HardwareSummary } from './HardwareSummary';
import { HardwareTable } from './HardwareTable';
import { MsPerImageChart, RatioChart } from './HardwareCharts';
import type { HardwareDatum } from './hardwareData';
import { createLive } from '../../components/liveWrites';
import { hardwareSelector } from './viewState';
import '../../styles/views.css';

const LEGEND: LegendItem[] = [
  { label: 'Current hardware', color: 'var(--accent)' },
  { label: 'Other presets (dynamic)', color: 'var(--hw-bar)' },
  { label: 'Static (ms chart)', color: 'var(--hw-static)' },
  { label: '† not validated against measurements', color: 'var(--hw-bar)', swatch: 'faded' },
];

/** View 4: the same configuration on every hardware preset: latency ratio and ms per image. */
export function HardwareView() {
  // What the view renders of the rows (presets, axes) and of the configuration (model, note): a rate
  // change that leaves these alone renders nothing here; its numbers are written through `live`.
  const [select] = useState(hardwareSelector);
  const shape = useStudio(select.shape);
  const { data, presets, maxX, msDomain, model, note } = shape;
  const [live] = useState(() => createLive<HardwareDatum[]>());
  const [lo, hi] = msDomain;
  // The latest rows, published after each render and at every change of rows in between.
  useLayoutEffect(() => {
    const publish = (s: ReturnType<typeof useStudio.getState>) => {
      const rows = select.data(s);
      if (rows) live.set(rows);
      markDrawn('hardware', s.hardwareRowsConfig);
    };
    publish(useStudio.getState());
    return useStudio.subscribe((s, prev) => {
      if (s.hardwareRows !== prev.hardwareRows || s.config.hardware !== prev.config.hardware)
        publish(s);
    });
  }, [select, live, shape]);
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
  return (
    <div className="view-stack" data-testid="hardware-view">
      <HardwareSummary model={model} presets={presets} live={live} />
      {note ? <p className="hint">{note}</p> : null}
      {charts}
      <HardwareTable presets={presets} live={live} />
    </div>
  );
}
