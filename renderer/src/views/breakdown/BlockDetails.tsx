import { memo, useId, useLayoutEffect, useRef } from 'react';
import type { OpReport } from '../../../../core/predictor';
import { formatMs, formatRatio } from '../../format';
import { describeDynamics } from '../strip/describe';
import { writeText, type Live } from '../../components/liveWrites';
import { toUnitMs, type BreakdownRow } from './breakdownData';
import { OperatorTable, writeOperatorTable } from './OperatorTable';
import type { BlockShape, BreakdownValue } from './viewState';

interface BlockDetailsProps {
  /** The network's blocks (the picker's options). */
  blocks: readonly BreakdownRow[];
  /** The selected block's operators and columns (null: none selected). */
  block: BlockShape | null;
  /** The latest numbers, written into the summary and the tables at each value without a render. */
  live: Pick<Live<BreakdownValue>, 'get' | 'subscribe'>;
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

/**
 * The selected block: a picker (the keyboard path to the chart's selection) and its operator tables.
 * React renders the block's structure (its operators, the columns); the numbers of each value on
 * `live` are written into their text nodes.
 */
export const BlockDetails = memo(function BlockDetails({
  blocks,
  block,
  live,
  onSelect,
}: BlockDetailsProps) {
  const selectId = useId();
  const dynamics = useRef<HTMLSpanElement>(null);
  const latency = useRef<HTMLElement>(null);
  const staticLatency = useRef<HTMLSpanElement>(null);
  const ratio = useRef<HTMLSpanElement>(null);
  const flopsRatio = useRef<HTMLSpanElement>(null);
  const dynamicTable = useRef<HTMLTableElement>(null);
  const staticTable = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    if (!block) return;
    // The static operators come back as the same list while the static network does: written once.
    let lastStatic: { ops: readonly OpReport[]; unit: string } | null = null;
    const write = ({ analysis, unit }: BreakdownValue) => {
      const { prediction, flops } = analysis;
      const b = prediction.blocks.find((x) => x.key === block.key);
      if (!b) return;
      const ms = (s: number) => formatMs(toUnitMs(s, unit, prediction.batchSize));
      const blockFlops = block.hasFlops ? flops.blocks.find((x) => x.key === block.key) : undefined;
      if (blockFlops) writeText(dynamics.current, describeDynamics(blockFlops.dynamics));
      writeText(latency.current, ms(b.latencyS));
      writeText(staticLatency.current, ms(b.staticLatencyS));
      writeText(ratio.current, formatRatio(b.latencyS / b.staticLatencyS));
      if (blockFlops) writeText(flopsRatio.current, formatRatio(blockFlops.ratio));
      if (dynamicTable.current) {
        writeOperatorTable(dynamicTable.current, b.ops, unit, prediction.batchSize);
      }
      if (staticTable.current && (b.staticOps !== lastStatic?.ops || unit !== lastStatic.unit)) {
        if (writeOperatorTable(staticTable.current, b.staticOps, unit, prediction.batchSize))
          lastStatic = { ops: b.staticOps, unit };
      }
    };
    const now = live.get();
    if (now) write(now);
    return live.subscribe(write);
  }, [block, live]);
  // The picker's options change with the network, not with a rate: compare them as one string.
  const blockKeys = blocks.map((b) => b.key).join(' ');
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
            {block.hasFlops ? <span ref={dynamics} /> : <span>{block.mode}</span>}
            <span>
              dynamic <strong className="mono" ref={latency} />
            </span>
            <span>
              static <span className="mono" ref={staticLatency} />
            </span>
            <span>
              {'latency ratio'} <span className="mono" ref={ratio} />
            </span>
            {block.hasFlops ? (
              <span>
                FLOPs ratio <span className="mono" ref={flopsRatio} />
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
            skipping={block.skipping}
            ref={dynamicTable}
          />
          <OperatorTable
            caption="Static"
            ops={block.staticOps}
            skipping={block.staticSkipping}
            ref={staticTable}
          />
        </div>
      ) : (
        <p className="hint">
          Click a bar above or a block in the network strip to see how its time is spent.
        </p>
      )}
    </section>
  );
});
