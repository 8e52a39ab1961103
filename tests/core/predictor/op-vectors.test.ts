import { describe, expect, it } from 'vitest';
import {
  searchBroadcastMult,
  searchGlobalAvgPool,
  simulateAdd,
  simulateAvgPool,
  simulateChannelMaskerPredictor,
  simulateConv,
  simulateDynamicConv,
  simulateDynamicSe,
  simulateFc,
  simulateGather,
  simulateMaskerConv1,
  simulateScatter,
  simulateScatterAdd,
  simulateSe,
  type OpResult,
  type Predictor,
} from '../../../core/predictor';
import { ErrorTally, loadCsv, num, referencePredictor, relErr, type Row } from './reference-data';

const flag = (row: Row, col: string): boolean => num(row, col) === 1;

function evaluate(p: Predictor, r: Row): OpResult {
  switch (r.op) {
    case 'conv':
      return simulateConv(
        p,
        num(r, 'cin'),
        num(r, 'cout'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'ks'),
        num(r, 'groups'),
        num(r, 'stride'),
      );
    case 'add':
      return simulateAdd(p, num(r, 'c'), num(r, 'h'), num(r, 'w'));
    case 'fc':
      return simulateFc(p, num(r, 'cin'), num(r, 'cout'));
    case 'avg_pool':
      return simulateAvgPool(p, num(r, 'c'), num(r, 'h'), num(r, 'w'), num(r, 'oh'), num(r, 'ow'));
    case 'se':
      return simulateSe(p, num(r, 'c'), num(r, 'h'), num(r, 'w'), num(r, 'squeeze_channels'));
    case 'global_avg_pool_search':
      return { ...searchGlobalAvgPool(p, num(r, 'c'), num(r, 'h'), num(r, 'w')) };
    case 'broadcast_mult_search':
      return { ...searchBroadcastMult(p, num(r, 'c'), num(r, 'h'), num(r, 'w')) };
    case 'pe_reduce':
      return {
        latencyS: p.peReduce(num(r, 'c'), num(r, 'n_elements')),
        computeS: null,
        memoryS: null,
        tile: null,
      };
    case 'gather':
      return simulateGather(
        p,
        num(r, 'c'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'granul_size'),
        num(r, 'density'),
        num(r, 'granul_size_pad'),
      );
    case 'scatter':
      return simulateScatter(
        p,
        num(r, 'c'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'granul_size'),
        num(r, 'density'),
      );
    case 'scatter_add':
      return simulateScatterAdd(
        p,
        num(r, 'c'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'granul_size'),
        num(r, 'density'),
      );
    case 'dynamic_conv':
      return simulateDynamicConv(
        p,
        {
          cin: num(r, 'cin'),
          cout: num(r, 'cout'),
          inh: num(r, 'h'),
          inw: num(r, 'w'),
          ks: num(r, 'ks'),
          groups: num(r, 'groups'),
          stride: num(r, 'stride'),
          granularity: num(r, 'granul_size'),
          withIndexing: flag(r, 'with_indexing'),
          ic: num(r, 'ic_density'),
          oc: num(r, 'oc_density'),
          groupSize: num(r, 'c_n_groups'),
          spatialMasker: flag(r, 'spatial_masker'),
        },
        num(r, 'density'),
      );
    case 'masker_conv1':
      return simulateMaskerConv1(p, {
        cin: num(r, 'cin'),
        cout: num(r, 'cout'),
        h: num(r, 'h'),
        w: num(r, 'w'),
        granularity: num(r, 'granul_size'),
        density: num(r, 'density'),
        testNoFuse: flag(r, 'test_nofuse'),
        cDensity: num(r, 'c_density'),
        nCDyGroup: num(r, 'n_c_dy_group'),
        channelMasker: flag(r, 'channel_masker'),
        hidden: num(r, 'channel_masker_hid_size'),
        spatialMasker: flag(r, 'spatial_masker'),
        noFuse: flag(r, 'no_fuse'),
      });
    case 'channel_masker_predictor':
      return simulateChannelMaskerPredictor(
        p,
        num(r, 'cin'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'n_c_dy_group'),
        num(r, 'n_fc_layers'),
        r.reduction_size === '' ? undefined : num(r, 'reduction_size'),
      );
    case 'dynamic_se':
      return simulateDynamicSe(
        p,
        num(r, 'c'),
        num(r, 'h'),
        num(r, 'w'),
        num(r, 'squeeze_channels'),
        num(r, 'granul_size'),
        num(r, 'density'),
      );
    default:
      throw new Error(`unknown op ${r.op}`);
  }
}

