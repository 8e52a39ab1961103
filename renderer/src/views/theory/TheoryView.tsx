import { memo, useLayoutEffect, useMemo } from 'react';
import { markDrawn } from '../../perf/probe';
import { useShallow } from '../../store/shallow';
import { ChartCard, ChartLegend, Predicting, stageColor, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import { latencyModeOf } from '../breakdown/ops';
import { explainGap, theoryOf, type StageTheory } from './theoryData';
import { TheoryChart } from './TheoryChart';
import { formatChange, formatPoints } from './change';
import '../../styles/views.css';

/** A reduction (1 − ratio) shown as the signed change the whole view uses. */
const asChange = (reduction: number) => formatChange(-reduction);

/** The legend lists the stages; it changes with the model, not with a rate. */
const TheoryLegend = memo(function TheoryLegend({ stages }: { stages: string }) {
  const items: LegendItem[] = [
    ...stages
      .split(' ')
      .map(Number)
      .map((s) => ({
        label: `Stage ${s + 1} blocks`,
        color: stageColor(s),
        swatch: 'dot' as const,
      })),
    { label: 'Network', color: 'var(--text)', swatch: 'diamond' },
    { label: 'y = x (latency follows FLOPs)', color: 'var(--text-3)', swatch: 'dashed' },
  ];
  return <ChartLegend items={items} label="Theory vs practice legend" />;
});

function StageTable({ stages }: { stages: StageTheory[] }) {
  return (
    <table className="data theory-table">
      <caption className="sr-only">Changes per stage against the static network</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">FLOPs change</th>
          <th scope="col">Latency change</th>
          <th scope="col" title="Latency change minus FLOPs change, in percentage points">
            Gap
          </th>
        </tr>
      </thead>
      <tbody>
        {stages.map((s) => {
          // Latency change − FLOPs change: positive when latency gains less than FLOPs.
          const gap = s.flopsReduction - s.latencyReduction;
          return (
            <tr key={s.stage}>
              <th scope="row">
                <span
                  className="op-dot"
                  style={{ background: stageColor(s.stage) }}
                  aria-hidden="true"
                />
                Stage {s.stage + 1}
                <span className="stage-mode">{s.modes.join(', ')}</span>
              </th>
              <td>{asChange(s.flopsReduction)}</td>
              <td>{asChange(s.latencyReduction)}</td>
              <td className={gap > 0.02 ? 'bad' : gap < -0.02 ? 'good' : ''}>
                {formatPoints(gap)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** View 3: FLOPs reduction against latency reduction, per block and for the network, with the reason. */
export function TheoryView() {
  // The hardware, not the whole configuration: a rate change re-renders the view once, with its results.
  const { analysis, analysisConfig, hardware, selectedBlock } = useStudio(
    useShallow((s) => ({
      analysis: s.analysis,
      analysisConfig: s.analysisConfig,
      hardware: s.config.hardware,
      selectedBlock: s.selectedBlock,
    })),
  );
  useLayoutEffect(() => markDrawn('theory', analysisConfig), [analysisConfig]);
  const latencyMode = useMemo(() => latencyModeOf(hardware), [hardware]);
  const theory = useMemo(() => (analysis ? theoryOf(analysis) : null), [analysis]);
  const explanation = useMemo(
    () => (analysis ? explainGap(analysis, latencyMode) : ''),
    [analysis, latencyMode],
  );
  if (!analysis || !theory) return <Predicting />;
  return (
    <div className="view-stack" data-testid="theory-view">
      <p className="explain" data-testid="theory-explanation">
        {explanation}
      </p>
      <div className="theory-grid">
        <ChartCard
          title="Theory vs practice"
          subtitle="Change vs the static network (negative: cheaper); above the diagonal, latency gains less than FLOPs."
          exportName="theory-vs-practice"
          className="chart-card-contained"
          legend={<TheoryLegend stages={theory.stages.map((s) => s.stage).join(' ')} />}
        >
          <TheoryChart
            theory={theory}
            selectedKey={selectedBlock}
            onSelect={useStudio.getState().selectBlock}
          />
        </ChartCard>
        <section className="card" aria-label="Changes per stage">
          <h3 className="card-title">Per stage</h3>
          <StageTable stages={theory.stages} />
          <p className="hint">
            Gap: latency change minus FLOPs change, in points (positive: latency gains less).
            Network: FLOPs {asChange(theory.network.flopsReduction)}, latency{' '}
            {asChange(theory.network.latencyReduction)}. FLOPs include the stem and head, which the
            latency model does not cost.
          </p>
        </section>
      </div>
    </div>
  );
}
