import { memo } from 'react';
import { formatMs, formatRatio } from '../../format';
import type { HardwareDatum } from './hardwareData';

/**
 * The comparison as numbers, one row per preset; the current one highlighted (re-rendered only with
 * new rows).
 */
export const HardwareTable = memo(function HardwareTable({ rows }: { rows: HardwareDatum[] }) {
  return (
    <section className="card hw-table-card" aria-label="Hardware comparison table">
      <table className="data hw-table" data-testid="hardware-table">
        <thead>
          <tr>
            <th scope="col">Preset</th>
            <th scope="col">Validated</th>
            <th scope="col">Batch</th>
            <th scope="col">Dynamic / image</th>
            <th scope="col">Static / image</th>
            <th scope="col">Ratio</th>
            <th scope="col">Speed-up</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={r.current ? 'current' : undefined}
              aria-current={r.current ? 'true' : undefined}
            >
              <th scope="row">
                {r.shortLabel}
                {r.current ? <span className="tag">current</span> : null}
              </th>
              <td className={r.validated ? '' : 'warn'}>{r.validated ? 'yes' : 'not validated'}</td>
              <td>{r.batchSize}</td>
              <td>{formatMs(r.msPerImage)}</td>
              <td>{formatMs(r.staticMsPerImage)}</td>
              <td>{formatRatio(r.ratio)}</td>
              <td className={r.speedup >= 1 ? 'good' : 'bad'}>{`${r.speedup.toFixed(2)}×`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
