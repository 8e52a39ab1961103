import { memo, useLayoutEffect, useRef } from 'react';
import { formatMs, formatRatio } from '../../format';
import type { HardwareDatum, HardwarePreset } from './hardwareData';
import { writeText, type Live } from '../../components/liveWrites';

/** The preset with the lowest ratio (the first of equals). */
function bestOf(rows: readonly HardwareDatum[]): HardwareDatum {
  return rows.reduce((a, b) => (b.ratio < a.ratio ? b : a), rows[0]!);
}

/**
 * The sentence over the charts: the fastest preset relative to static and the current one's numbers.
 * Rendered with the presets; the names and numbers are written from `live` at every rate change.
 */
export const HardwareSummary = memo(function HardwareSummary({
  model,
  presets,
  live,
}: {
  model: string;
  presets: HardwarePreset[];
  live: Live<HardwareDatum[]>;
}) {
  const best = useRef<HTMLElement>(null);
  const bestRatio = useRef<HTMLSpanElement>(null);
  const currentRatio = useRef<HTMLSpanElement>(null);
  const currentMs = useRef<HTMLSpanElement>(null);
  const current = presets.find((p) => p.current);
  useLayoutEffect(() => {
    const write = (rows: readonly HardwareDatum[]) => {
      if (rows.length === 0) return;
      const b = bestOf(rows);
      writeText(best.current, b.shortLabel);
      writeText(bestRatio.current, formatRatio(b.ratio));
      const c = rows.find((r) => r.current);
      if (!c) return;
      writeText(currentRatio.current, formatRatio(c.ratio));
      writeText(currentMs.current, formatMs(c.msPerImage));
    };
    const now = live.get();
    if (now) write(now);
    return live.subscribe(write);
  }, [live, presets]);
  // The same text nodes as when React wrote the numbers (a split elsewhere can move the line's glyphs
  // by a fraction of a pixel).
  return (
    <p className="explain">
      {model}
      {' with this configuration is fastest relative to static on'} <strong ref={best} />
      {' (ratio'} <span className="mono" ref={bestRatio} />
      {')'}
      {current ? (
        <>
          {'; on the current '}
          {current.shortLabel}
          {' the ratio is'} <span className="mono" ref={currentRatio} />
          {','} <span className="mono" ref={currentMs} />
          {' per image'}
        </>
      ) : null}
      {'.'}
    </p>
  );
});
