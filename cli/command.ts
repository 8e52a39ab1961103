/** The shape of a CLI command; the table of commands lives in commands/index.ts. */
import type { CliIo } from './io';

export interface CliCommand {
  /** Word typed after `laudnet`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text (usage and options). */
  help: string;
  /** Runs the command; returns the exit status. Throw CliError for bad input (exit 2). */
  run(argv: readonly string[], io: CliIo): number | Promise<number>;
}
