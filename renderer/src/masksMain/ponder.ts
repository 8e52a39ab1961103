/**
 * The ponder map of proxy masks computed at the finest mask resolution instead of per input pixel: when
 * every conv2 side divides the finest one F, and F divides the map's side, each map pixel's count is
 * that of its F-cell (nested integer divisions), so F² sums (3136 for a ResNet at 224) give the whole
 * map and its colours; the map at its full side is those counts repeated. Values equal
 * `computePonderMap`'s (unit-tested); other shapes fall back to it.
 */
import { computePonderMap, type PonderMap } from '../../../core/maskfile/ponder';
import type { BlockMaskSet } from '../../../core/maskfile/types';

/** A ponder map and the same counts at a coarser side (each cell stands for a square of the map). */
export interface CoarsePonder {
  map: PonderMap;
  /** The counts at `coarse.side` (equal to `map` itself when no coarser side fits). */
  coarse: PonderMap;
}

/** The ponder map of `blocks` (see the module comment); `side` as in `computePonderMap`. */
export function coarsePonder(blocks: readonly BlockMaskSet[], side = 224): CoarsePonder {
  let fine = 0;
  let nested = true;
  for (const b of blocks) {
    const m = b.conv2;
    if (!m) continue;
    if (m.height !== m.width || m.groups !== 1) nested = false;
    fine = Math.max(fine, m.height);
  }
  for (const b of blocks) if (b.conv2 && fine % b.conv2.height !== 0) nested = false;
  if (!nested || fine === 0 || side % fine !== 0) {
    const map = computePonderMap(blocks, side);
    return { map, coarse: map };
  }
  // Sums per map side at that side, then spread over the F grid. Blocks may share one mask (the
  // masker's same-shaped blocks): each distinct mask is added once, times the blocks that show it.
  let everywhere = 0;
  const times = new Map<Uint8Array, number>();
  const sides = new Map<Uint8Array, number>();
  for (const b of blocks) {
    const m = b.conv2;
    if (!m) {
      if (!b.channel || b.channel.some((v) => v !== 0)) everywhere++;
      continue;
    }
    times.set(m.data, (times.get(m.data) ?? 0) + 1);
    sides.set(m.data, m.height);
  }
  const sums = new Map<number, Uint16Array>();
  for (const [data, n] of times) {
    const h = sides.get(data) as number;
    let sum = sums.get(h);
    if (!sum) sums.set(h, (sum = new Uint16Array(h * h)));
    for (let i = 0; i < data.length; i++) sum[i] = (sum[i] as number) + n * (data[i] as number);
  }
  // From the coarsest side up, each side's sums are spread onto the next side that it divides and added
  // there (7 → 14 → 28 → 56 for a ResNet: fewer additions than spreading each side onto the finest).
  const order = [...sums.keys()].sort((a, b) => a - b);
  if (order[order.length - 1] !== fine) order.push(fine);
  const counts = sums.get(fine) ?? new Uint16Array(fine * fine);
  let carried: { side: number; sum: Uint16Array } | null = null;
  for (const h of order) {
    const own = h === fine ? counts : (sums.get(h) as Uint16Array);
    if (carried && h % carried.side === 0) addSpread(carried.sum, carried.side, own, h);
    else if (carried) addSpread(carried.sum, carried.side, counts, fine);
    carried = { side: h, sum: own };
  }
  if (everywhere > 0)
    for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) + everywhere;
  let maxCount = 0;
  for (let i = 0; i < counts.length; i++)
    if ((counts[i] as number) > maxCount) maxCount = counts[i] as number;
  // The full map (each coarse row widened, then repeated) is made when something reads it: the
  // page draws from the coarse counts.
  let full: Uint16Array | null = null;
  const expand = () => {
    const out = new Uint16Array(side * side);
    const k = side / fine;
    for (let y = 0; y < fine; y++) {
      const o = y * k * side;
      const from = y * fine;
      for (let x = 0; x < side; x++) out[o + x] = counts[from + ((x / k) | 0)] as number;
      for (let r = 1; r < k; r++) out.copyWithin(o + r * side, o, o + side);
    }
    return out;
  };
  const n = blocks.length;
  return {
    map: {
      side,
      get counts() {
        return (full ??= expand());
      },
      maxCount,
      blocks: n,
    },
    coarse: { side: fine, counts, maxCount, blocks: n },
  };
}

/** Adds the `from`-side counts `src` to the `to`-side counts `dst` (`from` divides `to`), each spread over its square. */
function addSpread(src: Uint16Array, from: number, dst: Uint16Array, to: number): void {
  const f = to / from;
  // Each row of the coarser counts spreads over f rows: made once, then added f times.
  const spread = new Uint16Array(to);
  for (let r = 0; r < from; r++) {
    const row = r * from;
    for (let x = 0; x < to; x++) spread[x] = src[row + ((x / f) | 0)] as number;
    for (let y = r * f; y < (r + 1) * f; y++) {
      const o = y * to;
      for (let x = 0; x < to; x++) dst[o + x] = (dst[o + x] as number) + (spread[x] as number);
    }
  }
}

/** Mean of a ponder map's counts from its coarse counts (the same sum, so the same number). */
export function ponderMean(p: CoarsePonder): number {
  const { coarse, map } = p;
  if (coarse === map) {
    let sum = 0;
    for (let i = 0; i < map.counts.length; i++) sum += map.counts[i] as number;
    return map.counts.length ? sum / map.counts.length : 0;
  }
  const cell = (map.side / coarse.side) ** 2;
  const area = map.side * map.side;
  let sum = 0;
  for (let i = 0; i < coarse.counts.length; i++) sum += coarse.counts[i] as number;
  return (sum * cell) / area;
}
