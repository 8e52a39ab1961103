/**
 * `laudnet masks <subcommand>`: commands over real mask dumps. Each subcommand lives in
 * cli/commands/masks/<name>.ts (built with `defineCommand`) and is loaded only when it runs. To add one,
 * add ONE entry to SUBCOMMANDS below; help and dispatch pick it up.
 */
import { formatCommandList, type CliCommand, type CommandEntry } from '../../command';
import { CliError } from '../../errors';

// prettier-ignore
const SUBCOMMANDS: readonly CommandEntry[] = [
  { name: 'summary', summary: 'per-dump model, modes, granularities and per-block rates (spatial, conv1, conv2, …)', load: async () => (await import('./summary')).summaryCommand },
  { name: 'stats', summary: 'per-block rate distributions over an image set (summary.npz or a folder of dumps)', load: async () => (await import('./stats')).masksStatsCommand },
  { name: 'run', summary: "run a LAUDNet ONNX model over images: the exporter's dumps and set summary, no Python", load: async () => (await import('./run')).masksRunCommand },
  { name: 'predict', summary: "latency at a set's mean rates and its spread over the images, on a device", load: async () => (await import('./predict')).masksPredictCommand },
];

function usage(): string {
  return [
    'Usage: laudnet masks <subcommand> [options]',
    '',
    'Subcommands:',
    ...formatCommandList(SUBCOMMANDS),
    '',
    "Run 'laudnet masks <subcommand> --help' for its options.",
  ].join('\n');
}

export const masksCommand: CliCommand = {
  name: 'masks',
  get help() {
    return usage();
  },
  async run(argv, io) {
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
    return (await sub.load()).run(rest, io);
  },
};
