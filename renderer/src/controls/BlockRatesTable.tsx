import { memo, useMemo, useState } from 'react';
import { useShallow } from '../store/shallow';
import { listBlocks, type ArchitectureSpec, type BlockGeometry } from '../../../core/arch';
import { blockRate } from '../../../core/config/resolve';
import { useStudio } from '../store';
import { setBlockRate } from '../store/configEdits';

/**
 * Expandable table of per-block rates; an edited cell becomes an override (bold), ↺ removes it. Closed,
 * it reads the number of overrides only, so rate changes do not re-render it.
 */
export const BlockRatesTable = memo(function BlockRatesTable({ arch }: { arch: ArchitectureSpec }) {
  const [open, setOpen] = useState(false);
  const overrides = useStudio((s) => Object.keys(s.config.blockRates).length);
  const blocks = useMemo(() => listBlocks(arch), [arch]);
  return (
    <div className="block-rates">
      <button
        type="button"
        className="btn small"
        aria-expanded={open}
        aria-controls="block-rates-table"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? '▾' : '▸'} Per-block rates ({blocks.length} blocks
        {overrides ? `, ${overrides} overridden` : ''})
      </button>
      {open ? <BlockRatesRows blocks={blocks} /> : null}
    </div>
  );
});

/** The open table: one row per block, with its rate as a number box. */
function BlockRatesRows({ blocks }: { blocks: readonly BlockGeometry[] }) {
  const { config, selectedBlock } = useStudio(
    useShallow((s) => ({ config: s.config, selectedBlock: s.selectedBlock })),
  );
  return (
    <table className="data" id="block-rates-table" data-testid="block-rates-table">
      <thead>
        <tr>
          <th>Block</th>
          <th>Mode</th>
          <th>Rate</th>
          <th aria-label="Reset" />
        </tr>
      </thead>
      <tbody>
        {blocks.map((b) => {
          const stage = config.stages[b.stage];
          const overridden = config.blockRates[b.key] !== undefined;
          const rate = blockRate(config, b.stage, b.index);
          const disabled = !stage || stage.mode === 'static';
          return (
            <tr key={b.key} className={b.key === selectedBlock ? 'selected' : undefined}>
              <td>{b.key}</td>
              <td>{stage?.mode ?? '—'}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={1}
                  step={0.05}
                  value={Number(rate.toFixed(4))}
                  disabled={disabled}
                  style={{ width: 72, fontWeight: overridden ? 700 : 400 }}
                  aria-label={`Rate of block ${b.key}`}
                  onChange={(e) => {
                    const v = Number(e.currentTarget.value);
                    if (e.currentTarget.value === '' || !Number.isFinite(v)) return;
                    const clamped = Math.min(1, Math.max(0, v));
                    useStudio
                      .getState()
                      .editConfig((c) => setBlockRate(c, b.key, clamped), `block:${b.key}`);
                  }}
                />
              </td>
              <td>
                {overridden ? (
                  <button
                    type="button"
                    className="btn icon small"
                    aria-label={`Reset block ${b.key} to its stage rate`}
                    onClick={() =>
                      useStudio.getState().editConfig((c) => setBlockRate(c, b.key, null))
                    }
                  >
                    ↺
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
