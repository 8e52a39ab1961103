import { formatMs, formatRatio } from '../../format';
import { pinColor } from './CompareCharts';
import { blockKeys, type CompareBlock, type CompareColumn } from './compareData';

const gmacs = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} G` : '—');

function Head({ columns, first }: { columns: readonly CompareColumn[]; first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {columns.map((c, i) => (
          <th scope="col" key={c.id} className="num">
            <span className="compare-th-swatch" style={{ background: pinColor(i) }} />
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Headline numbers: model, input, hardware, latency, ratio, FLOPs. */
export function SummaryTable({ columns }: { columns: readonly CompareColumn[] }) {
  const rows: [string, (c: CompareColumn) => string][] = [
    ['Model', (c) => c.model],
    ['Input (H×W)', (c) => c.inputSize],
    ['Hardware', (c) => `${c.hardware} · batch ${c.batchSize}`],
    ['Latency / image', (c) => formatMs(c.latencyMs)],
    ['Static / image', (c) => formatMs(c.staticMs)],
    ['Latency ratio', (c) => formatRatio(c.ratio)],
    ['MACs (dynamic / static)', (c) => `${gmacs(c.dynamicGMacs)} / ${gmacs(c.staticGMacs)}`],
    ['FLOPs ratio', (c) => formatRatio(c.flopsRatio)],
  ];
  return (
    <section className="card compare-table-card" aria-label="Comparison summary">
      <table className="data compare-table" data-testid="compare-summary">
        <Head columns={columns} first="Quantity" />
        <tbody>
          {rows.map(([name, f]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {columns.map((c) => (
                <td key={c.id} className="num">
                  {c.error ? <span className="error-text">{c.error}</span> : f(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function same(a: CompareBlock | undefined, b: CompareBlock | undefined): boolean {
  if (!a || !b) return a === b;
  return a.mode === b.mode && a.granularity === b.granularity && a.rate === b.rate;
}

function BlockCell({ b, differs }: { b: CompareBlock | undefined; differs: boolean }) {
  if (!b) return <td className="num hint">—</td>;
  return (
    <td className={`num${differs ? ' compare-differs' : ''}`}>
      <span className="compare-block-setting">
        {b.mode}
        {b.granularity !== '—' ? ` ${b.granularity}` : ''}
        {b.partial ? (
          <span title="S does not divide this map: partial border patches"> ◩</span>
        ) : null}
        {b.mode !== 'static' ? ` · r ${b.rate.toFixed(2)}` : ''}
      </span>
      <span className="mono">{formatMs(b.latencyMs)}</span>
    </td>
  );
}

/** Per-block diff: setting (mode, S/G, rate) and latency per image; cells that differ from the first pin are marked. */
export function BlockDiffTable({ columns }: { columns: readonly CompareColumn[] }) {
  const keys = blockKeys(columns);
  const first = columns[0];
  return (
    <section className="card compare-table-card" aria-label="Per-block comparison">
      <h3 className="chart-card-title">Per-block diff</h3>
      <p className="hint">
        Mode, granularity (S, G), rate and latency per image of every block. Highlighted: a setting
        that differs from the first configuration. ◩ partial border patches (S does not divide the
        map).
      </p>
      <div className="compare-scroll">
        <table className="data compare-table" data-testid="compare-blocks">
          <Head columns={columns} first="Block" />
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row" className="mono">
                  {k}
                </th>
                {columns.map((c, i) => (
                  <BlockCell
                    key={c.id}
                    b={c.blocks.get(k)}
                    differs={i > 0 && !!first && !same(first.blocks.get(k), c.blocks.get(k))}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
