import { memo, useLayoutEffect, useMemo, useState } from 'react';
import { markDrawn } from '../../perf/probe';
import { useShallow } from '../../store/shallow';
import { ChartCard, ChartLegend, Predicting, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import { BlockDetails } from './BlockDetails';
import { BreakdownChart } from './BreakdownChart';
import { breakdownData, type BreakdownData, type TimeUnit } from './breakdownData';
import { latencyModeOf, opInfo } from './ops';
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
  // The hardware, not the whole configuration: a rate change re-renders the view once, with its results.
  const { analysis, analysisConfig, hardware, selectedBlock } = useStudio(
    useShallow((s) => ({
      analysis: s.analysis,
      analysisConfig: s.analysisConfig,
      hardware: s.config.hardware,
      selectedBlock: s.selectedBlock,
    })),
  );
  useLayoutEffect(() => markDrawn('breakdown', analysisConfig), [analysisConfig]);
  const [unit, setUnit] = useState<TimeUnit>('image');
  const latencyMode = useMemo(() => latencyModeOf(hardware), [hardware]);
  const data = useMemo(
    () => (analysis ? breakdownData(analysis.prediction, latencyMode, unit) : null),
    [analysis, latencyMode, unit],
  );
  // The legend lists the operators present: it changes with the model or mode, not with a rate.
  const legendKey = data
    ? `${data.ops.join(' ')}|${data.series.some((s) => s.part === 'overhead')}`
    : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what the legend shows
  const legend = useMemo(() => (data ? legendItems(data) : []), [legendKey]);
  if (!analysis || !data) return <Predicting />;
  const prediction = analysis.prediction;
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
          unit={unit}
          batchSize={prediction.batchSize}
          selectedKey={selectedBlock}
          onSelect={selectBlock}
        />
      </ChartCard>
      <BlockDetails
        analysis={analysis}
        selectedKey={selectedBlock}
        unit={unit}
        onSelect={selectBlock}
      />
    </div>
  );
}
