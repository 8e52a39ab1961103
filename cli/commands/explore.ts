/**
 * `laudnet explore`: the Pareto set of a design space (stage modes × S/G × rates) on one device: the
 * fastest configurations for the FLOPs they keep. `--json` prints points whose `config` is a
 * `predict --input` line, so any point can be fed back to `predict`.
 */
import { defaultConfig } from '../../core/config/defaults';
import { toNetworkRequest } from '../../core/config/request';
import {
  EXPLORE_MODES,
  explore,
  pointConfig,
  pointSummary,
  toPredictInput,
  type ExploreMode,
  type PredictInput,
} from '../../core/explore';
import { createPredictor, predictNetwork } from '../../core/predictor';
import { parseNumber, parseRates, splitComma, stringFlag } from '../args';
import type { FlagSpecs } from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { resolveHardwareValue, resolveModelId } from '../resolve';

/** Default rate grid: 0.2 to 0.9 in steps of 0.1. */
export const DEFAULT_EXPLORE_RATES = '0.2:0.9:0.1';

/** What `explore` needs, already parsed (the flags map onto it one to one). */
export interface ExploreOptions {
  model: string;
  hardware: string;
  /** Keep front points at most this many ms per image. */
  budgetMs?: number;
  /** Keep front points keeping at least this FLOPs ratio (0–1). */
  minFlops?: number;
  modes: ExploreMode[];
  rates: number[];
  perStageRates: boolean;
  /** Include settings the reference code cannot train. */
  includeUntrainable: boolean;
  json: boolean;
}

/** One point of the printed Pareto set. */
export interface ExplorePoint {
  config: PredictInput;
  summary: string;
  latencyS: number;
  latencyMsPerImage: number;
  flopsRatio: number;
}

/** `0.6`, `60%` → 0.6; anything else outside (0, 1] is refused with the accepted forms. */
export function parseFlopsFraction(text: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const v = parseNumber(pct ? t.slice(0, -1) : t, '--min-flops');
  const f = pct ? v / 100 : v;
  if (!(f > 0 && f <= 1))
    throw new CliError(
      `--min-flops: expected a FLOPs ratio in (0, 1] or a percentage like 60%, got '${text}'`,
    );
  return f;
}

/** Runs the exploration and returns the front points that meet the budget or the FLOPs floor. */
export function explorePoints(o: ExploreOptions): { points: ExplorePoint[]; size: number } {
  const model = resolveModelId(o.model);
  const hw = resolveHardwareValue(o.hardware);
  const result = explore(
    model.arch,
    {
      modes: o.modes,
      rates: o.rates,
      rateScope: o.perStageRates ? 'per-stage' : 'global',
      trainableOnly: !o.includeUntrainable,
    },
    [{ id: hw.id, params: hw.params }],
  );
  if (!result.ok) throw new CliError(result.error);
  const e = result.value;
  const base = defaultConfig(model.id, hw.id);
  const p = createPredictor(hw.params);
  const points: ExplorePoint[] = [];
  for (const k of e.fronts[0]!) {
    const config = pointConfig(e.space, k, base);
    // The printed numbers are predict's own, from the same request `predict --input` builds.
    const pred = predictNetwork(p, toNetworkRequest(config));
    const flopsRatio = e.flopsRatio[k]!;
    if (o.budgetMs !== undefined && !(pred.latencyMsPerImage <= o.budgetMs)) continue;
    if (o.minFlops !== undefined && !(flopsRatio >= o.minFlops)) continue;
    points.push({
      config: toPredictInput(config),
      summary: pointSummary(e.space, k),
      latencyS: pred.latencyS,
      latencyMsPerImage: pred.latencyMsPerImage,
      flopsRatio,
    });
  }
  return { points, size: e.space.size };
}

const pad = (s: string, n: number) => s.padStart(n);

