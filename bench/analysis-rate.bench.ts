// One prediction for a new activation rate (issue 14, acceptance 2): the main thread computes the live
// prediction with the worker's analyze() (prediction, FLOPs, training flags) in the update of the change,
// so its cost per rate the app has not seen before is part of every slider change's budget (< 8 ms in all).
// Per architecture, hardware and stage mode: the shape is warmed once (its tile searches), then every call
// gets a fresh global rate (golden-ratio steps over 0.12…0.88, four decimals, as ui-tabs does) on a copy of
// the configuration that keeps the model and hardware objects (as the store's edits do). Prints the
// median and p95 wall time per call and the process's mean CPU time per call (steadier on a loaded machine).
// Targets: < 0.3 ms per new rate for spatial and layer modes, < 1 ms for channel modes.
import os from 'node:os';
import { findBuiltinArchitecture } from '../core/arch';
import { configForArchitecture } from '../core/config/defaults';
import type { ConfigStageMode, StudioConfig } from '../core/config/schema';
import { analyze } from '../renderer/src/worker/analysis';

const ARCHS = (process.env.BENCH_ARCHS ?? 'resnet101,resnet50,regnety008').split(',');
const MODES = (process.env.BENCH_MODES ?? 'spatial,layer,channel,spatial+channel').split(
  ',',
) as ConfigStageMode[];
const CALLS = Number(process.env.BENCH_CALLS ?? 300);

let counter = 0;
function freshRate(): number {
  counter++;
  return Number((0.12 + 0.76 * ((counter * 0.6180339887498949) % 1)).toFixed(4));
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

function configFor(archId: string, hardware: string, mode: ConfigStageMode): StudioConfig {
  const arch = findBuiltinArchitecture(archId);
  if (!arch) throw new Error(`unknown architecture ${archId}`);
  const base = configForArchitecture(arch, true, hardware);
  return { ...base, stages: base.stages.map((s) => ({ ...s, mode })) };
}

function run(archId: string, hardware: string, mode: ConfigStageMode): void {
  let config = configFor(archId, hardware, mode);
  const t0 = performance.now();
  analyze(config);
  const coldMs = performance.now() - t0;
  // JIT warm-up on rates the measured calls never use (negative counter range is not reused).
  for (let i = 0; i < 50; i++) analyze({ ...config, targetRate: 0.05 + i * 0.0001 });
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    config = { ...config, targetRate: freshRate() };
    const t = performance.now();
    analyze(config);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / CALLS;
  times.sort((a, b) => a - b);
  const target = mode === 'channel' || mode === 'spatial+channel' ? 1 : 0.3;
  const p50 = pct(times, 50);
  console.log(
    `${archId.padEnd(11)} ${hardware.padEnd(5)} ${mode.padEnd(16)} ` +
      `p50 ${p50.toFixed(3).padStart(7)} ms  p95 ${pct(times, 95).toFixed(3).padStart(7)} ms  ` +
      `CPU ${cpuMs.toFixed(3).padStart(7)} ms/call  ` +
      `(cold ${coldMs.toFixed(0).padStart(4)} ms)  ${p50 < target ? 'PASS' : 'FAIL'} < ${target} ms`,
  );
}

console.log(
  `analyze() per new rate, ${CALLS} fresh rates per row (Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
for (const archId of ARCHS) for (const mode of MODES) run(archId, 'v100', mode);
if (!process.env.BENCH_ARCHS) for (const mode of MODES) run('resnet101', 'tx2', mode);
