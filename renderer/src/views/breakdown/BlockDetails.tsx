import { memo, useId } from 'react';
import { formatMs, formatRatio } from '../../format';
import type { Analysis } from '../../worker/types';
import { describeDynamics } from '../strip/describe';
import { toUnitMs, type TimeUnit } from './breakdownData';
import { OperatorTable } from './OperatorTable';

interface BlockDetailsProps {
  analysis: Analysis;
  selectedKey: string | null;
  unit: TimeUnit;
  onSelect: (key: string | null) => void;
}

/** The block picker; its 33+ options re-render only when the network's blocks change. */
const BlockPicker = memo(function BlockPicker({
  id,
  keys,
  value,
  onSelect,
}: {
  id: string;
  keys: string;
  value: string;
  onSelect: (key: string | null) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onSelect(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">Choose a block…</option>
      {(keys ? keys.split(' ') : []).map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </select>
  );
});

/** The selected block: a picker (the keyboard path to the chart's selection) and its operator tables. */
export function BlockDetails({ analysis, selectedKey, unit, onSelect }: BlockDetailsProps) {
  const selectId = useId();
  const { prediction, flops } = analysis;
  const block = prediction.blocks.find((b) => b.key === selectedKey);
  const blockFlops = flops.blocks.find((b) => b.key === selectedKey);
  const ms = (s: number) => formatMs(toUnitMs(s, unit, prediction.batchSize));
  // The picker's options change with the network, not with a rate: compare them as one string.
  const blockKeys = prediction.blocks.map((b) => b.key).join(' ');
  return (
    <section
      className="card block-details"
      aria-label="Operators of the selected block"
      data-testid="block-details"
    >
      <header className="block-details-head">
        <label htmlFor={selectId} className="card-title">
          Operators of block
        </label>
        <BlockPicker
          id={selectId}
          keys={blockKeys}
          value={block ? block.key : ''}
          onSelect={onSelect}
        />
        {block ? (
          <p className="block-summary" data-testid="block-summary">
            {blockFlops ? (
              <span>{describeDynamics(blockFlops.dynamics)}</span>
            ) : (
              <span>{block.mode}</span>
            )}
            <span>
              dynamic <strong className="mono">{ms(block.latencyS)}</strong>
            </span>
            <span>
              static <span className="mono">{ms(block.staticLatencyS)}</span>
            </span>
            <span>
              latency ratio{' '}
              <span className="mono">{formatRatio(block.latencyS / block.staticLatencyS)}</span>
            </span>
            {blockFlops ? (
              <span>
                FLOPs ratio <span className="mono">{formatRatio(blockFlops.ratio)}</span>
              </span>
            ) : null}
          </p>
        ) : null}
      </header>
      {block ? (
        <div className="op-tables">
          <OperatorTable
            caption="Dynamic"
            ops={block.ops}
            unit={unit}
            batchSize={prediction.batchSize}
          />
          <OperatorTable
            caption="Static"
            ops={block.staticOps}
            unit={unit}
            batchSize={prediction.batchSize}
          />
        </div>
      ) : (
        <p className="hint">
          Click a bar above or a block in the network strip to see how its time is spent.
        </p>
      )}
    </section>
  );
}
