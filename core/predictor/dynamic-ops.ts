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
import { tileGrid, tileSearchSpace, type TileGrid } from './search-space';
import { allIndices, keepBelow, latencyLowerBounds, strictCut, workArray } from './pruning';
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

/** The hint key of a dynamic-conv search: its arguments without the densities (one grid per family). */
export function dynamicConvFamily(a: DynamicConvArgs): string {
  return `dconv|${a.cin}|${a.cout}|${a.inh}|${a.inw}|${a.ks}|${a.groups}|${a.stride}|${a.granularity}|${a.withIndexing ? 1 : 0}|${a.groupSize}`;
}

/** `search_dynamic_conv_tile_cfg` (spec §4.3b); memoised by arguments, independent of the rate [Q3]. */
export function searchDynamicConv(p: Predictor, a: DynamicConvArgs): DynamicConvPlan {
  const family = dynamicConvFamily(a);
  const key = `${family}|${a.ic}|${a.oc}`;
  // Densities below 1 are the channel rate ('spatial+channel'): every new rate is a new search, seeded
  // by the family's last winner (as the dense conv search, conv-search.ts).
  const hinted = a.ic !== 1 || a.oc !== 1;
  return p.memoSearch(
    key,
    () => {
      const g = a.granularity;
      const outh = Math.floor(a.inh / a.stride);
      const outw = Math.floor(a.inw / a.stride);
      const mu = meanPatchCount(outh, outw, g);
      const spaceN = tileSearchSpace(256);
      const grid = tileGrid(a.cout, g);
      const { B, f, F, Pi, P, addMode } = p;
      const kernel = Math.floor(a.cin / a.groups) * a.ks * a.ks;
      const ic = a.ic;
      const density = a.ic * a.oc;
      // npp-independent parts of DCmem / DCcomp (spec §4.3), computed once per tile. ρ_E per c_t is
      // computed when a candidate of that c_t is first evaluated (rhos: −1 until then); the bounds use
      // ρ_E ≥ ic·oc (its clamp) instead, so a pruned c_t never costs its ρ_E.
      const mems = workArray(0, grid.size);
      const rhos = workArray(1, grid.size);
      const perPe = workArray(2, grid.size);
      const vols = grid.vol;
      const rhoByC = new Map<number, number>();
      const rhoAt = (i: number): number => {
        let rho = rhos[i]!;
        if (rho >= 0) return rho;
        const ct = grid.ct[i]!;
        const known = rhoByC.get(ct);
        rho = known ?? maxChannelDensity(Math.ceil(a.cout / ct), ct, density, a.groupSize);
        if (known === undefined) rhoByC.set(ct, rho);
        rhos[i] = rho;
        return rho;
      };
      for (let i = 0; i < grid.size; i++) {
        rhos[i] = -1;
        perPe[i] = Math.ceil(grid.T[i]! / P);
        mems[i] = dcMem(p, a, outh, outw, grid.T[i]!, grid.ct[i]!, grid.ht[i]!, grid.wt[i]!, mu);
      }
      // npp-independent lower bound of DCcomp: npp·⌈μ/npp⌉ ≥ μ, ceil_eff ≤ 1 and ρ ≥ ic·oc (pruning.ts).
      const compFloor = workArray(3, grid.size);
      for (let i = 0; i < grid.size; i++) {
        let r = ((vols[i]! * kernel * mu) / f / F) * ic * density;
        if (B > 1) r = r * B;
        compFloor[i] = r * perPe[i]!;
      }
      const lows = latencyLowerBounds(addMode, compFloor, mems);
      // DCcomp and the latency of candidate i at npp (one place: the seed's latency is the scan's).
      const latencyAt = (i: number, npp: number): number => {
        const nb = Math.ceil(mu / npp);
        const v = vols[i]!;
        const x = v * B * npp;
        // DCcomp at n = μ ≥ 1 (never 0), inlined: work / f / F / ceil_eff(v·B·npp, Π) · nb · ic · ρ [· B].
        let r = ((v * kernel * npp) / f / F / (x / (Math.ceil(x / Pi) * Pi))) * nb * ic * rhoAt(i);
        if (B > 1) r = r * B;
        const comp = r * perPe[i]!;
        const mem = mems[i]!;
        return addMode ? comp + mem : Math.max(comp, mem);
      };
      // A seed (the family's last winner, if it is a candidate here) cuts strictly above its latency.
      const seed = hinted ? p.searchHint(family) : undefined;
      const seedIdx =
        seed && spaceN.includes(seed.npp ?? -1) ? gridIndex(grid, a.cout, g, seed) : -1;
      const seedLat = seedIdx >= 0 ? latencyAt(seedIdx, seed!.npp!) : Infinity;
      const seeded = Number.isFinite(seedLat);
      let cut = seeded ? strictCut(seedLat) : Infinity;
      const active = allIndices(grid.size);
      let nActive = grid.size;
      let bestLat = 0;
      let bestIdx = 0;
      let bestNpp = 0;
      let first = true;
      for (const npp of spaceN) {
        for (let j = 0; j < nActive; j++) {
          const i = active[j]!;
          // Exact pruning: the bound is ≤ the latency at every npp, so a candidate whose bound is not below
          // the best latency can never be strictly better; skipping it changes nothing (spec §2.6).
          if ((!first || seeded) && lows[i]! >= cut) continue;
          const lat = latencyAt(i, npp);
          if (first || lat < bestLat) {
            first = false;
            bestLat = lat;
            bestIdx = i;
            bestNpp = npp;
            if (lat < cut) cut = lat;
          }
        }
        if (!first || seeded) nActive = keepBelow(active, nActive, lows, cut);
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
      if (hinted) p.rememberHint(family, tile);
      return Object.freeze({
        args: Object.freeze({ ...a }),
        outh,
        outw,
        tile,
        rho: rhos[bestIdx]!,
        tilesPerPe: Math.ceil(T / P),
        final: Object.freeze(finalConstants(p, a, outh, outw, tile)),
      });
    },
    hinted,
  );
}

/** Index of a tile in the grid of (c, g) (its loop order: c_t, h_t, w_t), or −1 when it is not there. */
function gridIndex(grid: TileGrid, c: number, g: number, tile: Tile): number {
  const spaceC = tileSearchSpace(c);
  const spaceG = tileSearchSpace(g);
  const ci = spaceC.indexOf(tile.c);
  const hi = spaceG.indexOf(tile.h);
  const wi = spaceG.indexOf(tile.w);
  if (ci < 0 || hi < 0 || wi < 0) return -1;
  const i = (ci * spaceG.length + hi) * spaceG.length + wi;
  return grid.ct[i] === tile.c && grid.ht[i] === tile.h && grid.wt[i] === tile.w ? i : -1;
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
