import { memo, type Ref } from 'react';
import type { OpReport } from '../../../../core/predictor';
import { formatMs } from '../../format';
import { writeText } from '../../components/liveWrites';
import { toUnitMs, type TimeUnit } from './breakdownData';
import { expectedOpTimeS, formatTile, opInfo } from './ops';

interface OperatorTableProps {
  caption: string;
  /** The operators' names, in the predictor's order. */
  ops: readonly string[];
  /** A "Runs" column: some operator runs only a fraction of the time (layer skipping). */
  skipping: boolean;
  ref?: Ref<HTMLTableElement>;
}

/**
 * The operators of one block as the predictor costed them: latency with its compute and memory parts,
 * the tile its search chose, the masker schedule (fused or not) and the kernel launches. A "Runs" column
 * appears for layer skipping, whose operators run only a fraction of the time. React renders the rows
 * and their names; the numbers are written by {@link writeOperatorTable} (a rate change renders nothing).
 */
export const OperatorTable = memo(function OperatorTable({
  caption,
  ops,
  skipping,
  ref,
}: OperatorTableProps) {
  return (
    <table className="data op-table" ref={ref}>
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
          <tr key={`${op}-${i}`}>
            <th scope="row">
              <span
                className="op-dot"
                style={{ background: opInfo(op).color }}
                aria-hidden="true"
              />
              {opInfo(op).label}
            </th>
            <td />
            <td />
            <td />
            {skipping ? <td /> : null}
            <td className="op-tile" />
            <td />
            <td />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{skipping ? 'Expected total' : 'Total'}</th>
          <td />
          <td colSpan={skipping ? 5 : 4} />
          <td />
        </tr>
      </tfoot>
    </table>
  );
});

/** True when `ops` has an operator that runs a fraction of the time (the table has a "Runs" column). */
export function hasSkipping(ops: readonly OpReport[]): boolean {
  return ops.some((o) => o.executionRate !== 1);
}

/**
 * Writes the numbers of `ops` into a table {@link OperatorTable} rendered for them (the same operators,
 * the same "Runs" column), only the texts that differ. Returns false, writing nothing, where the table
 * was rendered for other operators (a render for them follows).
 */
export function writeOperatorTable(
  table: HTMLTableElement,
  ops: readonly OpReport[],
  unit: TimeUnit,
  batchSize: number,
): boolean {
  // The table's parts by position (caption, thead, tbody, tfoot): no lookups by tag.
  const body = table.children[2]?.children;
  const foot = table.children[3]?.children[0]?.children;
  const skipping = hasSkipping(ops);
  const columns = skipping ? 8 : 7;
  if (!body || !foot || body.length !== ops.length) return false;
  if (ops.length > 0 && body[0]!.children.length !== columns) return false;
  const ms = (s: number | null) => (s === null ? '—' : formatMs(toUnitMs(s, unit, batchSize)));
  let totalS = 0;
  let launches = 0;
  ops.forEach((op, i) => {
    const cells = body[i]!.children;
    let c = 1;
    writeText(cells[c++], ms(op.latencyS));
    writeText(cells[c++], ms(op.computeS));
    writeText(cells[c++], ms(op.memoryS));
    if (skipping) writeText(cells[c++], `${Math.round(op.executionRate * 100)} %`);
    writeText(cells[c++], formatTile(op.tile));
    writeText(cells[c++], op.schedule ?? '—');
    writeText(cells[c], String(op.launches));
    totalS += expectedOpTimeS(op);
    launches += op.launches;
  });
  writeText(foot[1], ms(totalS));
  writeText(foot[3], String(launches));
  return true;
}
