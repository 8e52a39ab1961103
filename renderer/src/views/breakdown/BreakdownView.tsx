import { memo, useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { markDrawn } from '../../perf/probe';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import type { StudioState } from '../../store/studioStore';
import { createLive, type Live } from '../../components/liveWrites';
import { BlockDetails } from './BlockDetails';
import { BreakdownChart } from './BreakdownChart';
import type { BreakdownData, TimeUnit } from './breakdownData';
import { opInfo } from './ops';
import {
  breakdownSelector,
  type BreakdownSelector,
  type BreakdownShape,
  type BreakdownValue,
} from './viewState';
import '../../styles/views.css';

function legendItems(data: BreakdownData): LegendItem[] {
  const items: LegendItem[] = data.ops.map((op) => ({
    label: opInfo(op).label,
    color: opInfo(op).color,
  }));
  if (data.series.some((s) => s.part === 'overhead')) {
    items.push({ label: 'Launch overhead', color: 'var(--op-overhead)' });
  }
  items.push(
    { label: 'Compute (solid)', color: 'var(--text-2)', swatch: 'solid' },
    { label: 'Memory (hatched)', color: 'var(--text-2)', swatch: 'hatch' },
    { label: 'Static bar (left, muted)', color: 'var(--text-2)', swatch: 'faded' },
  );
  return items;
}

const BreakdownLegend = memo(function BreakdownLegend({ items }: { items: LegendItem[] }) {
  return <ChartLegend items={items} label="Breakdown legend" />;
});

function UnitSwitch({ unit, onChange }: { unit: TimeUnit; onChange: (u: TimeUnit) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Time unit">
      {(['image', 'batch'] as const).map((u) => (
        <button
          key={u}
          type="button"
          role="radio"
          aria-checked={unit === u}
          className={unit === u ? 'active' : ''}
          onClick={() => onChange(u)}
        >
          {u === 'image' ? 'ms / image' : 'ms / batch'}
        </button>
      ))}
    </div>
  );
}

/**
 * Publishes the latest numbers on `live` after each render of the view and at every change of them in
 * between that keeps the shape, and marks the area drawn in the task that writes them. Rendered before the chart and the
 * details, so its layout effect runs before theirs: they find the new value there, not the last one.
 */
function LivePublisher({
  select,
  live,
  unit,
  shape,
}: {
  select: BreakdownSelector;
  live: Live<BreakdownValue>;
  unit: TimeUnit;
  shape: BreakdownShape;
}) {
  useLayoutEffect(() => {
    const publish = (s: StudioState) => {
      const value = select.value(s, unit);
      if (value) live.set(value);
      markDrawn('breakdown', s.analysisConfig);
    };
    publish(useStudio.getState());
    return useStudio.subscribe((s, prev) => {
      if (
        s.analysis === prev.analysis &&
        s.analysisConfig === prev.analysisConfig &&
        s.config.hardware === prev.config.hardware
      )
        return;
      // Numbers that need another shape (an axis, a series, a column) wait for its render, after which
      // this effect publishes them: the parts never draw them in the shape on screen.
      if (select.shape(s, unit) === shape) publish(s);
    });
  }, [select, live, unit, shape]);
  return null;
}

/** View 2: predicted time per block, static vs dynamic, by operator; a block's operator table. */
export function BreakdownView() {
  const [unit, setUnit] = useState<TimeUnit>('image');
  // What the view renders (blocks, series, axis, the selected block's operators): a rate change that
  // leaves these alone renders nothing here; its numbers are written through `live` (LivePublisher).
  const [select] = useState(breakdownSelector);
  const shapeOf = useCallback((s: StudioState) => select.shape(s, unit), [select, unit]);
  const shape = useStudio(shapeOf);
  const [live] = useState(() => createLive<BreakdownValue>());
  const { data, axis, latencyMode, batchSize, selectedKey, block } = shape;
  // The legend lists the operators present: it changes with the model or mode, not with a rate.
  const legendKey = data
    ? `${data.ops.join(' ')}|${data.series.some((s) => s.part === 'overhead')}`
    : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the legend shows
  const legend = useMemo(() => (data ? legendItems(data) : []), [legendKey]);
  const publisher = <LivePublisher select={select} live={live} unit={unit} shape={shape} />;
  if (!data || !axis) {
    return (
      <>
        {publisher}
        <Predicting />
      </>
    );
  }
  const selectBlock = useStudio.getState().selectBlock;
  return (
    <div className="view-stack" data-testid="breakdown-view">
      {publisher}
      <ChartCard
        title="Per-block breakdown"
        subtitle={`Predicted time per block; ${
          latencyMode === 'add'
            ? 'compute and memory add up'
            : 'compute and memory overlap, the larger is shown'
        }.`}
        exportName="per-block-breakdown"
        className="chart-card-contained"
        actions={<UnitSwitch unit={unit} onChange={setUnit} />}
        legend={<BreakdownLegend items={legend} />}
      >
        <BreakdownChart
          data={data}
          axis={axis}
          live={live}
          unit={unit}
          batchSize={batchSize}
          selectedKey={selectedKey}
          onSelect={selectBlock}
        />
      </ChartCard>
      <BlockDetails blocks={data.rows} block={block} live={live} onSelect={selectBlock} />
    </div>
  );
}
