/**
 * `laudnet granularity`: the paper's granularity choice in one call — for each spatial stage every S (for
 * each channel stage every G), the predicted stage latency ratio; the lowest wins. Layer skipping and the
 * other paradigm are reference rows, and a matched-FLOPs table compares the paradigms fairly.
 */
import { autoGranularity, type GranularityResult, type GranularityRow } from '../../core/solvers';
import {
  checkRate,
  parseNumber,
  parsePositiveInt,
  splitComma,
  stringFlag,
  type FlagSpecs,
} from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { table } from '../format';
import { CONFIG_FLAGS, configFromArgs } from './flops';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAGS,
  mode: {
    type: 'string',
    value: 'MODE',
    description:
      "spatial (search S in every dynamic stage) | channel (search G); default: each stage's own mode",
  },
  candidates: {
    type: 'string',
    value: 'LIST',
    description: 'restrict the candidates, e.g. 1,2,4,7',
  },
  'no-reference': {
    type: 'boolean',
    description: 'leave out the reference rows and the matched-FLOPs table (faster)',
  },
  'no-layer': { type: 'boolean', description: 'same as --no-reference (older name)' },
  json: {
    type: 'boolean',
    description: 'print one JSON object (rows, choices, matched, configuration)',
  },
};

const USAGE = `Usage:
  laudnet granularity --model resnet101 --hardware v100 --mode spatial --rate 0.5 [--json]
  laudnet granularity --config cfg.json [--mode channel] [--candidates 1,2,4,8] [--no-reference]

The paper's procedure: the paradigm is the stage's (a spatial model stays spatial); the question is which
granularity. For a spatial or spatial+channel stage every S that divides the stage's map (the map side
included) is predicted at the stage's rates; for a channel stage every G that divides the bottleneck width
(except the width itself). The lowest stage latency ratio (dynamic/static) wins; ratios within 1e-9
(relative) tie and go to the smaller S or G. Layer skipping and the other paradigm are shown as reference
rows, never chosen. Paradigms are compared fairly in the matched-FLOPs table: each at the rate that gives
the stage its current FLOPs ratio (as the reference training code counts FLOPs), and its latency there.
Without --rate every stage keeps its own rates.`;

const letter = (mode: string) => (mode === 'channel' ? 'G' : 'S');

function rowLabel(r: GranularityRow): string {
  if (r.mode === 'layer') return 'layer skipping';
  const text = `${letter(r.mode)}=${r.value}`;
  return r.reference ? `${r.mode} ${text}` : text;
}

function textReport(res: GranularityResult): string {
  const rows = res.rows.map((r) => [
    `stage ${r.stage + 1}`,
    rowLabel(r),
    r.latencyRatio.toFixed(4),
    r.flopsRatio.toFixed(4),
    r.chosen ? '<- chosen' : r.reference ? 'reference' : '',
  ]);
  const rateText = res.uniformRate ? `at rate ${res.rate}` : "at each stage's rates";
  const choice = res.choices.map((c) => `stage ${c.stage + 1} ${letter(c.mode)}=${c.value}`);
  const matched = res.matched.map((m) => [
    `stage ${m.stage + 1}`,
    m.mode === 'layer' ? 'layer skipping' : `${m.mode} ${letter(m.mode)}=${m.value}`,
    m.rate.toFixed(4),
    m.flopsRatio.toFixed(4),
    m.latencyRatio.toFixed(4),
    m.achievable ? '' : 'FLOPs ratio out of reach',
  ]);
  const parts = [
    table(['stage', 'candidate', 'latency ratio', 'FLOPs ratio', ''], rows),
    '',
    `choice ${rateText}: ${choice.length ? choice.join(', ') : 'none (no spatial or channel stage)'}`,
  ];
  if (matched.length) {
    parts.push(
      '',
      'Paradigms at matched FLOPs (each at the rate giving the stage its current FLOPs ratio):',
      table(['stage', 'paradigm', 'rate', 'FLOPs ratio', 'latency ratio', ''], matched),
    );
  }
  return `${parts.join('\n')}\n`;
}

export const granularityCommand = defineCommand({
  name: 'granularity',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const mode = stringFlag(args, 'mode');
    if (mode !== undefined && mode !== 'spatial' && mode !== 'channel')
      throw new CliError(`--mode: '${mode}' (valid: spatial, channel)`);
    // --mode here names the search, not the configuration's stage modes: leave those to the file.
    const { mode: _searchMode, ...rest } = args.values;
    const config = configFromArgs({ ...args, values: rest }, io, { needHardware: true });
    const rateText = stringFlag(args, 'rate');
    const rate = rateText === undefined ? undefined : parseNumber(rateText, '--rate');
    if (rate !== undefined) checkRate(rate, '--rate');
    const candidatesText = stringFlag(args, 'candidates');
    const candidates =
      candidatesText === undefined
        ? undefined
        : splitComma(candidatesText, '--candidates').map((c) =>
            parsePositiveInt(c, '--candidates'),
          );
    const res = autoGranularity(config, {
      ...(mode !== undefined ? { mode } : {}),
      ...(rate !== undefined ? { rate } : {}),
      ...(candidates !== undefined ? { candidates } : {}),
      includeReference: args.values['no-reference'] !== true && args.values['no-layer'] !== true,
    });
    if (args.values.json) {
      const out = {
        search: mode ?? 'per-stage',
        rate: res.rate,
        uniformRate: res.uniformRate,
        searches: res.searches,
        choices: res.choices,
        rows: res.rows,
        matched: res.matched,
        config: res.config,
      };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    io.out(textReport(res));
    return 0;
  },
});
