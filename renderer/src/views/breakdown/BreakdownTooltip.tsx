import { formatMs } from '../../format';
import type { BreakdownData, BreakdownRow } from './breakdownData';
import { opInfo } from './ops';

/** Tooltip of a block: its totals, then its dynamic operators (largest first). */
export function BreakdownTooltip({
  row,
  index,
  data,
}: {
  row: BreakdownRow;
  /** The block's row in `data`. */
  index: number;
  data: BreakdownData;
}) {
  const byOp = new Map<string, number>();
  for (const s of data.series) {
    if (s.side !== 'dynamic') continue;
    const name = s.op === null ? 'Launch overhead' : opInfo(s.op).label;
    byOp.set(name, (byOp.get(name) ?? 0) + (s.values[index] ?? 0));
  }
  const ops = [...byOp].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const ratio = row.staticMs > 0 ? row.dynamicMs / row.staticMs : NaN;
  return (
    <>
      <div className="chart-tooltip-title">Block {row.key}</div>
      <div>
        Dynamic <strong className="mono">{formatMs(row.dynamicMs)}</strong> · static{' '}
        <span className="mono">{formatMs(row.staticMs)}</span> · ratio{' '}
        <span className="mono">{Number.isFinite(ratio) ? ratio.toFixed(3) : '—'}</span>
      </div>
      <table className="chart-tooltip-table">
        <tbody>
          {ops.map(([name, v]) => (
            <tr key={name}>
              <td>{name}</td>
              <td className="mono">{formatMs(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="hint">Click to see the block&apos;s operators</div>
    </>
  );
}
