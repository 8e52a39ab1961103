import { useEffect } from 'react';
import { useShallow } from '../../store/shallow';
import { ChartLegend, type LegendItem } from '../../charts';
import { formatMs } from '../../format';
import { useStudio } from '../../store';
import type { HardwareSpread } from '../../set/types';
import { SpreadChart } from './SpreadChart';
import { setActions } from './setAppActions';

const LEGEND: LegendItem[] = [
  { label: 'Images per latency bin', color: 'var(--hw-bar)' },
  { label: "Latency with the set's mean rates", color: 'var(--accent)', swatch: 'dashed' },
  { label: '† preset not validated against measurements', color: 'var(--hw-bar)', swatch: 'faded' },
];

function PresetSpread({ spread }: { spread: HardwareSpread }) {
  return (
    <figure className="set-spread" data-testid="set-spread-preset">
      <figcaption>
        <strong>
          {spread.label}
          {spread.validated ? '' : ' †'}
        </strong>
        <span className="hint set-spread-stats">
          p10 <span className="mono">{formatMs(spread.p10 * 1000)}</span> · median{' '}
          <span className="mono">{formatMs(spread.p50 * 1000)}</span> · p90{' '}
          <span className="mono">{formatMs(spread.p90 * 1000)}</span> · static{' '}
          <span className="mono">{formatMs(spread.staticLatencyS * 1000)}</span>
        </span>
      </figcaption>
      <SpreadChart spread={spread} />
    </figure>
  );
}

/**
 * Predicted latency per image (each image's own rates) as a distribution, per hardware preset.
 * It depends on the set only (its model, modes, granularities and per-image rates), so it is
 * computed once per opened set, in the set worker.
 */
export function SpreadCard() {
  const { setId, spread, busy } = useStudio(
    useShallow((s) => ({
      setId: s.imageSet?.id ?? null,
      spread: s.setSpread,
      busy: s.setSpreadBusy,
    })),
  );
  useEffect(() => {
    if (setId !== null) void setActions.ensureSpread(setId);
  }, [setId]);
  const images = spread?.hardware[0]?.images ?? 0;
  return (
    <section className="card set-card" aria-labelledby="set-spread-title" data-testid="set-spread">
      <header className="chart-card-head">
        <div className="chart-card-titles">
          <h3 className="chart-card-title" id="set-spread-title">
            Predicted latency per image
          </h3>
          <p className="chart-card-subtitle">
            Each image&apos;s own rates through the predictor on every hardware preset, in ms per
            image (the preset&apos;s batch latency ÷ its batch size, as in the hardware comparison)
            {images > 0 ? `; ${images.toLocaleString('en-US')} images` : ''}.
          </p>
        </div>
      </header>
      {busy ? (
        <p className="view-empty" role="status">
          Predicting every image on every preset…
        </p>
      ) : spread ? (
        <>
          <div className="set-spreads">
            {spread.hardware.map((h) => (
              <PresetSpread key={h.id} spread={h} />
            ))}
          </div>
          <ChartLegend items={LEGEND} label="Latency spread legend" />
        </>
      ) : null}
    </section>
  );
}