/** Runs `explore` with parsed options; prints a table or `{"points": […]}`. Returns the exit status. */
export function runExplore(o: ExploreOptions, io: CliIo): number {
  if (o.budgetMs !== undefined && o.minFlops !== undefined)
    throw new CliError('give --budget-ms or --min-flops, not both');
  const { points, size } = explorePoints(o);
  if (o.json) {
    io.out(`${JSON.stringify({ points }, null, 2)}\n`);
    return 0;
  }
  const filter =
    o.budgetMs !== undefined
      ? `, at most ${o.budgetMs} ms per image`
      : o.minFlops !== undefined
        ? `, keeping at least ${(o.minFlops * 100).toFixed(1)} % of the FLOPs`
        : '';
  io.out(
    `Pareto set of ${o.model} on ${o.hardware}: ${points.length} of ${size.toLocaleString('en-US')} configurations${filter}\n`,
  );
  if (points.length === 0) {
    io.out('No configuration meets the limit; relax it or widen the space.\n');
    return 0;
  }
  io.out(`${pad('ms/image', 10)}  ${pad('FLOPs', 7)}  configuration\n`);
  for (const pt of points)
    io.out(
      `${pad(pt.latencyMsPerImage.toFixed(4), 10)}  ${pad(`${(pt.flopsRatio * 100).toFixed(1)}%`, 7)}  ${pt.summary}\n`,
    );
  return 0;
}

const FLAGS = {
  model: { type: 'string', value: 'ID', description: 'built-in model (resnet50, …)' },
  hardware: { type: 'string', value: 'ID', description: 'hardware preset (v100, …)' },
  'budget-ms': {
    type: 'string',
    value: 'Y',
    description: 'keep configurations at most Y ms per image',
  },
  'min-flops': {
    type: 'string',
    value: 'X',
    description: 'keep configurations keeping at least X of the FLOPs (0.6 or 60%)',
  },
  modes: {
    type: 'string',
    value: 'LIST',
    description: `stage modes to try, comma-separated (default ${EXPLORE_MODES.join(',')})`,
  },
  rates: {
    type: 'string',
    value: 'RATES',
    description: `rate grid, start:stop:step or a comma list (default ${DEFAULT_EXPLORE_RATES})`,
  },
  'per-stage-rates': { type: 'boolean', description: 'one rate per stage instead of one for all' },
  'include-untrainable': {
    type: 'boolean',
    description: 'also settings the reference training code cannot build',
  },
  json: {
    type: 'boolean',
    description: 'print {"points": […]} (each config is a predict --input line)',
  },
} satisfies FlagSpecs;

const USAGE = `Usage:
  laudnet explore --model resnet50 --hardware v100 [--budget-ms 0.8 | --min-flops 60%] [--json]

Enumerates every stage setting (static, spatial at each valid S, channel at each valid G, layer) times a
rate grid, predicts latency and the FLOPs ratio (the training accounting) of each, and prints the Pareto
set: no printed configuration is both slower and keeps fewer FLOPs than another. With --json, each
point's "config" is a line \`laudnet predict --input\` accepts.`;

function parseModesList(text: string | undefined): ExploreMode[] {
  if (text === undefined) return [...EXPLORE_MODES];
  return splitComma(text, '--modes').map((m) => {
    if (!(EXPLORE_MODES as readonly string[]).includes(m))
      throw new CliError(`--modes: unknown mode '${m}' (valid: ${EXPLORE_MODES.join(', ')})`);
    return m as ExploreMode;
  });
}

export const exploreCommand = defineCommand({
  name: 'explore',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const model = stringFlag(args, 'model');
    const hardware = stringFlag(args, 'hardware');
    if (model === undefined) throw new CliError('missing --model');
    if (hardware === undefined) throw new CliError('missing --hardware');
    const budget = stringFlag(args, 'budget-ms');
    const minFlops = stringFlag(args, 'min-flops');
    const budgetMs = budget === undefined ? undefined : parseNumber(budget, '--budget-ms');
    if (budgetMs !== undefined && !(budgetMs > 0))
      throw new CliError(
        `--budget-ms: expected a positive number of ms per image, got '${budget}'`,
      );
    return runExplore(
      {
        model,
        hardware,
        budgetMs,
        minFlops: minFlops === undefined ? undefined : parseFlopsFraction(minFlops),
        modes: parseModesList(stringFlag(args, 'modes')),
        rates: parseRates(stringFlag(args, 'rates') ?? DEFAULT_EXPLORE_RATES),
        perStageRates: args.values['per-stage-rates'] === true,
        includeUntrainable: args.values['include-untrainable'] === true,
        json: args.values.json === true,
      },
      io,
    );
  },
});
