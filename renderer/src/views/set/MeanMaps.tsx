import { memo, useEffect, useRef } from 'react';
import { stageColor } from '../../charts';
import { formatPercent } from '../../format';
import type { MeanMap, SetBlockOverview } from '../../set/types';
import { rampColour, rampCss } from '../masks/draw';

/** Side of each small heatmap, CSS px. */
const MAP_PX = 56;

/** RGBA pixels of a mean map on the ponder ramp (0: never computed, 1: computed in every image). */
function meanMapRgba(map: MeanMap): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(map.width * map.height * 4);
  for (let i = 0; i < map.values.length; i++) {
    const c = rampColour(map.values[i] ?? 0);
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = 255;
  }
  return out;
}

function MapCanvas({ block }: { block: SetBlockOverview & { meanMap: MeanMap } }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { meanMap } = block;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(meanMapRgba(meanMap), meanMap.width, meanMap.height), 0, 0);
  }, [meanMap]);
  const mean = meanMap.values.reduce((a, b) => a + b, 0) / Math.max(1, meanMap.values.length);
  return (
    <figure
      className="set-map"
      title={`Block ${block.key}: computed ${formatPercent(mean)} on average`}
    >
      <canvas
        ref={ref}
        width={meanMap.width}
        height={meanMap.height}
        style={{ width: MAP_PX, height: MAP_PX, borderColor: stageColor(block.stage) }}
        aria-label={`Mean decision map of block ${block.key}`}
        role="img"
      />
      <figcaption>
        <span style={{ color: stageColor(block.stage) }}>{block.key.replace('stage', 'S')}</span>
        <span className="mono">{formatPercent(mean, 0)}</span>
      </figcaption>
    </figure>
  );
}

/** The mean decision map of every spatial block: where, over the whole set, the block computes. */
export const MeanMaps = memo(function MeanMaps({
  blocks,
}: {
  blocks: readonly SetBlockOverview[];
}) {
  const withMaps = blocks.filter(
    (b): b is SetBlockOverview & { meanMap: MeanMap } => b.meanMap !== null,
  );
  if (withMaps.length === 0) {
    return (
      <p className="view-empty">The set has no spatial blocks, so there are no decision maps.</p>
    );
  }
  return (
    <div>
      <div className="set-maps" data-testid="set-mean-maps">
        {withMaps.map((b) => (
          <MapCanvas key={b.key} block={b} />
        ))}
      </div>
      <div className="set-ramp" aria-hidden="true">
        <span>Never computed</span>
        <span className="set-ramp-bar" style={{ background: rampCss() }} />
        <span>Computed in every image</span>
      </div>
    </div>
  );
});
