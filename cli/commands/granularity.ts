/**
 * `laudnet granularity`: the paper's granularity choice in one call — for each stage, every candidate S (or
 * G) and layer skipping, the predicted latency ratio of that stage at the given rate; the lowest wins.
 */
import { autoGranularity } from '../../core/solvers';
import {
  checkRate,
  formatFlags,
  parseArgs,
  parseNumber,
  parsePositiveInt,
  splitComma,
  stringFlag,
  type FlagSpecs,
} from '../args';
import type { CliCommand } from '../command';
import { CliError } from '../errors';
import { table } from '../format';
import { CONFIG_FLAGS, configFromArgs } from './flops';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAGS,
  mode: {
    type: 'string',
    value: 'MODE',
    description: 'spatial (search S, default) | channel (search G)',
  },
  candidates: {
    type: 'string',
    value: 'LIST',
    description: 'restrict the candidates, e.g. 1,2,4,7',
  },
  'no-layer': { type: 'boolean', description: 'leave layer skipping out of the comparison' },
  json: { type: 'boolean', description: 'print one JSON object (rows, choices, configuration)' },
  help: { type: 'boolean', description: 'show this help' },
};

const HELP = `Usage:
  laudnet granularity --model resnet50 --hardware v100 --mode spatial --rate 0.5 [--json]
  laudnet granularity --config cfg.json --mode channel [--candidates 1,2,4,8] [--no-layer]

For each stage and each candidate spatial granularity S (divisors of the stage resolution) or channel group
size G (divisors of the inner width, except the width itself), and layer skipping, predicts the stage's
latency ratio dynamic/static at the rate on the hardware, and picks the lowest (ties: the finer one).

Options:
${formatFlags(FLAGS)}`;

export const granularityCommand: CliCommand = {
  name: 'granularity',
  summary: 'per-stage choice of S (or G) by predicted latency, with the table that justifies it',
  help: HELP,
  run(argv, io) {
    const args = parseArgs(argv, FLAGS);
    if (args.values.help) {
      io.out(`${HELP}\n`);
      return 0;
    }
    if (args.positionals.length > 0)
      throw new CliError(`unexpected argument '${args.positionals[0]}'`);
    const mode = stringFlag(args, 'mode') ?? 'spatial';
    if (mode !== 'spatial' && mode !== 'channel')
      throw new CliError(`--mode: '${mode}' (valid: spatial, channel)`);
    // --mode here names the search, not the configuration's stage modes: leave those to the file.
    const { mode: _searchMode, ...rest } = args.values;
    const config = configFromArgs({ ...args, values: rest }, io, { needHardware: true });
    const rateText = stringFlag(args, 'rate');
    const rate = rateText === undefined ? config.targetRate : parseNumber(rateText, '--rate');
    checkRate(rate, '--rate');
    const candidatesText = stringFlag(args, 'candidates');
    const candidates =
      candidatesText === undefined
        ? undefined
        : splitComma(candidatesText, '--candidates').map((c) =>
            parsePositiveInt(c, '--candidates'),
          );
    const res = autoGranularity(config, {
      mode,
      rate,
      includeLayer: args.values['no-layer'] !== true,
      candidates,
    });
    if (args.values.json) {
      io.out(
        `${JSON.stringify({ mode, rate: res.rate, choices: res.choices, rows: res.rows, config: res.config }, null, 2)}\n`,
      );
      return 0;
    }
    const rows = res.rows.map((r) => [
      `stage ${r.stage + 1}`,
      r.mode === 'layer' ? 'layer' : `${mode === 'spatial' ? 'S' : 'G'}=${r.value}`,
      r.latencyRatio.toFixed(4),
      r.chosen ? '<- chosen' : '',
    ]);
    const letter = mode === 'spatial' ? 'S' : 'G';
    const choice = res.choices
      .map((c) => (c.mode === 'layer' ? 'layer' : String(c.value)))
      .join('-');
    let text = `${table(['stage', 'candidate', 'latency ratio', ''], rows)}\n\nchoice at rate ${res.rate}: ${letter} = ${choice}\n`;
    if (res.choices.some((c) => c.mode === 'layer')) {
      // Layer skipping won somewhere: also say which granularity is best when masks must stay spatial/channel.
      const best = res.choices.map((c) => {
        let pick: (typeof res.rows)[number] | undefined;
        for (const r of res.rows) {
          if (
            r.stage === c.stage &&
            r.mode !== 'layer' &&
            (!pick || r.latencyRatio < pick.latencyRatio)
          )
            pick = r;
        }
        return pick ? String(pick.value) : '?';
      });
      text += `best ${letter} without layer skipping: ${best.join('-')}\n`;
    }
    io.out(text);
    return 0;
  },
};
