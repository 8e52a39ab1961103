/**
 * Dynamic (spatially sparse) operators of the latency model (latency spec §4.1–§4.5).
 *
 * Each tile search optimises for the mean patch count (N+1)/2 whatever the real rate [Q3], so it is
 * memoised without the rate and returns a *plan*; the final evaluation at the real patch count is cheap
 * arithmetic. That split is what makes sweeping rates fast.
 */
import { latencyOnly, type OpResult, type Predictor, type Tile } from './context';
import { maxChannelDensity } from './density';
import { activePatches, ceilEff, meanPatchCount, memEff } from './helpers';
import { tileSearchSpace } from './search-space';
import { launched, searchBroadcastMult, searchConvTile, simulateFc } from './static-ops';

/** `simulate_gather(c, h, w, g, d, pad)` (spec §4.1). */
export function simulateGather(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
  d: number,
  pad = 0,
): OpResult {
  const n = activePatches(d, h, w, g);
  const q = 2 * pad + g;
  const x = c * n * q * q;
  const e = memEff(q, Math.max(0, w - q), p.m);
  let mem = (c * h * w + x) / p.M + x / p.L2 / e + x / p.L2;
  if (p.B > 1) mem = mem * p.B;
  return { latencyS: mem + p.tau, computeS: 0, memoryS: mem, tile: null };
}

/** `simulate_scatter(c, h, w, g, d)` (spec §4.2). */
export function simulateScatter(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  g: number,
  d: number,
): OpResult {
  const n = activePatches(d, h, w, g);
  const x = c * n * g * g;
  const e = memEff(g, Math.max(0, w - g), p.m);
  let mem = (x + c * h * w) / p.M + x / p.L2 / e + x / p.L2;
  if (p.B > 1) mem = mem * p.B;
  return { latencyS: mem + p.tau, computeS: 0, memoryS: mem, tile: null };
}

/** Arguments of `simulate_dynamic_conv` (spec §4.3); `inh`/`inw` are the input side. */
export interface DynamicConvArgs {
  cin: number;
  cout: number;
  inh: number;
  inw: number;
  ks: number;
  groups: number;
  stride: number;
  /** Patch side g. */
  granularity: number;
  /** `with_indexing`: the input is read in place instead of gathered. */
  withIndexing: boolean;
  /** Input / output channel densities. */
  ic: number;
  oc: number;
  /** Channel group size for the max-density term [Q16]. */
  groupSize: number;
  /** False selects the channel-only (dense) path [Q11]. */
  spatialMasker: boolean;
}

/** The rate-independent result of a spatial dynamic-conv search: the winning tile and its constants. */
export interface DynamicConvPlan {
  readonly args: DynamicConvArgs;
  readonly outh: number;
  readonly outw: number;
  readonly tile: Tile;
  /** Tile-invariant pieces of DCmem / DCcomp for the winning tile. */
  readonly rho: number;
  readonly tilesPerPe: number;
}

function dcMem(
  p: Predictor,
  a: DynamicConvArgs,
  outh: number,
  outw: number,
  T: number,
  ct: number,
  ht: number,
  wt: number,
  n: number,
): number {
  const { B } = p;
  const { ks, stride, ic, oc, cin, cout, granularity: g } = a;
  const cgIn = Math.floor(cin / a.groups);
  const cgOut = Math.floor(cout / a.groups);
  let pw = ct * cgIn * ks * ks;
  if (B === 1) pw = pw * (ic * oc);
  const ng = Math.ceil(ct / cgOut);
  const pi = ng * cgIn * (ht + ks - 1) * stride * (wt + ks - 1) * stride * n;
  const po = ct * ht * wt * n;
  const area = (pw + pi * ic * B + po * oc * B) * T;
  const weights = cout * cgIn * ks * ks; // [Q8] never density-scaled here
  const input = a.withIndexing
    ? cin * outh * stride * outw * stride
    : n * cin * (g + ks - 1) * stride * (g + ks - 1) * stride;
  const output = n * cout * g * g;
  const tot = weights + input * ic * B + output * oc * B;
  return tot / p.M + area / p.L2; // [Q13] no memory-concurrency efficiency
}

function dcComp(
  p: Predictor,
  a: DynamicConvArgs,
  ct: number,
  ht: number,
  wt: number,
  npp: number,
  n: number,
  rho: number,
): number {
  if (n === 0) return 0;
  const { B } = p;
  const v = ct * ht * wt;
  const work = v * Math.floor(a.cin / a.groups) * a.ks * a.ks * npp;
  const tpb = work / p.f / p.F / ceilEff(v * B * npp, p.Pi);
  let r = tpb * Math.ceil(n / npp) * a.ic * rho; // [Q6]
  if (B > 1) r = r * B;
  return r;
}

/**
 * The (c_t, h_t, w_t) part of a patch-op search, flattened in loop order (c_t ∈ S(c) → h_t ∈ S(g) →
 * w_t ∈ S(g)), so that the hot npp loop runs over typed arrays. Only exact integers are precomputed.
 */
