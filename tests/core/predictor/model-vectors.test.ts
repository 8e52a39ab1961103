import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture, type ArchitectureSpec } from '../../../core/arch';
import { predictNetwork, predictStaticLatency, type StageMode } from '../../../core/predictor';
import { ErrorTally, loadCsv, num, referencePredictor, type Row } from './reference-data';

const dashList = (s: string): number[] => s.split('-').map(Number);

/** Per-stage per-block rates of a row: uniform rows repeat `rate`, non-uniform rows list every block. */
function rowRates(r: Row): number[][] {
  const perStage = dashList(r.blocks_per_stage!);
  const flat = r.rate_kind === 'uniform' ? null : dashList(r.rate!);
  let k = 0;
  return perStage.map((n) => Array.from({ length: n }, () => (flat ? flat[k++]! : num(r, 'rate'))));
}

/** Tolerance of a stochastic row against the official seed-0 `latency_s` (reference README: whole models). */
const SEED_TOL = 5e-3;

/**
 * The network a row evaluates. `eval_example_literal` rows ([Q27]) run eval_example.py's hard-coded ResNet-50
 * block lists (3-4-6-3) over the model's own stage tables, so the blocks per stage come from the row.
 */
function rowArch(r: Row): ArchitectureSpec {
  const arch = findBuiltinArchitecture(r.model!);
  if (!arch) throw new Error(`unknown model ${r.model}`);
  if (r.rate_kind !== 'eval_example_literal') return arch;
  const blocks = dashList(r.blocks_per_stage!);
  return { ...arch, stages: arch.stages.map((s, i) => ({ ...s, blocks: blocks[i]! })) };
}

describe('whole-model reference vectors (model_vectors.csv)', () => {
  it('reproduces every model row: deterministic within 1e-9, stochastic within 5e-3 of seed 0', () => {
    const rows = loadCsv('model_vectors.csv');
    const det = new ErrorTally();
    const stoch = new ErrorTally();
    const seed = new ErrorTally();
    let literal = 0;
    for (const [i, r] of rows.entries()) {
      const realArch = findBuiltinArchitecture(r.model!)!;
      const arch = rowArch(r);
      if (arch !== realArch) literal++;
      const p = referencePredictor(r.hardware!);
      expect(p.B).toBe(num(r, 'batch_size'));
      const id = `row ${i + 2} ${r.model} ${r.hardware} ${r.mode} ${r.rate_kind} g=${r.granularity} gc=${r.channel_granularity} rate=${r.rate}`;
      // The static total is always that of the real model (the script's static sum uses the right block counts).
      const staticS = predictStaticLatency(p, realArch);
      det.check(`${id} static`, staticS, num(r, 'static_latency_s'));
      if (r.mode === 'static') {
        det.check(`${id} latency`, staticS, num(r, 'latency_s'));
        continue;
      }
      const n = arch.stages.length;
      const pred = predictNetwork(p, {
        arch,
        modes: new Array<StageMode>(n).fill(r.mode as StageMode),
        granularity: dashList(r.granularity!),
        channelGranularity: dashList(r.channel_granularity!),
        rates: rowRates(r),
      });
      expect(pred.blocks).toHaveLength(dashList(r.blocks_per_stage!).reduce((a, b) => a + b));
      if (arch === realArch)
        det.check(`${id} prediction static`, pred.staticLatencyS, num(r, 'static_latency_s'));
      const ratio = pred.latencyS / staticS;
      if (r.stochastic === '1') {
        seed.check(`${id} latency vs seed 0`, pred.latencyS, num(r, 'latency_s'), SEED_TOL);
        if (r.latency_expectation_s === '')
          throw new Error(`${id}: stochastic row without expectation`);
        stoch.check(`${id} latency`, pred.latencyS, num(r, 'latency_expectation_s'));
        stoch.check(`${id} ratio`, ratio, num(r, 'ratio_expectation'));
      } else {
        det.check(`${id} latency`, pred.latencyS, num(r, 'latency_s'));
        det.check(`${id} ratio`, ratio, num(r, 'ratio'));
      }
    }
    console.log(
      `model_vectors: ${rows.length} rows compared (${literal} eval_example_literal rows, Q27); deterministic values: ` +
        `${det.compared}, max rel error ${det.maxErr.toExponential(3)}; stochastic rows vs latency_expectation_s: ` +
        `${stoch.compared / 2} rows, max rel error ${stoch.maxErr.toExponential(3)}; vs seed-0 latency_s: ` +
        `${seed.compared} rows, max rel error ${seed.maxErr.toExponential(3)}`,
    );
    expect(det.failures.slice(0, 20)).toEqual([]);
    expect(stoch.failures.slice(0, 20)).toEqual([]);
    expect(seed.failures.slice(0, 20)).toEqual([]);
    expect(literal).toBe(rows.filter((r) => r.rate_kind === 'eval_example_literal').length);
    expect(literal).toBeGreaterThan(0);
    expect(seed.compared).toBe(rows.filter((r) => r.stochastic === '1').length);
    expect(det.compared).toBeGreaterThan(3000);
  });
});
