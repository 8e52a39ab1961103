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
  const argv = ['bin/laudnet.mjs', 'predict', '--json'];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, v);
  const res = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: process.cwd() });
  if (res.status !== 0)
    throw new Error(`laudnet ${argv.slice(1).join(' ')} failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as CliPrediction;
}

/** One row of `laudnet sweep` CSV output. */
export interface CliSweepRow {
  stage: string;
  mode: string;
  granularity: string;
  channelGranularity: string;
  rate: number;
  latencyS: number;
  ratio: number;
}

/** Runs `laudnet sweep` with the given flags (a separate process: the CLI, not the app's bundle). */
export function cliSweep(args: Record<string, string>): CliSweepRow[] {
  const argv = ['bin/laudnet.mjs', 'sweep'];
  for (const [k, v] of Object.entries(args)) argv.push(`--${k}`, v);
  const res = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: process.cwd() });
  if (res.status !== 0)
    throw new Error(`laudnet ${argv.slice(1).join(' ')} failed (${res.status}): ${res.stderr}`);
  const [head, ...rows] = res.stdout.trim().split('\n');
  if (head !== 'stage,mode,granularity,channel_granularity,rate,latency_s,static_latency_s,ratio')
    throw new Error(`laudnet sweep printed an unexpected header: ${head}`);
  return rows.map((line) => {
    const c = line.split(',');
    return {
      stage: c[0]!,
      mode: c[1]!,
      granularity: c[2]!,
      channelGranularity: c[3]!,
      rate: Number(c[4]),
      latencyS: Number(c[5]),
      ratio: Number(c[7]),
    };
  });
}
