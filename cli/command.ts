/**
 * The shape of a CLI command and the one shared preamble every command runs through (`defineCommand`):
 * flags parsed by `util.parseArgs`, `--help`/`-h` answered from the same flag table, positionals checked.
 * The table of commands lives in commands/index.ts and loads each command only when it runs.
 */
import { formatFlags, parseArgs, type FlagSpecs, type ParsedArgs } from './args';
import { CliError } from './errors';
import type { CliIo } from './io';

export interface CliCommand {
  /** Word typed after `laudnet` (or after `laudnet masks`). */
  name: string;
  /** Full help text (usage and options). */
  help: string;
  /** Runs the command; returns the exit status. Throw CliError for bad input (exit 2). */
  run(argv: readonly string[], io: CliIo): number | Promise<number>;
}

/** An entry of a command table: what `--help` lists, and how to load the command when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<CliCommand>;
}

const HELP_FLAG = { help: { type: 'boolean', short: 'h', description: 'show this help' } } as const;

export interface CommandSpec<F extends FlagSpecs> {
  name: string;
  /** Usage lines and description; the options table is appended. */
  usage: string;
  flags: F;
  /**
   * Positional arguments: 'none' (the default: any is an error) or 'any' (the command checks them; name
   * them in `usage`).
   */
  positionals?: 'none' | 'any';
  run(args: ParsedArgs<F & typeof HELP_FLAG>, io: CliIo): number | Promise<number>;
}

/** Builds a command from its flag table and body; every command shares this preamble. */
export function defineCommand<F extends FlagSpecs>(spec: CommandSpec<F>): CliCommand {
  const flags = { ...spec.flags, ...HELP_FLAG };
  const help = `${spec.usage.trimEnd()}\n\nOptions:\n${formatFlags(flags)}`;
  return {
    name: spec.name,
    help,
    run(argv, io) {
      const args = parseArgs(argv, flags);
      if (args.values.help) {
        io.out(`${help}\n`);
        return 0;
      }
      if ((spec.positionals ?? 'none') === 'none' && args.positionals.length > 0)
        throw new CliError(`unexpected argument '${args.positionals[0]}'`);
      return spec.run(args, io);
    },
  };
}

/** The list of a command table for help output. */
export function formatCommandList(entries: readonly CommandEntry[]): string[] {
  const width = Math.max(...entries.map((c) => c.name.length));
  return entries.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
}
