/**
 * The command table of `laudnet`. Each command lives in cli/commands/<name>.ts (built with
 * `defineCommand`) and is loaded only when it runs, so start-up pays for one command, not all. To add a
 * command, add ONE entry below; help and dispatch pick it up.
 */
import type { CommandEntry } from '../command';

// prettier-ignore
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'predict', summary: 'latency of one configuration, or of each line of a JSONL file', load: async () => (await import('./predict')).predictCommand },
  { name: 'sweep', summary: 'latency-ratio curves versus activation rate, as CSV', load: async () => (await import('./sweep')).sweepCommand },
  { name: 'flops', summary: 'static and dynamic MACs per block and in total, and the FLOPs ratio (--target_rate)', load: async () => (await import('./flops')).flopsCommand },
  { name: 'export', summary: 'training-script flags, configuration JSON, or a latency report (CSV/JSON/Markdown)', load: async () => (await import('./export')).exportCommand },
  { name: 'tune', summary: 'rates for a FLOPs-ratio target or a latency budget (ms per image)', load: async () => (await import('./tune')).tuneCommand },
  { name: 'granularity', summary: 'per-stage choice of S (or G) by predicted latency, with reference rows and a matched-FLOPs table', load: async () => (await import('./granularity')).granularityCommand },
  { name: 'masks', summary: 'real masks of a trained model: per-dump rates, image-set statistics and latency', load: async () => (await import('./masks')).masksCommand },
  { name: 'calibrate', summary: 'fit hardware parameters to latencies measured on your own device', load: async () => (await import('./calibrate')).calibrateCommand },
  { name: 'explore', summary: 'Pareto set of the design space: fastest configurations for the FLOPs they keep', load: async () => (await import('./explore')).exploreCommand },
];

/** The entry named `name`, or undefined. */
export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
