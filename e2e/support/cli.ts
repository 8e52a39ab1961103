import { spawnSync } from 'node:child_process';

export interface CliPrediction {
  latencyS: number;
  staticLatencyS: number;
  ratio: number;
  latencyMsPerImage: number;
  batchSize: number;
}

/** Runs `laudnet predict … --json` (the same core as the app) and returns its JSON. */
export function cliPredict(args: Record<string, string>): CliPrediction {
  const argv = ['tsx', 'cli/main.ts', 'predict', '--json'];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, v);
  const res = spawnSync('npx', argv, { encoding: 'utf8', cwd: process.cwd() });
  if (res.status !== 0)
    throw new Error(`laudnet ${argv.slice(2).join(' ')} failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as CliPrediction;
}
