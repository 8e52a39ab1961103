/** Static (dense) operators of the latency model (latency spec §3). Searches are memoised per predictor. */
import { latencyOnly, type OpResult, type Predictor, type Tile } from './context';
import { maxChannelDensity } from './density';
import { ceilEff, memEff } from './helpers';
import { slackened } from './pruning';
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
  const key = `conv|${cout}|${cin}|${outh}|${outw}|${groups}|${stride}|${ks}|${ic}|${oc}|${groupSize}`;
  return p.memoSearch(key, () =>
    runConvSearch(p, cout, cin, outh, outw, groups, stride, ks, ic, oc, groupSize),
  );
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
): SearchResult {
  const { B, f, F, P, Pi, M, L2, m, addMode } = p;
  const cgIn = Math.floor(cin / groups);
  const cgOut = Math.floor(cout / groups);
  const spaceC = tileSearchSpace(cout);
  const spaceH = tileSearchSpace(outh);
  const spaceW = tileSearchSpace(outw);
  let weights = cout * cgIn * ks * ks;
  if (B === 1) weights = weights * oc; // [Q8] DRAM weights scaled by oc only, and only at batch 1
  const input = cin * outh * stride * outw * stride * B * ic; // [Q7] not cin·inh·inw
  const output = cout * outh * outw * B * oc;
  const dramS = (weights + input + output) / M;
  const density = ic * oc;
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
  // c_t·h_t·w_t·Cg_in·ks·ks·B is an exact integer product, so po·(Cg_in·ks·ks·B) gives the same value.
  const kernelB = cgIn * ks * ks * B;
  // Exact pruning (spec §2.6 keeps the first strict minimum): a c_t block or an h_t row is skipped when a
  // real-arithmetic lower bound of all its candidates' latencies, slackened for rounding (pruning.ts), is not
  // below the best so far. Bounds use ⌈x/y⌉·y ≥ x, (t + ks − 1)·⌈n/t⌉ ≥ n + ks − 1, ⌈T/P⌉ ≥ max(1, T/P),
  // mem_eff ≤ 1, ceil_eff ≤ 1 and ρ ≥ ic·oc (ρ_E is clamped at its density), so the costly ρ_E is only
  // computed for a c_t with a surviving row.
  const haloW = (outw + ks - 1) * stride;
  for (const ct of spaceC) {
    const nc = Math.ceil(cout / ct);
    let pw = ct * cgIn * ks * ks;
    if (B === 1) pw = pw * density; // [Q8] per-tile weights scaled by ic·oc
    const ng = Math.ceil(ct / cgOut);
    if (!first) {
      const inLow = ng * cgIn * (outh + ks - 1) * stride * haloW * ic * B;
      const memLow = dramS + (nc * (pw + inLow + ct * outh * outw * oc * B)) / L2;
      const compLow = ((ct * kernelB) / f / F) * ic * density * Math.max(1, (nc * outh * outw) / P);
      if (slackened(addMode, compLow, memLow) >= bestLat) continue;
    }
    let rho = -1;
    for (const ht of spaceH) {
      const nch = nc * Math.ceil(outh / ht);
      const piH = ng * cgIn * (ht + ks - 1) * stride; // [Q7] (h_t + ks − 1)·stride, exact
      const cth = ct * ht;
      if (!first) {
        const memLow = dramS + (nch * (pw + piH * haloW * ic * B + cth * outw * oc * B)) / L2;
        const workLow = ((cth * kernelB) / f / F) * ic * Math.max(1, (nch * outw) / P);
        if (slackened(addMode, workLow * density, memLow) >= bestLat) continue;
        if (rho < 0) rho = maxChannelDensity(nc, ct, density, groupSize);
        if (slackened(addMode, workLow * rho, memLow) >= bestLat) continue;
      } else if (rho < 0) rho = maxChannelDensity(nc, ct, density, groupSize);
      for (let wi = 0; wi < spaceW.length; wi++) {
        const T = nch * nwOf[wi]!;
        const pi = piH * wSpanOf[wi]!;
        const po = cth * spaceW[wi]!;
        const a = (pw + pi * ic * B + po * oc * B) * T;
        const mem = dramS + a / L2 / effW[wi]!;
        // Exact pruning: compute ≥ 0, so this candidate cannot be strictly better (add and max modes).
        if (!first && mem >= bestLat) continue;
        // [Q6] input density applied twice: as ic here and inside rho = ρ(ic·oc).
        const pc = ((po * kernelB) / f / F) * ic * rho;
        // ceil_eff(c_t·h_t·w_t, Π) inlined (hot loop).
        const comp = (pc / (po / (Math.ceil(po / Pi) * Pi))) * Math.ceil(T / P);
        const lat = addMode ? comp + mem : Math.max(comp, mem);
        if (first || lat < bestLat) {
          first = false;
          bestLat = lat;
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

/** A search result as a launched kernel's report: latency + τ. */
export function launched(p: Predictor, s: SearchResult): OpResult {
  return { latencyS: s.latencyS + p.tau, computeS: s.computeS, memoryS: s.memoryS, tile: s.tile };
}

/** `simulate_conv(cin, cout, inh, inw, ks, groups, stride)`: dense conv at densities 1 (spec §3.1). */
export function simulateConv(
  p: Predictor,
  cin: number,
  cout: number,
  inh: number,
  inw: number,
  ks: number,
  groups = 1,
  stride = 1,
): OpResult {
  const outh = Math.floor(inh / stride);
  const outw = Math.floor(inw / stride);
  return launched(p, searchConvTile(p, cout, cin, outh, outw, groups, stride, ks));
}

/** `simulate_add(c, h, w)`: element-wise add (spec §3.2). */
export function simulateAdd(p: Predictor, c: number, h: number, w: number): OpResult {
  const s = p.memoSearch(`add|${c}|${h}|${w}`, () => {
    const { B, f, F, P, Pi, M } = p;
    const spaceC = tileSearchSpace(c);
    const spaceH = tileSearchSpace(h);
    const spaceW = tileSearchSpace(w);
    let best: SearchResult | null = null;
    for (const ct of spaceC) {
      for (const ht of spaceH) {
        for (const wt of spaceW) {
          const v = ct * ht * wt;
          const T = Math.ceil(c / ct) * Math.ceil(h / ht) * Math.ceil(w / wt);
          const pmem = (2 * v + v) / M;
          const pc = v / f / F;
          let comp = (pc / ceilEff(v, Pi)) * Math.ceil(T / P);
          let mem = pmem * T;
          if (B > 1) {
            mem = mem * B;
            comp = comp * B;
          }
          const lat = p.combine(comp, mem);
          if (best === null || lat < best.latencyS) {
            best = {
              latencyS: lat,
              computeS: comp,
              memoryS: mem,
              tile: { c: ct, h: ht, w: wt, nTiles: T },
            };
          }
        }
      }
    }
    p.memo.stats.candidates += spaceC.length * spaceH.length * spaceW.length;
    return best!;
  });
  return launched(p, s);
}

/** `simulate_avg_pool(c, h, w, oh, ow)`: memory-only, no search (spec §3.3). */
export function simulateAvgPool(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  oh: number,
  ow: number,
): OpResult {
  const inN = c * h * w;
  const outN = c * oh * ow;
  const a = inN + oh * ow * c;
  const mem = ((inN + outN) / p.M) * p.B + (a * p.B) / p.L2;
  return { latencyS: mem + p.tau, computeS: 0, memoryS: mem, tile: null };
}

/** `search_global_avg_pool_tile_cfg(c, h, w)` (spec §3.4); latency without launch time. */
export function searchGlobalAvgPool(p: Predictor, c: number, h: number, w: number): SearchResult {
  return p.memoSearch(`gap|${c}|${h}|${w}`, () => {
    const { B, f, F, P, Pi, M, L2 } = p;
    let best: SearchResult | null = null;
    // An explicit ascending loop over powers of two, not a set: no iteration-order subtlety here.
    for (let j = 0; j < 8; j++) {
      const ct = 2 ** j;
      if (ct > 2 * c) break;
      const nc = Math.ceil(c / ct);
      const T = nc * h * w;
      const e = ceilEff(ct, Pi);
      const pmem1 = ct / M + ct / L2;
      const pc = ct / f / F;
      const pmem2 = (ct * h * w) / L2 + ct / L2;
      const comp = (pc / e) * Math.ceil(T / P) + p.peReduce(ct, h * w);
      const mem = (pmem1 * T + pmem2 * nc) * B; // [Q9] phase-1 compute is not multiplied by B
      const lat = p.combine(comp, mem);
      if (best === null || lat < best.latencyS) {
        best = {
          latencyS: lat,
          computeS: comp,
          memoryS: mem,
          tile: { c: ct, h: 1, w: 1, nTiles: T },
        };
      }
    }
    return best!;
  });
}

/** `search_spatial_broadcast_mult_cfg(c, h, w)`: SE excitation multiply (spec §3.5); no launch time. */
export function searchBroadcastMult(p: Predictor, c: number, h: number, w: number): SearchResult {
  return p.memoSearch(`bmul|${c}|${h}|${w}`, () => {
    const { B, f, F, P, Pi } = p;
    const spaceC = tileSearchSpace(c);
    const spaceH = tileSearchSpace(h);
    const spaceW = tileSearchSpace(w);
    const tot = 2 * c * h * w + c;
    let best: SearchResult | null = null;
    for (const ct of spaceC) {
      for (const ht of spaceH) {
        for (const wt of spaceW) {
          const v = ct * ht * wt;
          const T = Math.ceil(c / ct) * Math.ceil(h / ht) * Math.ceil(w / wt);
          let mem = p.memlat((2 * v + ct) * T, tot, wt, w - wt);
          let comp = (v / f / F / ceilEff(v, Pi)) * Math.ceil(T / P);
          if (B > 1) {
            mem = mem * B;
            comp = comp * B;
          }
          const lat = p.combine(comp, mem);
          if (best === null || lat < best.latencyS) {
            best = {
              latencyS: lat,
              computeS: comp,
              memoryS: mem,
              tile: { c: ct, h: ht, w: wt, nTiles: T },
            };
          }
        }
      }
    }
    p.memo.stats.candidates += spaceC.length * spaceH.length * spaceW.length;
    return best!;
  });
}

/**
 * `simulate_fc(cin, cout)` (spec §3.6). [Q10] The "number of tiles" is the product of the tile sizes and the
 * request gap is the full `cin`, so tiny tiles win; the tile reports `nTiles` as that product.
 */
export function simulateFc(p: Predictor, cin: number, cout: number): OpResult {
  const s = p.memoSearch(`fc|${cin}|${cout}`, () => {
    const { B, f, F, P, Pi } = p;
    const spaceO = tileSearchSpace(cout);
    const spaceI = tileSearchSpace(cin);
    const tot = (cin * cout + cin + cout) * B;
    let best: SearchResult | null = null;
    for (const cot of spaceO) {
      for (const cit of spaceI) {
        const T = cot * cit; // [Q10]
        const a = (cot * cit + cit + cot) * T * B;
        const mem = p.memlat(a, tot, cit, cin); // [Q10] gap = cin
        const pc = (cit * cot * B) / f / F;
        const comp = (pc / ceilEff(cit * cot * B, Pi)) * Math.ceil(T / P);
        const lat = p.combine(comp, mem);
        if (best === null || lat < best.latencyS) {
          best = {
            latencyS: lat,
            computeS: comp,
            memoryS: mem,
            tile: { c: cot, h: 1, w: cit, nTiles: T },
          };
        }
      }
    }
    p.memo.stats.candidates += spaceO.length * spaceI.length;
    return best!;
  });
  return launched(p, s);
}

/** `simulate_se(c, h, w, s)`: pool, two FCs, excitation multiply; latency-only (spec §3.7). */
export function simulateSe(
  p: Predictor,
  c: number,
  h: number,
  w: number,
  squeeze: number,
): OpResult {
  const pool = searchGlobalAvgPool(p, c, h, w).latencyS;
  const fc1 = simulateFc(p, c, squeeze);
  const fc2 = simulateFc(p, squeeze, c);
  const mult = searchBroadcastMult(p, c, h, w).latencyS;
  return latencyOnly(pool + p.tau + mult + p.tau + (fc1.latencyS + fc2.latencyS));
}
