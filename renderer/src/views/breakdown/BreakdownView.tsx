import { memo, useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { markDrawn } from '../../perf/probe';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import type { StudioState } from '../../store/studioStore';
import { createLive } from '../hardware/live';
import { BlockDetails } from './BlockDetails';
import { BreakdownChart } from './BreakdownChart';
import type { BreakdownData, TimeUnit } from './breakdownData';
import { opInfo } from './ops';
import { breakdownSelector, type BreakdownValue } from './viewState';
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

/** View 2: predicted time per block, static vs dynamic, by operator; a block's operator table. */
export function BreakdownView() {
  const [unit, setUnit] = useState<TimeUnit>('image');
  // What the view renders (blocks, series, axis, the selected block's operators): a rate change that
  // leaves these alone renders nothing here; its numbers are written through `live`.
  const [select] = useState(breakdownSelector);
  const shapeOf = useCallback((s: StudioState) => select.shape(s, unit), [select, unit]);
  const shape = useStudio(shapeOf);
  const [live] = useState(() => createLive<BreakdownValue>());
  // The latest numbers, published after each render and at every change of them in between; the area
  // is drawn in the task that writes them.
  useLayoutEffect(() => {
    const publish = (s: StudioState) => {
      const value = select.value(s, unit);
      if (value) live.set(value);
      markDrawn('breakdown', s.analysisConfig);
    };
    publish(useStudio.getState());
    return useStudio.subscribe((s, prev) => {
      if (
        s.analysis !== prev.analysis ||
        s.analysisConfig !== prev.analysisConfig ||
        s.config.hardware !== prev.config.hardware
      )
        publish(s);
    });
  }, [select, live, unit, shape]);
  const { data, axis, latencyMode, batchSize, selectedKey, block } = shape;
  // The legend lists the operators present: it changes with the model or mode, not with a rate.
  const legendKey = data
    ? `${data.ops.join(' ')}|${data.series.some((s) => s.part === 'overhead')}`
    : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the legend shows
  const legend = useMemo(() => (data ? legendItems(data) : []), [legendKey]);
  if (!data || !axis) return <Predicting />;
  const selectBlock = useStudio.getState().selectBlock;
  return (
    <div className="view-stack" data-testid="breakdown-view">
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
