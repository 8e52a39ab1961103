/**
 * `laudnet masks <subcommand>`: real masks from trained models. Minimal dispatcher of this branch
 * (stats, predict); the `summary` subcommand lives beside them on the other branch and joins this table.
 */
import type { CliCommand } from '../../command';
import { CliError } from '../../errors';
import { masksPredictCommand } from './predict';
import { masksStatsCommand } from './stats';

// prettier-ignore
export const MASKS_SUBCOMMANDS: readonly CliCommand[] = [
  masksStatsCommand,
  masksPredictCommand,
];

const HELP = `Usage:
  laudnet masks <subcommand> [options]

Subcommands:
${MASKS_SUBCOMMANDS.map((c) => `  ${c.name.padEnd(8)}  ${c.summary}`).join('\n')}

Run 'laudnet masks <subcommand> --help' for its options.`;

export const masksCommand: CliCommand = {
  name: 'masks',
  summary: 'real masks of a trained model: image-set statistics and latency',
  help: HELP,
  run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === 'help') {
      io.out(`${HELP}\n`);
      return name === undefined ? 2 : 0;
    }
    const sub = MASKS_SUBCOMMANDS.find((c) => c.name === name);
    if (!sub)
      throw new CliError(
        `unknown subcommand '${name}' (valid: ${MASKS_SUBCOMMANDS.map((c) => c.name).join(', ')})`,
      );
    return sub.run(rest, io);
  },
};
