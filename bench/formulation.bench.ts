// Formulation benchmarks (issue 4): the solvers run on every click in the UI and the mask geometry per
// block per frame. Prints medians (ms) of warm runs (predictor memo tables filled by a first call).
// Targets: FLOPs-target solve < 20 ms, latency-budget solve < 100 ms, auto-granularity < 500 ms cold /
// < 50 ms warm, conv1 mask of a 56×56 block < 0.1 ms, config parse < 2 ms.
import { defaultConfig, parseConfig, serializeConfig } from '../core/config';
import { configFlops } from '../core/flops';
import { blockMasks, expectedConv1Density, gridForRate } from '../core/masks/geometry';
import { resetPredictorCaches } from '../core/predictor';
import { autoGranularity, ratesForFlopsTarget, ratesForLatencyBudget } from '../core/solvers';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function time(label: string, runs: number, fn: () => void, targetMs: number): void {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  const m = median(ts);
  console.log(
    `${label.padEnd(58)} median ${m.toFixed(4).padStart(10)} ms  (target < ${targetMs} ms) ${m < targetMs ? 'ok' : 'SLOW'}`,
  );
}

const r50 = defaultConfig('resnet50', 'v100');
const r101 = defaultConfig('resnet101', 'v100');

time('configFlops, ResNet-101', 50, () => void configFlops(r101), 2);
time(
  'ratesForFlopsTarget ResNet-101, t = 0.5, uniform',
  20,
  () => void ratesForFlopsTarget(r101, 0.5),
  20,
);
time(
  'ratesForFlopsTarget ResNet-101, t = 0.5, proportional',
  20,
  () => void ratesForFlopsTarget(r101, 0.5, 'proportional'),
  20,
);

resetPredictorCaches();
time(
  'ratesForLatencyBudget ResNet-50 V100, 0.7 ms (first, cold)',
  1,
  () => void ratesForLatencyBudget(r50, 0.7),
  2000,
);
time(
  'ratesForLatencyBudget ResNet-50 V100, 0.7 ms (warm)',
  10,
  () => void ratesForLatencyBudget(r50, 0.7),
  100,
);
time(
  'ratesForLatencyBudget ResNet-101 V100, 1.3 ms (warm after one)',
  5,
  () => void ratesForLatencyBudget(r101, 1.3),
  100,
);

resetPredictorCaches();
time(
  'autoGranularity ResNet-50 V100 spatial (cold)',
  1,
  () => void autoGranularity(r50, { mode: 'spatial', rate: 0.5 }),
  2000,
);
time(
  'autoGranularity ResNet-50 V100 spatial (warm)',
  10,
  () => void autoGranularity(r50, { mode: 'spatial', rate: 0.5 }),
  50,
);
time(
  'autoGranularity ResNet-50 V100 channel (warm after one)',
  5,
  () => void autoGranularity(r50, { mode: 'channel', rate: 0.5 }),
  200,
);

const grid = gridForRate(0.5, 14, 14);
time(
  'blockMasks 14×14 grid → 56×56 conv1/conv2/conv3',
  1000,
  () => void blockMasks(grid, 4, { inSize: 56, outSize: 56, stride: 1 }),
  0.1,
);
const grid1 = gridForRate(0.5, 28, 28);
time(
  'blockMasks stride 2, 28×28 grid at S = 1 → 56×56 conv1',
  1000,
  () => void blockMasks(grid1, 1, { inSize: 56, outSize: 28, stride: 2 }),
  0.1,
);
time(
  'expectedConv1Density 56×56, S = 1',
  1000,
  () => void expectedConv1Density(0.5, 1, { inSize: 56, outSize: 56, stride: 1 }),
  0.05,
);
const text = serializeConfig(r101);
time('parseConfig (ResNet-101 default)', 200, () => void parseConfig(text), 2);
