// Runs the real CLI entry point in a child process (exit status and streams as a user sees them).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run --silent laudnet -- …args`, without npm's own start-up cost. */
export function spawnCli(args: string[], input?: string): CliRun {
  const res = spawnSync(process.execPath, [tsxCli, path.join(repoRoot, 'cli/main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
