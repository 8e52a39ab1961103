import { useEffect, useRef } from 'react';
import type { GranularityResult, GranularityRow, MatchedFlopsRow } from '../../../core/solvers';
import { useStudio } from '../store';

export interface GranularityDialogProps {
  result: GranularityResult;
  /** Stage map sides, for the stage headings. */
  resolutions: number[];
  hardware: string;
  onClose: () => void;
}

const letter = (mode: string) => (mode === 'channel' ? 'G' : 'S');

function candidateLabel(r: GranularityRow): string {
  if (r.mode === 'layer') return 'Layer skipping';
  if (r.reference)
    return `${r.mode === 'channel' ? 'Channel' : 'Spatial'} ${letter(r.mode)} = ${r.value}`;
  return `${letter(r.mode)} = ${r.value}`;
}

const PARADIGM_LABEL: Record<MatchedFlopsRow['mode'], string> = {
  spatial: 'Spatial masks',
  channel: 'Channel skipping',
  layer: 'Layer skipping',
};

function CandidateRow({ row: r, stage }: { row: GranularityRow; stage: number }) {
  return (
    <tr
      className={r.chosen ? 'chosen' : r.reference ? 'reference' : undefined}
      data-testid={r.chosen ? `gran-chosen-${stage + 1}` : undefined}
    >
      <th scope="row">
        {candidateLabel(r)}
        {r.chosen ? <span className="gran-tag">lowest</span> : null}
        {r.trainable ? null : <span className="gran-tag warn">not trainable</span>}
      </th>
      <td className={r.latencyRatio < 1 ? 'good' : 'bad'}>{r.latencyRatio.toFixed(3)}</td>
      <td>{r.flopsRatio.toFixed(3)}</td>
    </tr>
  );
}

function StageTable({
  stage,
  rows,
  side,
}: {
  stage: number;
  rows: GranularityRow[];
  side: number;
}) {
  const search = rows.find((r) => !r.reference)?.mode;
  return (
    <section className="gran-stage" aria-label={`Stage ${stage + 1} candidates`}>
      <h3>
        Stage {stage + 1}{' '}
        <span className="hint">
          {side}×{side} · {search === 'channel' ? 'channel group size G' : 'spatial granularity S'}
        </span>
      </h3>
      <table className="data gran-table">
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col" title="Predicted stage latency, dynamic / static">
              Latency
            </th>
            <th
              scope="col"
              title="Stage FLOPs, dynamic / static, as the reference training code counts them"
            >
              FLOPs
            </th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => !r.reference)
            .map((r) => (
              <CandidateRow key={`${r.mode}-${r.value}`} row={r} stage={stage} />
            ))}
          {rows.some((r) => r.reference) ? (
            <tr className="gran-ref-head">
              <th scope="rowgroup" colSpan={3}>
                Reference, never applied
              </th>
            </tr>
          ) : null}
          {rows
            .filter((r) => r.reference)
            .map((r) => (
              <CandidateRow key={`ref-${r.mode}-${r.value}`} row={r} stage={stage} />
            ))}
        </tbody>
      </table>
    </section>
  );
}

function MatchedTable({ rows }: { rows: MatchedFlopsRow[] }) {
  const stages = [...new Set(rows.map((r) => r.stage))];
  const modes: MatchedFlopsRow['mode'][] = ['spatial', 'channel', 'layer'];
  return (
    <table className="data gran-matched" data-testid="gran-matched">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th
            scope="col"
            title="The stage's current FLOPs ratio, which every paradigm is solved to match"
          >
            FLOPs ratio
          </th>
          {modes.map((m) => (
            <th key={m} scope="col">
              {PARADIGM_LABEL[m]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {stages.map((stage) => {
          const cells = rows.filter((r) => r.stage === stage);
          const best = Math.min(...cells.map((c) => c.latencyRatio));
          return (
            <tr key={stage}>
              <th scope="row">Stage {stage + 1}</th>
              <td>{cells[0]?.targetFlopsRatio.toFixed(3)}</td>
              {modes.map((m) => {
                const c = cells.find((x) => x.mode === m);
                if (!c) return <td key={m}>—</td>;
                const setting = m === 'layer' ? '' : `${letter(m)} = ${c.value}, `;
                return (
                  <td key={m} className={c.latencyRatio === best ? 'best' : undefined}>
                    <span className="gran-lat">{c.latencyRatio.toFixed(3)}</span>
                    <span className="gran-sub">
                      {setting}rate {c.rate.toFixed(3)}
                      {c.achievable ? '' : ' (out of reach)'}
                    </span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The granularity choice: per stage, every candidate S (spatial stages) or G (channel stages) with its
 * predicted latency ratio, the lowest marked; reference rows for context; the paradigms at matched FLOPs.
 * "Apply" sets only the chosen S or G: it never changes a stage's mode.
 */
export function GranularityDialog({
  result,
  resolutions,
  hardware,
  onClose,
}: GranularityDialogProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), []);
  const stages = [...new Set(result.rows.map((r) => r.stage))];
  const summary = result.choices.map((c) => `${letter(c.mode)} = ${c.value}`).join(', ');
  const apply = () => {
    useStudio.getState().editConfig(() => result.config);
    useStudio
      .getState()
      .notify(
        'info',
        `Applied ${result.choices.map((c) => `stage ${c.stage + 1}: ${letter(c.mode)} = ${c.value}`).join(', ')}.`,
      );
    onClose();
  };
  const rateText = result.uniformRate
    ? `every block at rate ${result.rate.toFixed(2)}`
    : 'each stage at its own rates';
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog gran-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gran-title"
        data-testid="granularity-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="gran-title">Choose granularity by predicted latency</h2>
        <p className="hint">
          On {hardware}, {rateText}. Each row is the stage's latency ratio (dynamic / static); the
          lowest candidate wins, near-ties go to the finer one. Reference rows show other paradigms
          at the same rate for context and are never applied.
        </p>
        {stages.length === 0 ? (
          <p className="gran-empty">
            No stage uses spatial masks or channel skipping, so there is no granularity to choose.
            Switch a stage's mode first.
          </p>
        ) : (
          <div className="gran-stages">
            {stages.map((stage) => (
              <StageTable
                key={stage}
                stage={stage}
                side={resolutions[stage] ?? 0}
                rows={result.rows.filter((r) => r.stage === stage)}
              />
            ))}
          </div>
        )}
        {result.matched.length ? (
          <section className="gran-matched-section" aria-labelledby="gran-matched-title">
            <h3 id="gran-matched-title">Compare paradigms at matched FLOPs</h3>
            <p className="hint">
              Each paradigm at the rate that gives the stage its current FLOPs ratio, and the
              latency ratio it reaches there: a fair comparison, unlike equal activation rates.
            </p>
            <div className="gran-matched-scroll">
              <MatchedTable rows={result.matched} />
            </div>
          </section>
        ) : null}
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn primary"
            onClick={apply}
            disabled={result.choices.length === 0}
            data-testid="apply-granularity"
          >
            {result.choices.length ? `Apply ${summary}` : 'Apply'}
          </button>
        </div>
      </div>
    </div>
  );
}
