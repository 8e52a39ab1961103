import { memo } from 'react';
import type { OpReport } from '../../../../core/predictor';
import { formatMs } from '../../format';
import { toUnitMs, type TimeUnit } from './breakdownData';
import { expectedOpTimeS, formatTile, opInfo } from './ops';

interface OperatorTableProps {
  caption: string;
  ops: readonly OpReport[];
  unit: TimeUnit;
  batchSize: number;
}

/**
 * The operators of one block as the predictor costed them: latency with its compute and memory parts,
 * the tile its search chose, the masker schedule (fused or not) and the kernel launches. A "Runs" column
 * appears for layer skipping, whose operators run only a fraction of the time.
 */
export const OperatorTable = memo(
  OperatorTableRows,
  (a, b) =>
    a.caption === b.caption &&
    a.unit === b.unit &&
    a.batchSize === b.batchSize &&
    sameOps(a.ops, b.ops),
);

/** True when two operator lists would draw the same table (a new analysis often leaves a block as it was). */
function sameOps(a: readonly OpReport[], b: readonly OpReport[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.op === y.op &&
      x.latencyS === y.latencyS &&
      x.computeS === y.computeS &&
      x.memoryS === y.memoryS &&
      x.executionRate === y.executionRate &&
      x.schedule === y.schedule &&
      x.launches === y.launches &&
      formatTile(x.tile) === formatTile(y.tile)
    );
  });
}

function OperatorTableRows({ caption, ops, unit, batchSize }: OperatorTableProps) {
  const ms = (s: number | null) => (s === null ? '—' : formatMs(toUnitMs(s, unit, batchSize)));
  const skipping = ops.some((o) => o.executionRate !== 1);
  const totalS = ops.reduce((sum, o) => sum + expectedOpTimeS(o), 0);
  const launches = ops.reduce((sum, o) => sum + o.launches, 0);
  return (
    <table className="data op-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Operator</th>
          <th scope="col">Latency</th>
          <th scope="col">Compute</th>
          <th scope="col">Memory</th>
          {skipping ? <th scope="col">Runs</th> : null}
          <th scope="col">Tile chosen</th>
          <th scope="col">Schedule</th>
          <th scope="col">Launches</th>
        </tr>
      </thead>
      <tbody>
        {ops.map((op, i) => (
          <tr key={`${op.op}-${i}`}>
            <th scope="row">
              <span
                className="op-dot"
                style={{ background: opInfo(op.op).color }}
                aria-hidden="true"
              />
              {opInfo(op.op).label}
            </th>
            <td>{ms(op.latencyS)}</td>
            <td>{ms(op.computeS)}</td>
            <td>{ms(op.memoryS)}</td>
            {skipping ? <td>{`${Math.round(op.executionRate * 100)} %`}</td> : null}
            <td className="op-tile">{formatTile(op.tile)}</td>
            <td>{op.schedule ?? '—'}</td>
            <td>{op.launches}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{skipping ? 'Expected total' : 'Total'}</th>
          <td>{ms(totalS)}</td>
          <td colSpan={skipping ? 5 : 4} />
          <td>{launches}</td>
        </tr>
      </tfoot>
    </table>
  );
}
