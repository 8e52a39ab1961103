/** The dense convolution tile search of the latency model (latency spec §3.1), memoised per predictor. */
import type { Predictor, Tile } from './context';
import { maxChannelDensity } from './density';
import { memEff } from './helpers';
import { slackened, strictCut } from './pruning';
import { tileSearchSpace } from './search-space';

/** Best candidate of a tile search: latency (without launch time), its compute and memory parts, the tile. */
export interface SearchResult {
  readonly latencyS: number;
  readonly computeS: number;
  readonly memoryS: number;
  readonly tile: Tile;
}

/**
 * `search_conv_tile_cfg` (spec §3.1): dense convolution tile search, optionally with input/output channel
 * densities `ic`, `oc` and channel group size `groupSize` for the max-density term. Memoised.
 */
export function searchConvTile(
  p: Predictor,
  cout: number,
  cin: number,
  outh: number,
  outw: number,
  groups: number,
  stride: number,
  ks: number,
  ic = 1,
  oc = 1,
  groupSize = 1,
): SearchResult {
  const family = convSearchFamily(cout, cin, outh, outw, groups, stride, ks, groupSize);
  const key = `${family}|${ic}|${oc}`;
  // Densities below 1 are the channel rate itself: every new rate is a new search. The winner of the
  // last search of the same family (other densities) seeds its pruning (see runConvSearch).
  const hinted = ic !== 1 || oc !== 1;
  return p.memoSearch(
    key,
    () => {
      const result = runConvSearch(
        p,
        cout,
        cin,
        outh,
        outw,
        groups,
        stride,
        ks,
        ic,
        oc,
        groupSize,
        hinted ? p.searchHint(family) : undefined,
      );
      if (hinted) p.rememberHint(family, result.tile);
      return result;
    },
    hinted,
  );
}

/**
 * The hint key of a conv search: its arguments without the densities (searches of one family share a
 * search space, so any family member's winner is a valid seed).
 */
export function convSearchFamily(
  cout: number,
  cin: number,
  outh: number,
  outw: number,
  groups: number,
  stride: number,
  ks: number,
  groupSize: number,
): string {
  return `conv|${cout}|${cin}|${outh}|${outw}|${groups}|${stride}|${ks}|${groupSize}`;
}

/** The tile-independent quantities of a convolution search, shared by the search and its seed. */
function convConstants(
  p: Predictor,
  cout: number,
  cin: number,
  outh: number,
  outw: number,
  groups: number,
  stride: number,
  ks: number,
  ic: number,
  oc: number,
) {
  const { B, M } = p;
  const cgIn = Math.floor(cin / groups);
  const cgOut = Math.floor(cout / groups);
  let weights = cout * cgIn * ks * ks;
  if (B === 1) weights = weights * oc; // [Q8] DRAM weights scaled by oc only, and only at batch 1
  const input = cin * outh * stride * outw * stride * B * ic; // [Q7] not cin·inh·inw
  const output = cout * outh * outw * B * oc;
  const dramS = (weights + input + output) / M;
  // c_t·h_t·w_t·Cg_in·ks·ks·B is an exact integer product, so po·(Cg_in·ks·ks·B) gives the same value.
  const kernelB = cgIn * ks * ks * B;
  return { cgIn, cgOut, dramS, density: ic * oc, kernelB };
}

