/**
 * `laudnet masks <subcommand>`: commands over real mask dumps. To add a subcommand, write
 * cli/commands/masks/<name>.ts exporting a CliCommand (its `name` is the subcommand word) and add ONE
 * line to SUBCOMMANDS below; help and dispatch pick it up.
 */
import type { CliCommand } from '../../command';
import { CliError } from '../../errors';
import { masksPredictCommand } from './predict';
import { masksStatsCommand } from './stats';
import { summaryCommand } from './summary';

// prettier-ignore
const SUBCOMMANDS: readonly CliCommand[] = [
  summaryCommand,
  masksStatsCommand,
  masksPredictCommand,
];

function usage(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
  return [
    'Usage: laudnet masks <subcommand> [options]',
    '',
    'Subcommands:',
    ...SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'laudnet masks <subcommand> --help' for its options.",
  ].join('\n');
}

export const masksCommand: CliCommand = {
  name: 'masks',
  summary: 'real masks of a trained model: per-dump rates, image-set statistics and latency',
  get help() {
    return usage();
  },
  run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(`${usage()}\n`);
      return name === undefined ? 2 : 0;
    }
    const sub = SUBCOMMANDS.find((c) => c.name === name);
    if (!sub) {
      throw new CliError(
        `unknown subcommand '${name}' (valid: ${SUBCOMMANDS.map((c) => c.name).join(', ')})`,
      );
    }
    return sub.run(rest, io);
  },
};
