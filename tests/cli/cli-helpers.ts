// Runs the CLI: the real entry point in a child process (exit status and streams as a user sees them),
// or `runCli` in this process over an in-memory file system.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/run';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The installed program (package.json "bin"); tests/support/buildCli.ts built its bundle before the tests. */
const binCli = path.join(repoRoot, 'bin/laudnet.mjs');

/** Arguments of `command` for T2T-ViT-19 on the V100 preset, then `flags`. */
export function t2t19OnV100(command: string, ...flags: string[]): string[] {
  return [command, '--model', 't2t_vit_19', '--hardware', 'v100', ...flags];
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run --silent laudnet -- …args`, without npm's own start-up cost. */
export function spawnCli(args: string[], input?: string): CliRun {
  const res = spawnSync(process.execPath, [binCli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface InMemoryRun {
  /** Exit status runCli returned. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process over an in-memory file system (`files`: path → text). */
export async function run(
  argv: string[],
  files: Record<string, string> = {},
): Promise<InMemoryRun> {
  const io = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