const optional = (r: Row, col: string): number | null => (r[col] === '' ? null : Number(r[col]));

/**
 * Tolerance of a stochastic row without an exact expectation against the official seed-0 `latency_s`, read from
 * the data: the largest gap between seed 0 and the exact expectation over the rows that give both. The reference
 * README's 5e-3 is the spread of whole models (sums of many draws); one operator is one Monte-Carlo estimate and
 * its seed-0 value lies up to 1.6 % from the expectation, which this implementation reproduces to 1e-9.
 */
function seedTolerance(rows: readonly Row[]): number {
  let tol = 0;
  for (const r of rows)
    if (r.stochastic === '1' && r.latency_expectation_s !== '')
      tol = Math.max(tol, relErr(num(r, 'latency_expectation_s'), num(r, 'latency_s')));
  return tol;
}

describe('operator reference vectors (op_vectors.csv)', () => {
  it('reproduces every operator row: deterministic within 1e-9, stochastic against the expectation or seed 0', () => {
    const rows = loadCsv('op_vectors.csv');
    const seedTol = seedTolerance(rows);
    expect(seedTol).toBeGreaterThan(0);
    expect(seedTol).toBeLessThan(0.02);
    const tally = new ErrorTally();
    const stochTally = new ErrorTally();
    const seedTally = new ErrorTally();
    let tiles = 0;
    for (const [i, r] of rows.entries()) {
      const p = referencePredictor(r.hardware!);
      expect(p.B).toBe(num(r, 'batch_size'));
      expect(p.m).toBe(num(r, 'mem_concurrent_fp32'));
      const id = `${r.op} ${r.hardware} row ${i + 2}`;
      const res = evaluate(p, r);
      if (r.stochastic === '1') {
        // The Monte-Carlo run's split and tile are not comparable. A row with the exact expectation is compared
        // with it; a row without one (tile and channel-group sizes not dividing) with the official seed-0 value.
        if (r.latency_expectation_s !== '')
          stochTally.check(`${id} latency`, res.latencyS, num(r, 'latency_expectation_s'));
        else seedTally.check(`${id} latency vs seed 0`, res.latencyS, num(r, 'latency_s'), seedTol);
        continue;
      }
      tally.check(`${id} latency`, res.latencyS, num(r, 'latency_s'));
      if (r.op !== 'se' && r.op !== 'dynamic_se' && r.op !== 'pe_reduce') {
        tally.check(`${id} compute`, res.computeS, optional(r, 'compute_latency_s'));
        tally.check(`${id} memory`, res.memoryS, optional(r, 'memory_latency_s'));
      }
      if (r.tile_c !== '') {
        // A row with a reference tile must get one: a missing tile is a failure, not a pass.
        tiles++;
        const t = res.tile;
        const want = [
          num(r, 'tile_c'),
          num(r, 'tile_h'),
          num(r, 'tile_w'),
          optional(r, 'tile_npp'),
          num(r, 'tile_n_tiles'),
        ];
        const got = t ? [t.c, t.h, t.w, t.npp ?? null, t.nTiles] : null;
        if (JSON.stringify(got) !== JSON.stringify(want))
          tally.failures.push(`${id} tile ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      }
    }
    console.log(
      `op_vectors: ${rows.length} rows compared; deterministic: ${tally.compared} values (latency, compute, memory) ` +
        `and ${tiles} tiles, max rel error ${tally.maxErr.toExponential(3)}; stochastic vs latency_expectation_s: ` +
        `${stochTally.compared} rows, max rel error ${stochTally.maxErr.toExponential(3)}; stochastic without ` +
        `expectation vs seed-0 latency_s: ${seedTally.compared} rows, max rel error ` +
        `${seedTally.maxErr.toExponential(3)} (tolerance ${seedTol.toExponential(3)})`,
    );
    expect(tally.failures.slice(0, 20)).toEqual([]);
    expect(stochTally.failures.slice(0, 20)).toEqual([]);
    expect(seedTally.failures.slice(0, 20)).toEqual([]);
    // Nothing is left out: every stochastic row and every reference tile is compared.
    const stochastic = rows.filter((r) => r.stochastic === '1');
    expect(stochTally.compared + seedTally.compared).toBe(stochastic.length);
    expect(seedTally.compared).toBe(
      stochastic.filter((r) => r.latency_expectation_s === '').length,
    );
    expect(tiles).toBe(rows.filter((r) => r.stochastic !== '1' && r.tile_c !== '').length);
    expect(rows.length).toBeGreaterThan(5000);
  });
});
