/**
 * Tile-size search spaces of the reference predictor (latency spec §2.3 and Appendix A).
 *
 * The reference builds each space as a Python `set` and loops over it in CPython's set iteration order.
 * Every search keeps the first strict minimum and exact ties are common (spec §2.6), so the iteration
 * order decides results: we emulate CPython's open-addressing table instead of sorting.
 */

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;

/** Keys inserted in order into an emulated CPython 3 `set` of small non-negative ints; returns iteration order. */
export function cpythonSetOrder(keys: readonly number[]): number[] {
  let mask = 7;
  let table: (number | undefined)[] = new Array<number | undefined>(8);
  let fill = 0;
  let used = 0;

  // Clean insert used when re-inserting after a resize: no duplicates can exist.
  const cleanInsert = (tab: (number | undefined)[], msk: number, x: number): void => {
    let i = x & msk;
    let perturb = x;
    for (;;) {
      if (tab[i] === undefined) {
        tab[i] = x;
        return;
      }
      if (i + LINEAR_PROBES <= msk) {
        for (let j = i + 1; j <= i + LINEAR_PROBES; j++) {
          if (tab[j] === undefined) {
            tab[j] = x;
            return;
          }
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (5 * i + 1 + perturb) & msk;
    }
  };

  // Returns true when x was inserted, false when it was already present.
  const insert = (x: number): boolean => {
    let i = x & mask;
    let perturb = x;
    for (;;) {
      const last = i + LINEAR_PROBES <= mask ? i + LINEAR_PROBES : i;
      for (let j = i; j <= last; j++) {
        const v = table[j];
        if (v === x) return false;
        if (v === undefined) {
          table[j] = x;
          return true;
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (5 * i + 1 + perturb) & mask;
    }
  };

  for (const x of keys) {
    if (!insert(x)) continue;
    fill++;
    used++;
    if (5 * fill >= 3 * mask) {
      const minUsed = used > 50000 ? used * 2 : used * 4;
      let size = 8;
      while (size <= minUsed) size *= 2;
      const next = new Array<number | undefined>(size);
      for (let s = 0; s <= mask; s++) {
        const v = table[s];
        if (v !== undefined) cleanInsert(next, size - 1, v);
      }
      table = next;
      mask = size - 1;
      fill = used;
    }
  }
  const out: number[] = [];
  for (let s = 0; s <= mask; s++) {
    const v = table[s];
    if (v !== undefined) out.push(v);
  }
  return out;
}

const spaceCache = new Map<number, readonly number[]>();

/**
 * `pow2_div_tile_search_space(n)`: powers of two up to 2n (at most 128), ⌈n/i⌉ for 1 ≤ i < min(n, 8) and
 * 2 … min(n, 8) − 1, in CPython set iteration order. Cached per n (pure).
 */
export function tileSearchSpace(n: number): readonly number[] {
  const hit = spaceCache.get(n);
  if (hit) return hit;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`tile search space needs a positive integer size, got ${n}`);
  }
  const keys: number[] = [];
  for (let j = 0; j < 8; j++) {
    const p = 2 ** j;
    if (p > 2 * n) break;
    keys.push(p);
  }
  const lim = Math.min(n, 8);
  for (let i = 1; i < lim; i++) keys.push(Math.ceil(n / i));
  for (let k = 2; k < lim; k++) keys.push(k);
  const order = Object.freeze(cpythonSetOrder(keys));
  spaceCache.set(n, order);
  return order;
}

/**
 * The (c_t, h_t, w_t) part of a patch-op search, flattened in loop order (c_t ∈ S(c) → h_t ∈ S(g) →
 * w_t ∈ S(g)), so that the hot npp loop runs over typed arrays. Only exact integers are precomputed.
 */
export interface TileGrid {
  readonly ct: Int32Array;
  readonly ht: Int32Array;
  readonly wt: Int32Array;
  /** T = ⌈c/c_t⌉·⌈g/h_t⌉·⌈g/w_t⌉. */
  readonly T: Float64Array;
  /** c_t·h_t·w_t. */
  readonly vol: Float64Array;
  readonly size: number;
}

const gridCache = new Map<number, TileGrid>();
const GRID_CACHE_LIMIT = 1_024;

/**
 * The tile grid of a patch op on `c` channels at patch side `g`. Cached per (c, g) like the search spaces:
 * a pure, hardware-independent table, shared read-only by every search (callers must not write to it).
 */
export function tileGrid(c: number, g: number): TileGrid {
  const key = g < 65_536 ? c * 65_536 + g : -1;
  const hit = gridCache.get(key);
  if (hit) return hit;
  const spaceC = tileSearchSpace(c);
  const spaceG = tileSearchSpace(g);
  const size = spaceC.length * spaceG.length * spaceG.length;
  const grid = {
    ct: new Int32Array(size),
    ht: new Int32Array(size),
    wt: new Int32Array(size),
    T: new Float64Array(size),
    vol: new Float64Array(size),
    size,
  };
  let i = 0;
  for (const ct of spaceC) {
    for (const ht of spaceG) {
      for (const wt of spaceG) {
        grid.ct[i] = ct;
        grid.ht[i] = ht;
        grid.wt[i] = wt;
        grid.T[i] = Math.ceil(c / ct) * Math.ceil(g / ht) * Math.ceil(g / wt);
        grid.vol[i] = ct * ht * wt;
        i++;
      }
    }
  }
  if (key >= 0) {
    if (gridCache.size >= GRID_CACHE_LIMIT) gridCache.clear();
    gridCache.set(key, grid);
  }
  return grid;
}

/** Empties the search-space and tile-grid tables (pure data; used to measure a truly cold start). */
export function clearSearchSpaceCaches(): void {
  spaceCache.clear();
  gridCache.clear();
}
