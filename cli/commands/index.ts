/**
 * The command table of `laudnet`. To add a command, write cli/commands/<name>.ts exporting a CliCommand
 * and add ONE line below; help and dispatch pick it up.
 */
import type { CliCommand } from '../command';
import { predictCommand } from './predict';
import { sweepCommand } from './sweep';
import { flopsCommand } from './flops';
import { exportCommand } from './export';
import { tuneCommand } from './tune';
import { granularityCommand } from './granularity';
import { masksCommand } from './masks';

// prettier-ignore
export const COMMANDS: readonly CliCommand[] = [
  predictCommand,
  sweepCommand,
  flopsCommand,
  exportCommand,
  tuneCommand,
  granularityCommand,
  masksCommand,
];

/** The command named `name`, or undefined. */
export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
