import { memo, useEffect, useRef, useState } from 'react';
import { formatPercent } from '../../format';
import type { SetOverview } from '../../set/types';
import { setActions } from './setAppActions';

/** Images shown with thumbnails at each end of the ranking. */
const EXTREMES = 6;
const ROW_PX = 28;
const LIST_PX = 280;
/** Rows rendered above and below the visible window. */
const OVERSCAN = 6;

/** A thumbnail of an image's dump (its image.png), loaded when first shown. */
function Thumbnail({ index, label }: { index: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'none'>('loading');
  useEffect(() => {
    let alive = true;
    void setActions.thumbnail(index).then((bitmap) => {
      if (!alive) return;
      const ctx = ref.current?.getContext('2d');
      if (!bitmap || !ctx) {
        setState('none');
        return;
      }
      ctx.drawImage(bitmap, 0, 0, ctx.canvas.width, ctx.canvas.height);
      setState('ok');
    });
    return () => {
      alive = false;
    };
  }, [index]);
  return (
    <span className={`set-thumb ${state}`}>
      <canvas ref={ref} width={72} height={72} role="img" aria-label={label} />
      {state === 'none' ? <span className="set-thumb-none">No image</span> : null}
    </span>
  );
}

function ImageCard({
  overview,
  index,
  rank,
}: {
  overview: SetOverview;
  index: number;
  rank: number;
}) {
  const { ranking, classNames } = overview;
  const name = ranking.names[index] ?? `image ${index}`;
  const label = classNames[ranking.labels[index] ?? -1];
  return (
    <button
      type="button"
      className="set-image-card"
      data-testid="set-extreme-image"
      onClick={() => void setActions.openImage(index)}
      title={`#${rank + 1} by compute: open ${name} in the mask views`}
    >
      <Thumbnail index={index} label={`Thumbnail of ${name}`} />
      <span className="set-image-name">{name}</span>
      <span className="set-image-meta">
        <span className="mono">{formatPercent(ranking.flopsRatio[index] ?? NaN)}</span>
        {label ? <span> · {label}</span> : null}
      </span>
    </button>
  );
}

/** The cheapest and the most expensive images, with thumbnails. */
export const RankExtremes = memo(function RankExtremes({ overview }: { overview: SetOverview }) {
  const { order } = overview.ranking;
  const n = order.length;
  const count = Math.min(EXTREMES, Math.floor(n / 2) || n);
  const cheapest = Array.from(order.subarray(0, count));
  const dearest = Array.from(order.subarray(Math.max(count, n - count))).reverse();
  return (
    <div className="set-extremes">
      <div>
        <h4 className="set-subhead">Cheapest</h4>
        <div className="set-image-row" data-testid="set-cheapest">
          {cheapest.map((i, k) => (
            <ImageCard key={i} overview={overview} index={i} rank={k} />
          ))}
        </div>
      </div>
      {dearest.length > 0 ? (
        <div>
          <h4 className="set-subhead">Most expensive</h4>
          <div className="set-image-row" data-testid="set-dearest">
            {dearest.map((i, k) => (
              <ImageCard key={i} overview={overview} index={i} rank={n - 1 - k} />
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
});

/** Every image by rank, virtualised: only the rows in view exist in the DOM. */
export const RankTable = memo(function RankTable({ overview }: { overview: SetOverview }) {
  const [scrollTop, setScrollTop] = useState(0);
  const { order, names, flopsRatio, labels } = overview.ranking;
  const n = order.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(n, Math.ceil((scrollTop + LIST_PX) / ROW_PX) + OVERSCAN);
  const rows: number[] = [];
  for (let r = first; r < last; r++) rows.push(r);
  return (
    <div
      className="set-rank-list"
      style={{ height: Math.min(LIST_PX, n * ROW_PX + 2) }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      role="list"
      aria-label="Images ranked by compute, cheapest first"
      data-testid="set-rank-list"
    >
      <div style={{ height: n * ROW_PX, position: 'relative' }}>
        {rows.map((r) => {
          const i = order[r] ?? 0;
          const ratio = flopsRatio[i] ?? 0;
          const label = overview.classNames[labels[i] ?? -1];
          return (
            <button
              key={r}
              type="button"
              role="listitem"
              className="set-rank-row"
              style={{ top: r * ROW_PX, height: ROW_PX }}
              onClick={() => void setActions.openImage(i)}
              data-testid="set-rank-row"
            >
              <span className="set-rank-n mono">{r + 1}</span>
              <span className="set-rank-name">{names[i]}</span>
              <span className="set-rank-label">{label ?? ''}</span>
              <span className="set-rank-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, ratio * 100)}%` }} />
              </span>
              <span className="set-rank-ratio mono">{formatPercent(ratio)}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
});
