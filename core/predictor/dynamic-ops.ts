/**
 * Dynamic (spatially sparse) operators of the latency model (latency spec §4.1–§4.3; scatter-add and
 * dynamic SE are in patch-ops.ts).
 *
 * Each tile search optimises for the mean patch count (N+1)/2 whatever the real rate [Q3], so it is
 * memoised without the rate and returns a *plan*; the final evaluation at the real patch count is cheap
 * arithmetic. That split is what makes sweeping rates fast.
 */
import type { OpResult, Predictor, Tile } from './context';
import { maxChannelDensity } from './density';
import { activePatches, ceilEff, meanPatchCount, memEff } from './helpers';
import { tileGrid, tileSearchSpace } from './search-space';
import { allIndices, keepBelow, latencyLowerBounds, workArray } from './pruning';
import { launched, searchConvTile } from './static-ops';

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
  /** Rate-independent factors of the final evaluation (exact integers or values computed as DCmem/DCcomp do). */
  readonly final: FinalDynamicConv;
}

/** DCmem / DCcomp of the winning tile with everything but the patch count n precomputed (hot path). */
interface FinalDynamicConv {
  /** ⌈outh/g⌉ and ⌈outw/g⌉, for n = ⌈(d·rows)·cols⌉. */
  readonly rows: number;
  readonly cols: number;
  readonly pw: number;
  /** pi / n and po / n: exact integers, so (·)·n equals the left-to-right product of DCmem. */
  readonly piPerPatch: number;
  readonly poPerPatch: number;
  readonly weights: number;
  /** Input elements: fixed with indexing, else per patch (times n). */
  readonly inputFixed: number;
  readonly inputPerPatch: number;
  readonly outputPerPatch: number;
  /** Time of one patch batch, t_pb. */
  readonly tpb: number;
}

function finalConstants(
  p: Predictor,
  a: DynamicConvArgs,
  outh: number,
  outw: number,
  tile: Tile,
): FinalDynamicConv {
  const { B } = p;
  const { ks, stride, ic, oc, cin, cout, granularity: g } = a;
  const cgIn = Math.floor(cin / a.groups);
  const cgOut = Math.floor(cout / a.groups);
  let pw = tile.c * cgIn * ks * ks;
  if (B === 1) pw = pw * (ic * oc);
  const v = tile.c * tile.h * tile.w;
  const npp = tile.npp!;
  return {
    rows: Math.ceil(outh / g),
    cols: Math.ceil(outw / g),
    pw,
    piPerPatch:
      Math.ceil(tile.c / cgOut) * cgIn * (tile.h + ks - 1) * stride * (tile.w + ks - 1) * stride,
    poPerPatch: v,
    weights: cout * cgIn * ks * ks,
    inputFixed: a.withIndexing ? cin * outh * stride * outw * stride : 0,
    inputPerPatch: a.withIndexing ? 0 : cin * (g + ks - 1) * stride * (g + ks - 1) * stride,
    outputPerPatch: cout * g * g,
    tpb: (v * cgIn * ks * ks * npp) / p.f / p.F / ceilEff(v * B * npp, p.Pi),
  };
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
    // npp-independent parts of DCmem / DCcomp (spec §4.3), computed once per tile.
    const mems = workArray(0, grid.size);
    const rhos = workArray(1, grid.size);
    const perPe = workArray(2, grid.size);
    const vols = grid.vol;
    const rhoByC = new Map<number, number>();
    for (let i = 0; i < grid.size; i++) {
      const ct = grid.ct[i]!;
      let rho = rhoByC.get(ct);
      if (rho === undefined) {
        rho = maxChannelDensity(Math.ceil(a.cout / ct), ct, a.ic * a.oc, a.groupSize);
        rhoByC.set(ct, rho);
      }
      rhos[i] = rho;
      perPe[i] = Math.ceil(grid.T[i]! / P);
      mems[i] = dcMem(p, a, outh, outw, grid.T[i]!, ct, grid.ht[i]!, grid.wt[i]!, mu);
    }
    // npp-independent lower bound of DCcomp: npp·⌈μ/npp⌉ ≥ μ and ceil_eff ≤ 1 (see pruning.ts).
    const compFloor = workArray(3, grid.size);
    for (let i = 0; i < grid.size; i++) {
      let r = ((vols[i]! * kernel * mu) / f / F) * ic * rhos[i]!;
      if (B > 1) r = r * B;
      compFloor[i] = r * perPe[i]!;
    }
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
        // DCcomp at n = μ ≥ 1 (never 0), inlined: work / f / F / ceil_eff(v·B·npp, Π) · nb · ic · ρ [· B].
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
      nActive = keepBelow(active, nActive, lows, bestLat);
    }
    p.memo.stats.candidates += spaceN.length * grid.size;
    const T = grid.T[bestIdx]!;
    const tile = Object.freeze({
      c: grid.ct[bestIdx]!,
      h: grid.ht[bestIdx]!,
      w: grid.wt[bestIdx]!,
      npp: bestNpp,
      nTiles: T,
    });
    return Object.freeze({
      args: Object.freeze({ ...a }),
      outh,
      outw,
      tile,
      rho: rhos[bestIdx]!,
      tilesPerPe: Math.ceil(T / P),
      final: Object.freeze(finalConstants(p, a, outh, outw, tile)),
    });
  });
}

/** Final evaluation of a dynamic-conv plan at the real patch count of density `d` (spec §4.3). */
export function evaluateDynamicConv(p: Predictor, plan: DynamicConvPlan, d: number): OpResult {
  // DCmem and DCcomp at the real n, with the rate-independent factors precomputed (same values, same order).
  const { args: a, tile, final: k } = plan;
  const { B } = p;
  const n = Math.ceil(d * k.rows * k.cols);
  const area = (k.pw + k.piPerPatch * n * a.ic * B + k.poPerPatch * n * a.oc * B) * tile.nTiles;
  const input = a.withIndexing ? k.inputFixed : n * k.inputPerPatch;
  const tot = k.weights + input * a.ic * B + n * k.outputPerPatch * a.oc * B;
  const mem = tot / p.M + area / p.L2; // [Q13]
  let comp = 0;
  if (n !== 0) {
    comp = k.tpb * Math.ceil(n / tile.npp!) * a.ic * plan.rho; // [Q6]
    if (B > 1) comp = comp * B;
  }
  comp = comp * plan.tilesPerPe;
  const lat = p.addMode ? comp + mem : Math.max(comp, mem);
  return { latencyS: lat + p.tau, computeS: comp, memoryS: mem, tile };
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
