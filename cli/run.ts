/** Dispatches `laudnet <command> …` to the command table; maps failures to exit statuses. */
import { HardwareError, PredictorInputError } from '../core/predictor/errors';
import { capMessage } from '../core/config/jsonSyntax';
import { formatCommandList } from './command';
import { COMMANDS, findCommand } from './commands';
import { CliError } from './errors';
import type { CliIo } from './io';

function usage(): string {
  return [
    'Usage: laudnet <command> [options]   (from a clone: npm run --silent laudnet -- <command> …)',
    '',
    'Commands:',
    ...formatCommandList(COMMANDS),
    '',
    "Run 'laudnet <command> --help' (or 'laudnet help <command>') for its options.",
  ].join('\n');
}

/**
 * Runs the CLI with `argv` (without the node/script words). Returns the exit status: 0 success, 2 bad
 * input (message on stderr), 1 unexpected failure.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  try {
    if (name === 'help') {
      const entry = rest[0] === undefined ? undefined : findCommand(rest[0]);
      io.out(`${entry ? (await entry.load()).help : usage()}\n`);
      return 0;
    }
    const entry = findCommand(name);
    if (!entry) {
      io.err(
        `laudnet: unknown command '${name}' (valid: ${COMMANDS.map((c) => c.name).join(', ')})\n`,
      );
      return 2;
    }
    const cmd = await entry.load();
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError || e instanceof PredictorInputError || e instanceof HardwareError) {
      io.err(`laudnet ${name}: ${capMessage(e.message, 2000)}\n`);
      return e instanceof CliError ? e.exitCode : 2;
    }
    io.err(`${lastResortMessage(name, e)}\n`);
    return 1;
  }
}

/**
 * The last resort: one sentence, never a stack trace (a user cannot act on one). Set
 * `LAUDNET_DEBUG=1` to see the stack when reporting a bug.
 */
export function lastResortMessage(command: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const first = capMessage(raw.split('\n')[0] ?? '', 200);
  return (
    `laudnet ${command}: internal error (${first || 'no details'}); ` +
    'please report it with the command you ran.'
  );
}
