/**
 * Patch operators of the dynamic blocks (latency spec §4.4–§4.5): scatter-add of the sparse branch and the
 * dynamic SE. As for the dynamic conv, each search optimises for the mean patch count [Q3] and returns a
 * rate-independent plan; the final evaluation at the real patch count is arithmetic.
 */
import { latencyOnly, type OpResult, type Predictor, type Tile } from './context';
import { ceilEff, meanPatchCount, memEff } from './helpers';
import { allIndices, keepBelow, latencyLowerBounds, workArray } from './pruning';
import { tileGrid, tileSearchSpace } from './search-space';
import { searchBroadcastMult, simulateFc } from './static-ops';

/** Rate-independent plan of a scatter-add or dynamic-SE pooling search. */
export interface PatchOpPlan {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly g: number;
  readonly tile: Tile;
  /** Rate-independent factors of the final evaluation, computed as the formulas do (hot path). */
  readonly final: {
    /** ⌈h/g⌉, ⌈w/g⌉: n = ⌈(d·rows)·cols⌉. */
    readonly rows: number;
    readonly cols: number;
    /** ⌈T/P⌉. */
    readonly perPe: number;
    /** mem_eff(w_t, g − w_t, m). */
    readonly eff: number;
    /** Per-patch-batch time (scatter-add t; pool: its first term). */
    readonly t1: number;
    /** Pool only: the per-tile partial-sum term; 0 for scatter-add. */
    readonly t2: number;
    /** Pool only: the final reduction [Q15]; 0 for scatter-add. */
    readonly reduceS: number;
  };
}

function finalOf(
  p: Predictor,
  kind: 'sadd' | 'pool',
  h: number,
  w: number,
  g: number,
  tile: Tile,
): PatchOpPlan['final'] {
  const { B, f, F, Pi } = p;
  const v = tile.c * tile.h * tile.w;
  const npp = tile.npp!;
  const sadd = kind === 'sadd';
  return Object.freeze({
    rows: Math.ceil(h / g),
    cols: Math.ceil(w / g),
    perPe: Math.ceil(tile.nTiles / p.P),
    eff: memEff(tile.w, g - tile.w, p.m),
    t1: sadd
      ? (v * npp) / f / F / ceilEff(v * B * npp, Pi)
      : (v * npp) / f / F / ceilEff(tile.c * npp, Pi),
    t2: sadd ? 0 : (tile.c * npp) / f / F / ceilEff(tile.c, Pi),
    // [Q15] the final reduction counts ⌈h/h_t⌉·⌈w/w_t⌉ partials; the search counted ⌈g/h_t⌉·⌈g/w_t⌉.
    reduceS: sadd ? 0 : p.peReduce(tile.c, Math.ceil(h / tile.h) * Math.ceil(w / tile.w)),
  });
}

function ewMem(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
  T: number,
  ct: number,
  ht: number,
  wt: number,
  n: number,
): number {
  const { B } = p;
  const area = (ct * ht * wt * n * 2 + ct * ht * wt * n) * T * B;
  const tot = (n * c * g * g + c * h * w) * B + c * h * w * B; // dense c·h·w read and written whatever d
  return tot / p.M + area / p.L2 / memEff(wt, g - wt, p.m);
}

