import { memo, useLayoutEffect, useRef } from 'react';
import { formatMs, formatRatio } from '../../format';
import type { HardwareDatum, HardwarePreset } from './hardwareData';
import { writeAttr, writeText, type Live } from './live';

/** Columns written on every rate change, after the three fixed ones (preset, validated, batch). */
const LIVE_FROM = 3;

/** Writes the rows' numbers into the table body's rows (only the texts and classes that differ). */
function writeTableRows(rows: readonly HardwareDatum[], body: HTMLTableSectionElement): void {
  const trs = body.children;
  const n = Math.min(rows.length, trs.length);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const cells = trs[i]!.children;
    writeText(cells[LIVE_FROM], formatMs(r.msPerImage));
    writeText(cells[LIVE_FROM + 1], formatMs(r.staticMsPerImage));
    writeText(cells[LIVE_FROM + 2], formatRatio(r.ratio));
    const speedup = cells[LIVE_FROM + 3];
    writeText(speedup, `${r.speedup.toFixed(2)}×`);
    writeAttr(speedup, 'class', r.speedup >= 1 ? 'good' : 'bad');
  }
}

/**
 * The comparison as numbers, one row per preset; the current one highlighted. Rendered with the
 * presets; the numbers are written from `live` on every rate change (only those that differ).
 */
export const HardwareTable = memo(function HardwareTable({
  presets,
  live,
}: {
  presets: HardwarePreset[];
  live: Live<HardwareDatum[]>;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const now = live.get();
    if (now) writeTableRows(now, el);
    return live.subscribe((rows) => writeTableRows(rows, el));
  }, [live, presets]);
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
        <tbody ref={body}>
          {presets.map((r) => (
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
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
