// Predictor benchmarks (issue 3, acceptance 3): cold and warm whole-model evaluation of ResNet-101 on V100
// (spatial 4-4-2-1, rate 0.5), and a 588-point sweep (4 modes × 7 granularity settings × 21 rates).
// Prints medians over repeated runs. Targets: warm evaluation < 50 µs, sweep < 100 ms.
import { findBuiltinArchitecture } from '../core/arch';
import {
  createPredictor,
  predictNetwork,
  resetPredictorCaches,
  resolveHardware,
  uniformRates,
  type NetworkRequest,
  type StageMode,
} from '../core/predictor';

const arch = findBuiltinArchitecture('resnet101')!;
const p = createPredictor(resolveHardware('v100'));
const all = <T>(v: T): T[] => [v, v, v, v];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const nowMs = (): number => performance.now();

const request: NetworkRequest = {
  arch,
  modes: all<StageMode>('spatial'),
  granularity: [4, 4, 2, 1],
  channelGranularity: all(1),
  rates: uniformRates(arch, 0.5),
};

// Cold: every memo table and the density cache emptied before each run.
const cold: number[] = [];
for (let i = 0; i < 7; i++) {
  resetPredictorCaches();
  const t0 = nowMs();
  predictNetwork(p, request);
  cold.push(nowMs() - t0);
}

// Warm: searches memoised; a warm-up lets the JIT settle, then each sample times a batch of evaluations
// to beat the timer resolution.
for (let k = 0; k < 2000; k++) predictNetwork(p, request);
const warm: number[] = [];
const perBatch = 200;
for (let i = 0; i < 51; i++) {
  const t0 = nowMs();
  for (let k = 0; k < perBatch; k++) predictNetwork(p, request);
  warm.push(((nowMs() - t0) / perBatch) * 1000);
}

const spatialLists = [
  [1, 1, 1, 1],
  [2, 2, 2, 1],
  [4, 4, 2, 1],
  [8, 4, 2, 1],
  [7, 7, 7, 7],
  [14, 14, 7, 7],
  [28, 14, 7, 7],
];
const channelLists = [
  [1, 1, 1, 1],
  [2, 2, 2, 2],
  [4, 4, 4, 4],
  [8, 8, 8, 8],
  [1, 2, 4, 8],
  [16, 16, 16, 16],
  [32, 32, 32, 32],
];
const modes: StageMode[] = ['static', 'spatial', 'channel', 'layer'];
const rates = Array.from({ length: 21 }, (_, k) => k / 20);

function sweep(): number {
  let points = 0;
  for (const mode of modes) {
    for (let gi = 0; gi < 7; gi++) {
      const granularity = mode === 'spatial' ? spatialLists[gi]! : all(1);
      const channelGranularity = mode === 'channel' ? channelLists[gi]! : all(1);
      for (const rate of rates) {
        predictNetwork(p, {
          arch,
          modes: all(mode),
          granularity,
          channelGranularity,
          rates: uniformRates(arch, rate),
        });
        points++;
      }
    }
  }
  return points;
}

const coldSweep: number[] = [];
let points = 0;
for (let i = 0; i < 3; i++) {
  resetPredictorCaches();
  const t0 = nowMs();
  points = sweep();
  coldSweep.push(nowMs() - t0);
}
const warmSweep: number[] = [];
for (let i = 0; i < 15; i++) {
  const t0 = nowMs();
  sweep();
  warmSweep.push(nowMs() - t0);
}

const fmt = (x: number, unit: string): string => `${x.toFixed(x < 10 ? 2 : 1)} ${unit}`;
console.log('predictor: ResNet-101, V100, spatial 4-4-2-1, rate 0.5');
console.log(
  `  cold whole-model evaluation   median ${fmt(median(cold), 'ms')} (${cold.length} runs, caches emptied)`,
);
console.log(
  `  warm whole-model evaluation   median ${fmt(median(warm), 'µs')} (${warm.length}×${perBatch} runs; target < 50 µs)`,
);
console.log(
  `predictor sweep: ResNet-101, V100, ${modes.length} modes × 7 granularity settings × ${rates.length} rates = ${points} points`,
);
console.log(
  `  cold sweep                    median ${fmt(median(coldSweep), 'ms')} (${coldSweep.length} runs, caches emptied)`,
);
console.log(
  `  warm sweep                    median ${fmt(median(warmSweep), 'ms')} (${warmSweep.length} runs; target < 100 ms)`,
);