/** Scatter-add tile search (spec §4.4); rate-independent [Q3]. */
export function searchScatterAdd(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
): PatchOpPlan {
  return p.memoSearch(`sadd|${c}|${h}|${w}|${g}`, () => {
    const mu = meanPatchCount(h, w, g);
    const spaceN = tileSearchSpace(Math.ceil(h / g) * Math.ceil(w / g));
    const grid = tileGrid(c, g);
    const { B, f, F, Pi, P, addMode } = p;
    const mems = workArray(0, grid.size);
    const vols = grid.vol;
    const perPe = workArray(1, grid.size);
    for (let i = 0; i < grid.size; i++) {
      perPe[i] = Math.ceil(grid.T[i]! / P);
      mems[i] = ewMem(p, c, h, w, g, grid.T[i]!, grid.ct[i]!, grid.ht[i]!, grid.wt[i]!, mu);
    }
    // npp-independent lower bound of EWcomp: npp·⌈μ/npp⌉ ≥ μ and ceil_eff ≤ 1 (see pruning.ts).
    const compFloor = workArray(2, grid.size);
    for (let i = 0; i < grid.size; i++) compFloor[i] = ((vols[i]! * mu) / f / F) * B * perPe[i]!;
    const lows = latencyLowerBounds(addMode, compFloor, mems);
    const active = allIndices(grid.size);
    let nActive = grid.size;
    let bestLat = 0;
    let bestIdx = 0;
    let bestNpp = 0;
    let first = true;
    for (const npp of spaceN) {
      const nb = Math.ceil(mu / npp);
      for (let j = 0; j < nActive; j++) {
        const i = active[j]!;
        // Exact pruning: the bound is ≤ the latency at every npp, so a candidate whose bound is not below
        // the best latency can never be strictly better; skipping it changes nothing (spec §2.6).
        if (!first && lows[i]! >= bestLat) continue;
        const v = vols[i]!;
        const x = v * B * npp;
        // EWcomp at n = μ (spec §4.4), inlined: (v·npp) / f / F / ceil_eff(v·B·npp, Π) · ⌈μ/npp⌉ · B.
        const comp = ((v * npp) / f / F / (x / (Math.ceil(x / Pi) * Pi))) * nb * B * perPe[i]!;
        const mem = mems[i]!;
        const lat = addMode ? comp + mem : Math.max(comp, mem);
        if (first || lat < bestLat) {
          first = false;
          bestLat = lat;
          bestIdx = i;
          bestNpp = npp;
        }
      }
      nActive = keepBelow(active, nActive, lows, bestLat);
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const tile = Object.freeze({
      c: grid.ct[bestIdx]!,
      h: grid.ht[bestIdx]!,
      w: grid.wt[bestIdx]!,
      npp: bestNpp,
      nTiles: grid.T[bestIdx]!,
    });
    return Object.freeze({ c, h, w, g, tile, final: finalOf(p, 'sadd', h, w, g, tile) });
  });
}

/** Final scatter-add evaluation at density `d`. */
export function evaluateScatterAdd(p: Predictor, plan: PatchOpPlan, d: number): OpResult {
  // EWmem / EWcomp at the real n with the rate-independent factors precomputed (same values, same order).
  const { c, h, w, g, tile, final: k } = plan;
  const { B } = p;
  const n = Math.ceil(d * k.rows * k.cols);
  const v = tile.c * tile.h * tile.w;
  const area = (v * n * 2 + v * n) * tile.nTiles * B;
  const tot = (n * c * g * g + c * h * w) * B + c * h * w * B;
  const mem = tot / p.M + area / p.L2 / k.eff;
  const comp = k.t1 * Math.ceil(n / tile.npp!) * B * k.perPe;
  const lat = p.addMode ? comp + mem : Math.max(comp, mem);
  return { latencyS: lat + p.tau, computeS: comp, memoryS: mem, tile };
}

/** `simulate_scatter_add(c, h, w, g, d)`: residual add of a sparse branch (spec §4.4). */
export function simulateScatterAdd(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
  d: number,
): OpResult {
  return evaluateScatterAdd(p, searchScatterAdd(p, c, h, w, g), d);
}

function gpMem(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
  T: number,
  ct: number,
  ht: number,
  wt: number,
  n: number,
): number {
  const area = (ct * ht * wt * n + ct) * T + ct * (Math.ceil(h / ht) * Math.ceil(w / wt)) + ct;
  const tot = n * c * g * g + c * h * w; // [Q14] output counted as c·h·w
  return (tot / p.M + area / p.L2 / memEff(wt, g - wt, p.m)) * p.B;
}

function gpComp(p: Predictor, ct: number, ht: number, wt: number, npp: number, n: number): number {
  const t = (ct * ht * wt * npp) / p.f / p.F / ceilEff(ct * npp, p.Pi);
  const r = t * Math.ceil(n / npp) + (ct * npp) / p.f / p.F / ceilEff(ct, p.Pi);
  return r * p.B;
}

/** `search_dynamic_global_avg_pool_tile_cfg` (spec §4.5); rate-independent [Q3]. */
export function searchDynamicPool(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
): PatchOpPlan {
  return p.memoSearch(`dpool|${c}|${h}|${w}|${g}`, () => {
    const mu = meanPatchCount(h, w, g);
    const spaceN = tileSearchSpace(Math.ceil(h / g) * Math.ceil(w / g));
    const grid = tileGrid(c, g);
    const { P, addMode } = p;
    const mems = workArray(0, grid.size);
    const perPe = workArray(1, grid.size);
    const reduces = workArray(2, grid.size);
    for (let i = 0; i < grid.size; i++) {
      const ct = grid.ct[i]!;
      perPe[i] = Math.ceil(grid.T[i]! / P);
      reduces[i] = p.peReduce(ct, Math.ceil(g / grid.ht[i]!) * Math.ceil(g / grid.wt[i]!));
      mems[i] = gpMem(p, c, h, w, g, grid.T[i]!, ct, grid.ht[i]!, grid.wt[i]!, mu);
    }
    // GPcomp·⌈T/P⌉ ≥ 0, so the final reduction alone bounds the compute time (no slack needed).
    const lows = workArray(3, grid.size);
    for (let i = 0; i < grid.size; i++) {
      lows[i] = addMode ? reduces[i]! + mems[i]! : Math.max(reduces[i]!, mems[i]!);
    }
    const active = allIndices(grid.size);
    let nActive = grid.size;
    let bestLat = 0;
    let bestIdx = 0;
    let bestNpp = 0;
    let first = true;
    for (const npp of spaceN) {
      for (let j = 0; j < nActive; j++) {
        const i = active[j]!;
        if (!first && lows[i]! >= bestLat) continue; // exact: cannot be strictly better
        const comp =
          gpComp(p, grid.ct[i]!, grid.ht[i]!, grid.wt[i]!, npp, mu) * perPe[i]! + reduces[i]!;
        const mem = mems[i]!;
        const lat = addMode ? comp + mem : Math.max(comp, mem);
        if (first || lat < bestLat) {
          first = false;
          bestLat = lat;
          bestIdx = i;
          bestNpp = npp;
        }
      }
      nActive = keepBelow(active, nActive, lows, bestLat);
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const tile = Object.freeze({
      c: grid.ct[bestIdx]!,
      h: grid.ht[bestIdx]!,
      w: grid.wt[bestIdx]!,
      npp: bestNpp,
      nTiles: grid.T[bestIdx]!,
    });
    return Object.freeze({ c, h, w, g, tile, final: finalOf(p, 'pool', h, w, g, tile) });
  });
}

/** Final dynamic-SE pooling at density `d`: (latency, compute, memory) of the pool kernel without launch. */
export function evaluateDynamicPool(p: Predictor, plan: PatchOpPlan, d: number): OpResult {
  const { c, h, w, g, tile, final: k } = plan;
  const n = Math.ceil(d * k.rows * k.cols);
  const mem = gpMem(p, c, h, w, g, tile.nTiles, tile.c, tile.h, tile.w, n);
  // GPcomp at n: (t1·⌈n/npp⌉ + t2)·B, then ·⌈T/P⌉ + the final reduction [Q15].
  const comp = (k.t1 * Math.ceil(n / tile.npp!) + k.t2) * p.B * k.perPe + k.reduceS;
  return { latencyS: p.combine(comp, mem), computeS: comp, memoryS: mem, tile };
}

/** Rate-independent part of a dynamic SE: pooling plan, FC and excitation latencies. */
export interface DynamicSePlan {
  readonly pool: PatchOpPlan;
  readonly fc1S: number;
  readonly fc2S: number;
  readonly multS: number;
}

/** Plans `simulate_dynamic_se(c, h, w, s, g, ·)` (spec §4.5). */
export function planDynamicSe(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  squeeze: number,
  g: number,
): DynamicSePlan {
  return Object.freeze({
    pool: searchDynamicPool(p, c, h, w, g),
    fc1S: simulateFc(p, c, squeeze).latencyS,
    fc2S: simulateFc(p, squeeze, c).latencyS,
    multS: searchBroadcastMult(p, c, h, w).latencyS,
  });
}

/** Dynamic SE at density `d`; latency-only report (the reference reports only the latency). */
export function evaluateDynamicSe(p: Predictor, plan: DynamicSePlan, d: number): OpResult {
  const pool = evaluateDynamicPool(p, plan.pool, d).latencyS;
  return latencyOnly(plan.fc1S + plan.fc2S + pool + p.tau + plan.multS + p.tau);
}

/** `simulate_dynamic_se(c, h, w, s, g, d)`: pooling over active patches, dense excitation (spec §4.5). */
export function simulateDynamicSe(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  squeeze: number,
  g: number,
  d: number,
): OpResult {
  return evaluateDynamicSe(p, planDynamicSe(p, c, h, w, squeeze, g), d);
}
