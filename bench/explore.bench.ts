// Design-space explorer (issue 16, acceptance 1): configurations evaluated per second and the time for
// 10,000 configurations, cold (predictor memo tables emptied, tables built) and warm, in one Node thread.
// The app splits the same work over two Web Workers (bench/explore-ui.bench.mjs measures it in Chromium).
// Target: 10,000 configurations in < 3 s. Wall-clock figures depend on the machine's load (printed).
import { loadavg } from 'node:os';
import { findBuiltinArchitecture } from '../core/arch';
import {
  buildSpace,
  evaluateRange,
  explore,
  flopsTables,
  latencyTables,
  type ExploreSpec,
} from '../core/explore';
import { createPredictor, resetPredictorCaches, resolveHardware } from '../core/predictor';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The app's default space: every mode, every valid S and G, rates 0.3 … 0.9, trainable only. */
const SPEC: ExploreSpec = {
  modes: ['static', 'spatial', 'channel', 'layer'],
  rates: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  rateScope: 'global',
  trainableOnly: true,
};
const arch = findBuiltinArchitecture('resnet50')!;
const v100 = { id: 'v100', params: resolveHardware('v100') };

console.log(
  `load average (1, 5, 15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);

// 10,000 configurations, cold: memo tables emptied, space and tables built, then evaluated.
const N = 10_000;
const cold: number[] = [];
const warm: number[] = [];
for (let run = 0; run < 5; run++) {
  resetPredictorCaches();
  const t0 = performance.now();
  const built = buildSpace(arch, SPEC);
  if (!built.ok) throw new Error(built.error);
  const space = built.value;
  const flops = flopsTables(space);
  const lat = [latencyTables(createPredictor(v100.params), space)];
  const out = { flopsRatio: new Float64Array(N), latencyS: [new Float64Array(N)] };
  evaluateRange(space, flops, lat, 0, N, out);
  cold.push(performance.now() - t0);
  const t1 = performance.now();
  evaluateRange(space, flops, lat, 0, N, out);
  warm.push(performance.now() - t1);
}
console.log(
  `ResNet-50 on V100, ${fmt(N)} configurations: cold ${median(cold).toFixed(1)} ms (tables included), ` +
    `warm ${median(warm).toFixed(2)} ms (median of 5; target < 3,000 ms)`,
);

// The whole default space, with its front, one thread.
for (const [id, devices] of [
  ['V100', [v100]],
  ['V100 + Jetson TX2', [v100, { id: 'tx2', params: resolveHardware('tx2') }]],
] as const) {
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < 3; run++) {
    resetPredictorCaches();
    const t0 = performance.now();
    const r = explore(arch, SPEC, devices);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error);
    size = r.value.space.size;
  }
  const ms = median(times);
  console.log(
    `ResNet-50 default space on ${id}: ${fmt(size)} configurations in ${ms.toFixed(0)} ms ` +
      `(${fmt((size / ms) * 1000)} configurations/s, fronts included, one thread, median of 3)`,
  );
}
