import { memo, useLayoutEffect, useRef } from 'react';
import { OffScreenSet } from '../../controls/offScreenSet';
import { formatMs, formatRatio } from '../../format';
import type { HardwareDatum, HardwarePreset } from './hardwareData';
import { writeAttr, writeText, type Live } from '../../components/liveWrites';

/** Columns written on every rate change, after the three fixed ones (preset, validated, batch). */
const LIVE_FROM = 3;

/** How far outside the view a row still counts as on screen: none (rows are caught up at a scroll). */
const ROW_MARGIN = '0px';

/**
 * Writes the numbers of `rows` into the table body's rows (only the texts and classes that differ),
 * those of the rows `skip` says are out of view excepted; returns whether it skipped any.
 */
function writeTableRows(
  rows: readonly HardwareDatum[],
  body: HTMLTableSectionElement,
  skip: (i: number) => boolean = () => false,
): boolean {
  const trs = body.children;
  const n = Math.min(rows.length, trs.length);
  let skipped = false;
  for (let i = 0; i < n; i++) {
    if (skip(i)) {
      skipped = true;
      continue;
    }
    const r = rows[i]!;
    const cells = trs[i]!.children;
    writeText(cells[LIVE_FROM], formatMs(r.msPerImage));
    writeText(cells[LIVE_FROM + 1], formatMs(r.staticMsPerImage));
    writeText(cells[LIVE_FROM + 2], formatRatio(r.ratio));
    const speedup = cells[LIVE_FROM + 3];
    writeText(speedup, `${r.speedup.toFixed(2)}×`);
    writeAttr(speedup, 'class', r.speedup >= 1 ? 'good' : 'bad');
  }
  return skipped;
}

/**
 * Keeps the table body's numbers up to date with `live`. A row scrolled out of view (at 1440 × 900 the
 * last four of ten are below the fold) keeps its old numbers, which costs a rate change neither their
 * writes nor their text shaping; it catches up at the next scroll or resize, before that frame is
 * painted, or when it comes into view otherwise (see OffScreenSet). Returns the clean-up.
 */
function followLive(live: Live<HardwareDatum[]>, body: HTMLTableSectionElement): () => void {
  const trs = Array.from(body.children);
  const rows = new OffScreenSet<Element>(ROW_MARGIN);
  rows.drawWith(() => {
    const now = live.get();
    if (now) writeTableRows(now, body);
  });
  rows.watch(trs);
  const write = (data: readonly HardwareDatum[]) => {
    if (writeTableRows(data, body, (i) => !rows.shown(trs[i]!))) rows.behind();
    else rows.caughtUp();
  };
  const now = live.get();
  if (now) write(now);
  const unsubscribe = live.subscribe(write);
  return () => {
    unsubscribe();
    rows.stop();
  };
}

/**
 * The comparison as numbers, one row per preset; the current one highlighted. Rendered with the
 * presets; the numbers are written from `live` on every rate change (only those that differ, and only
 * in the rows on screen: see {@link followLive}).
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
    return el ? followLive(live, el) : undefined;
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
