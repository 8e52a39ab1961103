import { useEffect, useRef, useState } from 'react';
import type { GranularityResult } from '../../../core/solvers';
import { useStudio } from '../store';
import type { GranularityChoice } from '../worker/types';

interface Props {
  choice: GranularityChoice;
  onClose: () => void;
}

/** The auto-granularity table: every candidate's predicted stage latency ratio, the winner per stage. */
export function GranularityDialog({ choice, onClose }: Props) {
  const [kind, setKind] = useState<'spatial' | 'channel'>('spatial');
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const result: GranularityResult = choice[kind];
  const stages = [...new Set(result.rows.map((r) => r.stage))];
  const apply = () => {
    useStudio.getState().editConfig(() => result.config);
    useStudio.getState().notify(
      'info',
      `Applied ${result.choices.map((c) => `stage ${c.stage + 1}: ${c.mode === 'layer' ? 'layer' : `${c.mode === 'spatial' ? 'S' : 'G'}=${c.value}`}`).join(', ')}.`,
    );
    onClose();
  };
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog wide-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gran-title"
        data-testid="granularity-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="gran-title">Choose granularity by predicted latency</h2>
        <p className="hint">
          Every block at rate {result.rate.toFixed(2)}; each row is one stage's latency ratio (dynamic / static) on the
          configured hardware. The lowest ratio wins; near-ties go to the finer granularity.
        </p>
        <div className="segmented" role="group" aria-label="Granularity kind">
          <button type="button" className="btn small" aria-pressed={kind === 'spatial'} onClick={() => setKind('spatial')}>
            Spatial S (+ layer)
          </button>
          <button type="button" className="btn small" aria-pressed={kind === 'channel'} onClick={() => setKind('channel')}>
            Channel G
          </button>
        </div>
        <div className="gran-tables">
          {stages.map((stage) => (
            <table key={stage} className="data">
              <caption>Stage {stage + 1}</caption>
              <thead>
                <tr>
                  <th>Candidate</th>
                  <th>Latency ratio</th>
                  <th>Stage ms / batch</th>
                </tr>
              </thead>
              <tbody>
                {result.rows
                  .filter((r) => r.stage === stage)
                  .map((r) => (
                    <tr key={`${r.mode}-${r.value}`} className={r.chosen ? 'chosen' : undefined}>
                      <td>
                        {r.mode === 'layer' ? 'layer skip' : `${r.mode === 'spatial' ? 'S' : 'G'} = ${r.value}`}
                        {r.chosen ? ' ✓' : ''}
                      </td>
                      <td className={r.latencyRatio < 1 ? 'good' : 'bad'}>{r.latencyRatio.toFixed(3)}</td>
                      <td>{(r.latencyS * 1000).toFixed(3)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ))}
        </div>
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn primary" onClick={apply} data-testid="apply-granularity">
            Apply {kind === 'spatial' ? 'S' : 'G'} choice
          </button>
        </div>
      </div>
    </div>
  );
}
