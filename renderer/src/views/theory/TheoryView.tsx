import { memo, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { QuietTimer } from '../../controls/quietTimer';
import { markDrawn } from '../../perf/probe';
import { ChartCard, ChartLegend, Predicting, stageColor, type LegendItem } from '../../charts';
import { useStudio } from '../../store';
import { createLive, writeText, type Live } from '../../components/liveWrites';
import type { TheoryPoint } from './theoryData';
import { DOMAIN_SETTLE_MS, TheoryChart } from './TheoryChart';
import { TheoryTable } from './TheoryTable';
import { theorySelector, type TheoryLive } from './viewState';
import { asChange } from './change';
import '../../styles/views.css';

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

/** The sentence over the chart, written from `live` (one text node, as when React wrote it). */
const TheoryExplanation = memo(function TheoryExplanation({ live }: { live: Live<TheoryLive> }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const write = (v: TheoryLive) => writeText(ref.current, v.explanation);
    const now = live.get();
    if (now) write(now);
    return live.subscribe(write);
  }, [live]);
  return <p className="explain" data-testid="theory-explanation" ref={ref} />;
});

/**
 * The note under the table. React renders its text nodes (the network's figures as they were when the
 * shape last changed); a rate change writes the figures into their own text nodes.
 */
const TheoryNote = memo(function TheoryNote({
  network,
  live,
}: {
  network: TheoryPoint;
  live: Live<TheoryLive>;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const nodes = ref.current?.childNodes;
    const flops = nodes?.[1];
    const latency = nodes?.[4];
    if (!(flops instanceof Text) || !(latency instanceof Text)) return;
    const write = (v: TheoryLive) => {
      const n = v.theory.network;
      const f = asChange(n.flopsReduction);
      const l = asChange(n.latencyReduction);
      if (flops.data !== f) flops.data = f;
      if (latency.data !== l) latency.data = l;
    };
    const now = live.get();
    if (now) write(now);
    return live.subscribe(write);
  }, [live, network]);
  // The same six text nodes as when the view wrote the note with its numbers.
  return (
    <p className="hint" ref={ref}>
      {
        'Gap: latency change minus FLOPs change, in points (positive: latency gains less). Network: FLOPs '
      }
      {asChange(network.flopsReduction)}
      {', latency'} {asChange(network.latencyReduction)}
      {'. FLOPs include the stem and head, which the latency model does not cost.'}
    </p>
  );
});

/** View 3: FLOPs reduction against latency reduction, per block and for the network, with the reason. */
export function TheoryView() {
  // What the view renders (blocks, stages, modes, the drawn domain): a rate change that leaves these
  // alone renders nothing here; its numbers are written through `live`.
  const [select] = useState(theorySelector);
  const shape = useStudio(select.shape);
  const selectedBlock = useStudio((s) => s.selectedBlock);
  const [live] = useState(() => createLive<TheoryLive>());
  // Renders once the rates rest and the domain narrows (see TheorySelector.settle).
  const [, rested] = useReducer((n: number) => n + 1, 0);
  // The latest numbers, published after each render and at every new analysis in between; the probe
  // learns the configuration they are for in the same task (before the frame is painted).
  useLayoutEffect(() => {
    // One timer through a drag (not one set and cleared per change).
    const settle = new QuietTimer(DOMAIN_SETTLE_MS, () => {
      if (select.settle(useStudio.getState())) rested();
    });
    const publish = (s: ReturnType<typeof useStudio.getState>) => {
      const now = select.live(s);
      if (now) live.set(now);
      markDrawn('theory', s.analysisConfig);
    };
    publish(useStudio.getState());
    settle.changed();
    const unsubscribe = useStudio.subscribe((s, prev) => {
      if (s.analysis !== prev.analysis || s.config.hardware !== prev.config.hardware) {
        publish(s);
        settle.changed();
      }
    });
    return () => {
      unsubscribe();
      settle.cancel();
    };
  }, [select, live, shape]);
  const { theory, domain } = shape;
  if (!theory) return <Predicting />;
  return (
    <div className="view-stack" data-testid="theory-view">
      <TheoryExplanation live={live} />
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
            live={live}
            lo={domain[0]}
            hi={domain[1]}
            selectedKey={selectedBlock}
            onSelect={useStudio.getState().selectBlock}
          />
        </ChartCard>
        <section className="card" aria-label="Changes per stage">
          <h3 className="card-title">Per stage</h3>
          <TheoryTable stages={theory.stages} live={live} />
          <TheoryNote network={theory.network} live={live} />
        </section>
      </div>
    </div>
  );
}
