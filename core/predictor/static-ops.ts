/** Static (dense) operators of the latency model (latency spec §3). Searches are memoised per predictor. */
import { latencyOnly, type OpResult, type Predictor } from './context';
import { searchConvTile, type SearchResult } from './conv-search';
import { ceilEff } from './helpers';
import { tileSearchSpace } from './search-space';

export { searchConvTile, type SearchResult };

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
