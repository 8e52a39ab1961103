import { memo, useLayoutEffect, useRef } from 'react';
import { stageColor } from '../../charts';
import { writeText, type Live } from '../../components/liveWrites';
import { asChange, formatPoints } from './change';
import type { StageTheory } from './theoryData';
import type { TheoryLive } from './viewState';

/** The gap column's class: latency gains clearly less (bad) or more (good) than FLOPs. */
const gapClass = (gap: number) => (gap > 0.02 ? 'bad' : gap < -0.02 ? 'good' : '');

/**
 * Writes the stages' numbers into the table body's rows: a cell's text and the gap's class only where
 * they differ from what this writer put there last (nothing is read back from the page).
 */
export function stageRowsWriter(
  body: HTMLTableSectionElement,
): (stages: readonly StageTheory[]) => void {
  const cells = Array.from(body.children, (tr) => {
    const [, flops, latency, gap] = Array.from(tr.children);
    return { flops, latency, gap };
  });
  const texts: string[][] = cells.map(() => []);
  const classes: (string | null)[] = cells.map((c) => c.gap?.getAttribute('class') ?? null);
  return (stages) => {
    const n = Math.min(stages.length, cells.length);
    for (let i = 0; i < n; i++) {
      const s = stages[i]!;
      const row = cells[i]!;
      const last = texts[i]!;
      // Latency change − FLOPs change: positive when latency gains less than FLOPs.
      const gap = s.flopsReduction - s.latencyReduction;
      const next = [asChange(s.flopsReduction), asChange(s.latencyReduction), formatPoints(gap)];
      const els = [row.flops, row.latency, row.gap];
      for (let c = 0; c < 3; c++) {
        if (last[c] === next[c]) continue;
        last[c] = next[c]!;
        writeText(els[c], next[c]!);
      }
      const cls = gapClass(gap);
      if (classes[i] !== cls) {
        classes[i] = cls;
        row.gap?.setAttribute('class', cls);
      }
    }
  };
}

/**
 * Changes per stage. Rendered with the stages (their names and modes); the numbers are written from
 * `live` at every rate change, only those that changed.
 */
export const TheoryTable = memo(function TheoryTable({
  stages,
  live,
}: {
  stages: StageTheory[];
  live: Live<TheoryLive>;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const rows = stageRowsWriter(el);
    // Numbers for other stages: the render for them writes them.
    const write = (v: TheoryLive) => {
      if (v.shape.theory?.stages === stages) rows(v.theory.stages);
    };
    const now = live.get();
    if (now) write(now);
    return live.subscribe(write);
  }, [live, stages]);
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
      <tbody ref={body}>
        {stages.map((s) => (
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
            <td />
            <td />
            <td />
          </tr>
        ))}
      </tbody>
    </table>
  );
});
