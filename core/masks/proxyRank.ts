/**
 * Per-image cache of pooled saliency and cell rankings for every decision-grid size. Computed once per
 * (image, grid size); a rate change then only takes the first k cells of a ranking.
 */
import type { SaliencyMap } from '../saliency/spectralResidual';
import type { IntegralImage } from '../saliency/pool';
import { integralImage, poolGrid } from '../saliency/pool';

/** Cells of a `side × side` grid ranked from most to least salient. */
export interface RankedGrid {
  side: number;
  /** Mean saliency per cell, row-major. */
  scores: Float32Array;
  /** Cell indices, most salient first. */
  order: Int32Array;
}

interface ImageCache {
  integral: IntegralImage;
  grids: Map<number, RankedGrid>;
}

const caches = new WeakMap<SaliencyMap, ImageCache>();

/**
 * Ranking of a `side × side` grid over `saliency`. Ties (a flat image, a uniform region) go to the cell
 * nearer the image centre, then to the lower row-major index, so the choice is deterministic and a flat
 * image keeps a central blob rather than the top rows.
 */
export function rankedGrid(saliency: SaliencyMap, side: number): RankedGrid {
  let cache = caches.get(saliency);
  if (!cache) {
    cache = { integral: integralImage(saliency), grids: new Map() };
    caches.set(saliency, cache);
  }
  const hit = cache.grids.get(side);
  if (hit) return hit;
  const scores = poolGrid(cache.integral, side, side);
  const centre = (side - 1) / 2;
  const distance = new Float64Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) distance[r * side + c] = (r - centre) ** 2 + (c - centre) ** 2;
  }
  const indices = Array.from({ length: side * side }, (_, i) => i);
  indices.sort(
    (a, b) =>
      (scores[b] as number) - (scores[a] as number) ||
      (distance[a] as number) - (distance[b] as number) ||
      a - b,
  );
  const ranked: RankedGrid = { side, scores, order: Int32Array.from(indices) };
  cache.grids.set(side, ranked);
  return ranked;
}