function runConvSearch(
  p: Predictor,
  cout: number,
  cin: number,
  outh: number,
  outw: number,
  groups: number,
  stride: number,
  ks: number,
  ic: number,
  oc: number,
  groupSize: number,
  seed?: Tile,
): SearchResult {
  const { B, f, F, P, Pi, L2, m, addMode } = p;
  const { cgIn, cgOut, dramS, density, kernelB } = convConstants(
    p,
    cout,
    cin,
    outh,
    outw,
    groups,
    stride,
    ks,
    ic,
    oc,
  );
  const spaceC = tileSearchSpace(cout);
  const spaceH = tileSearchSpace(outh);
  const spaceW = tileSearchSpace(outw);
  // mem_eff depends on w_t only: evaluate it once per w_t (same values).
  const effW = spaceW.map((wt) => memEff(wt, outw - wt, m));
  let bestLat = 0;
  let bestComp = 0;
  let bestMem = 0;
  let bestC = 0;
  let bestH = 0;
  let bestW = 0;
  let bestT = 0;
  let first = true;
  // Per-w_t factors, computed once: ⌈outw/w_t⌉ and (w_t + ks − 1)·stride (exact integers).
  const nwOf = spaceW.map((wt) => Math.ceil(outw / wt));
  const wSpanOf = spaceW.map((wt) => (wt + ks - 1) * stride);
  // Exact pruning (spec §2.6 keeps the first strict minimum): a c_t block or an h_t row is skipped when a
  // real-arithmetic lower bound of all its candidates' latencies, slackened for rounding (pruning.ts), is not
  // below the best so far. Bounds use ⌈x/y⌉·y ≥ x, (t + ks − 1)·⌈n/t⌉ ≥ n + ks − 1, ⌈T/P⌉ ≥ max(1, T/P),
  // mem_eff ≤ 1, ceil_eff ≤ 1 and ρ ≥ ic·oc (ρ_E is clamped at its density), so the costly ρ_E is only
  // computed for a c_t with a surviving row.
  const haloW = (outw + ks - 1) * stride;
  // A seed (a candidate tile, e.g. the winner at another density) gives a cut before any candidate is
  // scanned: its latency L is reached, so a candidate whose latency is provably above L cannot be the
  // first strict minimum. Pruning against the seed is strict (cut just above L, so a tie with L earlier
  // in the order is still scanned); against a scanned best it is `>=`, as without a seed. A seed outside
  // the search space is ignored; the result never depends on the seed, only the work does.
  const seedLat =
    seed && spaceC.includes(seed.c) && spaceH.includes(seed.h) && spaceW.includes(seed.w)
      ? convCandidateLatency(p, cout, cin, outh, outw, groups, stride, ks, ic, oc, groupSize, seed)
      : Infinity;
  const seeded = Number.isFinite(seedLat);
  let cut = seeded ? strictCut(seedLat) : Infinity;
  for (const ct of spaceC) {
    const nc = Math.ceil(cout / ct);
    let pw = ct * cgIn * ks * ks;
    if (B === 1) pw = pw * density; // [Q8] per-tile weights scaled by ic·oc
    const ng = Math.ceil(ct / cgOut);
    if (!first || seeded) {
      const inLow = ng * cgIn * (outh + ks - 1) * stride * haloW * ic * B;
      const memLow = dramS + (nc * (pw + inLow + ct * outh * outw * oc * B)) / L2;
      const compLow = ((ct * kernelB) / f / F) * ic * density * Math.max(1, (nc * outh * outw) / P);
      if (slackened(addMode, compLow, memLow) >= cut) continue;
    }
    let rho = -1;
    for (const ht of spaceH) {
      const nch = nc * Math.ceil(outh / ht);
      const piH = ng * cgIn * (ht + ks - 1) * stride; // [Q7] (h_t + ks − 1)·stride, exact
      const cth = ct * ht;
      if (!first || seeded) {
        const memLow = dramS + (nch * (pw + piH * haloW * ic * B + cth * outw * oc * B)) / L2;
        const workLow = ((cth * kernelB) / f / F) * ic * Math.max(1, (nch * outw) / P);
        if (slackened(addMode, workLow * density, memLow) >= cut) continue;
        if (rho < 0) rho = maxChannelDensity(nc, ct, density, groupSize);
        if (slackened(addMode, workLow * rho, memLow) >= cut) continue;
      } else if (rho < 0) rho = maxChannelDensity(nc, ct, density, groupSize);
      for (let wi = 0; wi < spaceW.length; wi++) {
        const T = nch * nwOf[wi]!;
        const pi = piH * wSpanOf[wi]!;
        const po = cth * spaceW[wi]!;
        const a = (pw + pi * ic * B + po * oc * B) * T;
        const mem = dramS + a / L2 / effW[wi]!;
        // Exact pruning: compute ≥ 0, so this candidate cannot be strictly better (add and max modes).
        if ((!first || seeded) && mem >= cut) continue;
        // [Q6] input density applied twice: as ic here and inside rho = ρ(ic·oc).
        const pc = ((po * kernelB) / f / F) * ic * rho;
        // ceil_eff(c_t·h_t·w_t, Π) inlined (hot loop).
        const comp = (pc / (po / (Math.ceil(po / Pi) * Pi))) * Math.ceil(T / P);
        const lat = addMode ? comp + mem : Math.max(comp, mem);
        if (first || lat < bestLat) {
          first = false;
          bestLat = lat;
          if (lat < cut) cut = lat;
          bestComp = comp;
          bestMem = mem;
          bestC = ct;
          bestH = ht;
          bestW = spaceW[wi]!;
          bestT = T;
        }
      }
    }
  }
  p.memo.stats.candidates += spaceC.length * spaceH.length * spaceW.length;
  return {
    latencyS: bestLat,
    computeS: bestComp,
    memoryS: bestMem,
    tile: Object.freeze({ c: bestC, h: bestH, w: bestW, nTiles: bestT }),
  };
}

/**
 * The latency `runConvSearch` computes for one candidate tile, with its operations in the same order
 * (the seed of a search: only an upper bound of its best is needed, see `strictCut`).
 */
function convCandidateLatency(
  p: Predictor,
  cout: number,
  cin: number,
  outh: number,
  outw: number,
  groups: number,
  stride: number,
  ks: number,
  ic: number,
  oc: number,
  groupSize: number,
  tile: Tile,
): number {
  const { B, f, F, P, Pi, L2, m, addMode } = p;
  const { cgIn, cgOut, dramS, density, kernelB } = convConstants(
    p,
    cout,
    cin,
    outh,
    outw,
    groups,
    stride,
    ks,
    ic,
    oc,
  );
  const { c: ct, h: ht, w: wt } = tile;
  const nc = Math.ceil(cout / ct);
  let pw = ct * cgIn * ks * ks;
  if (B === 1) pw = pw * density; // [Q8]
  const ng = Math.ceil(ct / cgOut);
  const rho = maxChannelDensity(nc, ct, density, groupSize);
  const nch = nc * Math.ceil(outh / ht);
  const piH = ng * cgIn * (ht + ks - 1) * stride; // [Q7]
  const cth = ct * ht;
  const T = nch * Math.ceil(outw / wt);
  const pi = piH * ((wt + ks - 1) * stride);
  const po = cth * wt;
  const a = (pw + pi * ic * B + po * oc * B) * T;
  const mem = dramS + a / L2 / memEff(wt, outw - wt, m);
  const pc = ((po * kernelB) / f / F) * ic * rho; // [Q6]
  const comp = (pc / (po / (Math.ceil(po / Pi) * Pi))) * Math.ceil(T / P);
  return addMode ? comp + mem : Math.max(comp, mem);
}