interface TileGrid {
  readonly ct: Int32Array;
  readonly ht: Int32Array;
  readonly wt: Int32Array;
  readonly T: Float64Array;
  readonly size: number;
}

function tileGrid(c: number, g: number): TileGrid {
  const spaceC = tileSearchSpace(c);
  const spaceG = tileSearchSpace(g);
  const size = spaceC.length * spaceG.length * spaceG.length;
  const grid = {
    ct: new Int32Array(size),
    ht: new Int32Array(size),
    wt: new Int32Array(size),
    T: new Float64Array(size),
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
        i++;
      }
    }
  }
  return grid;
}

/** `search_dynamic_conv_tile_cfg` (spec §4.3b); memoised by arguments, independent of the rate [Q3]. */
export function searchDynamicConv(p: Predictor, a: DynamicConvArgs): DynamicConvPlan {
  const key = `dconv|${a.cin}|${a.cout}|${a.inh}|${a.inw}|${a.ks}|${a.groups}|${a.stride}|${a.granularity}|${a.withIndexing ? 1 : 0}|${a.ic}|${a.oc}|${a.groupSize}`;
  return p.memoSearch(key, () => {
    const g = a.granularity;
    const outh = Math.floor(a.inh / a.stride);
    const outw = Math.floor(a.inw / a.stride);
    const mu = meanPatchCount(outh, outw, g);
    const spaceN = tileSearchSpace(256);
    const grid = tileGrid(a.cout, g);
    const { B, f, F, Pi, P, addMode } = p;
    const kernel = Math.floor(a.cin / a.groups) * a.ks * a.ks;
    const ic = a.ic;
    // npp-independent parts, same values as dcMem / dcComp compute them.
    const mems = new Float64Array(grid.size);
    const rhos = new Float64Array(grid.size);
    const vols = new Float64Array(grid.size);
    const perPe = new Float64Array(grid.size);
    const rhoByC = new Map<number, number>();
    for (let i = 0; i < grid.size; i++) {
      const ct = grid.ct[i]!;
      let rho = rhoByC.get(ct);
      if (rho === undefined) {
        rho = maxChannelDensity(Math.ceil(a.cout / ct), ct, a.ic * a.oc, a.groupSize);
        rhoByC.set(ct, rho);
      }
      rhos[i] = rho;
      vols[i] = ct * grid.ht[i]! * grid.wt[i]!;
      perPe[i] = Math.ceil(grid.T[i]! / P);
      mems[i] = dcMem(p, a, outh, outw, grid.T[i]!, ct, grid.ht[i]!, grid.wt[i]!, mu);
    }
    let bestLat = 0;
    let bestIdx = 0;
    let bestNpp = 0;
    let first = true;
    for (const npp of spaceN) {
      const nb = Math.ceil(mu / npp);
      for (let i = 0; i < grid.size; i++) {
        const v = vols[i]!;
        const x = v * B * npp;
        // dcComp at n = μ ≥ 1, inlined: work / f / F / ceil_eff(v·B·npp, Π) · nb · ic · ρ [· B].
        let r = ((v * kernel * npp) / f / F / (x / (Math.ceil(x / Pi) * Pi))) * nb * ic * rhos[i]!;
        if (B > 1) r = r * B;
        const comp = r * perPe[i]!;
        const mem = mems[i]!;
        const lat = addMode ? comp + mem : Math.max(comp, mem);
        if (first || lat < bestLat) {
          first = false;
          bestLat = lat;
          bestIdx = i;
          bestNpp = npp;
        }
      }
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const T = grid.T[bestIdx]!;
    return Object.freeze({
      args: Object.freeze({ ...a }),
      outh,
      outw,
      tile: Object.freeze({
        c: grid.ct[bestIdx]!,
        h: grid.ht[bestIdx]!,
        w: grid.wt[bestIdx]!,
        npp: bestNpp,
        nTiles: T,
      }),
      rho: rhos[bestIdx]!,
      tilesPerPe: Math.ceil(T / P),
    });
  });
}

/** Final evaluation of a dynamic-conv plan at the real patch count of density `d` (spec §4.3). */
export function evaluateDynamicConv(p: Predictor, plan: DynamicConvPlan, d: number): OpResult {
  const { args: a, tile } = plan;
  const n = activePatches(d, plan.outh, plan.outw, a.granularity);
  const mem = dcMem(p, a, plan.outh, plan.outw, tile.nTiles, tile.c, tile.h, tile.w, n);
  const comp = dcComp(p, a, tile.c, tile.h, tile.w, tile.npp!, n, plan.rho) * plan.tilesPerPe;
  return { latencyS: p.combine(comp, mem) + p.tau, computeS: comp, memoryS: mem, tile };
}

/**
 * `simulate_dynamic_conv` (spec §4.3) at spatial density `d`. The channel-only path drops the group size
 * and ignores g, d and indexing [Q11]; `pad` is not an argument because it never changes the result [Q12].
 */
export function simulateDynamicConv(p: Predictor, a: DynamicConvArgs, d: number): OpResult {
  if (!a.spatialMasker) {
    const outh = Math.floor(a.inh / a.stride);
    const outw = Math.floor(a.inw / a.stride);
    return launched(
      p,
      searchConvTile(p, a.cout, a.cin, outh, outw, a.groups, a.stride, a.ks, a.ic, a.oc, 1),
    ); // [Q11]
  }
  return evaluateDynamicConv(p, searchDynamicConv(p, a), d);
}

/** Rate-independent plan of a scatter-add or dynamic-SE pooling search. */
export interface PatchOpPlan {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly g: number;
  readonly tile: Tile;
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

function ewComp(p: Predictor, ct: number, ht: number, wt: number, npp: number, n: number): number {
  const v = ct * ht * wt;
  const t = (v * npp) / p.f / p.F / ceilEff(v * p.B * npp, p.Pi);
  return t * Math.ceil(n / npp) * p.B;
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
    const mems = new Float64Array(grid.size);
    const vols = new Float64Array(grid.size);
    const perPe = new Float64Array(grid.size);
    for (let i = 0; i < grid.size; i++) {
      vols[i] = grid.ct[i]! * grid.ht[i]! * grid.wt[i]!;
      perPe[i] = Math.ceil(grid.T[i]! / P);
      mems[i] = ewMem(p, c, h, w, g, grid.T[i]!, grid.ct[i]!, grid.ht[i]!, grid.wt[i]!, mu);
    }
    let bestLat = 0;
    let bestIdx = 0;
    let bestNpp = 0;
    let first = true;
    for (const npp of spaceN) {
      const nb = Math.ceil(mu / npp);
      for (let i = 0; i < grid.size; i++) {
        const v = vols[i]!;
        const x = v * B * npp;
        // ewComp at n = μ, inlined: (v·npp) / f / F / ceil_eff(v·B·npp, Π) · ⌈μ/npp⌉ · B.
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
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const tile = Object.freeze({
      c: grid.ct[bestIdx]!,
      h: grid.ht[bestIdx]!,
      w: grid.wt[bestIdx]!,
      npp: bestNpp,
      nTiles: grid.T[bestIdx]!,
    });
    return Object.freeze({ c, h, w, g, tile });
  });
}

/** Final scatter-add evaluation at density `d`. */
export function evaluateScatterAdd(p: Predictor, plan: PatchOpPlan, d: number): OpResult {
  const { c, h, w, g, tile } = plan;
  const n = activePatches(d, h, w, g);
  const mem = ewMem(p, c, h, w, g, tile.nTiles, tile.c, tile.h, tile.w, n);
  const comp = ewComp(p, tile.c, tile.h, tile.w, tile.npp!, n) * Math.ceil(tile.nTiles / p.P);
  return { latencyS: p.combine(comp, mem) + p.tau, computeS: comp, memoryS: mem, tile };
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
    const mems = new Float64Array(grid.size);
    const perPe = new Float64Array(grid.size);
    const reduces = new Float64Array(grid.size);
    for (let i = 0; i < grid.size; i++) {
      const ct = grid.ct[i]!;
      perPe[i] = Math.ceil(grid.T[i]! / P);
      reduces[i] = p.peReduce(ct, Math.ceil(g / grid.ht[i]!) * Math.ceil(g / grid.wt[i]!));
      mems[i] = gpMem(p, c, h, w, g, grid.T[i]!, ct, grid.ht[i]!, grid.wt[i]!, mu);
    }
    let bestLat = 0;
    let bestIdx = 0;
    let bestNpp = 0;
    let first = true;
    for (const npp of spaceN) {
      for (let i = 0; i < grid.size; i++) {
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
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const tile = Object.freeze({
      c: grid.ct[bestIdx]!,
      h: grid.ht[bestIdx]!,
      w: grid.wt[bestIdx]!,
      npp: bestNpp,
      nTiles: grid.T[bestIdx]!,
    });
    return Object.freeze({ c, h, w, g, tile });
  });
}

/** Final dynamic-SE pooling at density `d`: (latency, compute, memory) of the pool kernel without launch. */
export function evaluateDynamicPool(p: Predictor, plan: PatchOpPlan, d: number): OpResult {
  const { c, h, w, g, tile } = plan;
  const n = activePatches(d, h, w, g);
  const mem = gpMem(p, c, h, w, g, tile.nTiles, tile.c, tile.h, tile.w, n);
  // [Q15] the final reduction counts ⌈h/h_t⌉·⌈w/w_t⌉ partials; the search counted ⌈g/h_t⌉·⌈g/w_t⌉.
  const reduceS = p.peReduce(tile.c, Math.ceil(h / tile.h) * Math.ceil(w / tile.w));
  const comp =
    gpComp(p, tile.c, tile.h, tile.w, tile.npp!, n) * Math.ceil(tile.nTiles / p.P) + reduceS;
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
