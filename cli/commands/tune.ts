/**
 * `laudnet tune`: activation rates for a FLOPs-ratio target (`--target-flops`) or a latency budget on the
 * chosen hardware (`--budget-ms`, per image), uniform or keeping the current proportions.
 */
import { writeFileSync } from 'node:fs';
import { resolveBlockRates, serializeConfig, type StudioConfig } from '../../core/config';
import { configFlops } from '../../core/flops';
import { predictConfig, ratesForFlopsTarget, ratesForLatencyBudget } from '../../core/solvers';
import { parseNumber, stringFlag, type FlagSpecs } from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { CONFIG_FLAGS, configFromArgs } from './flops';
import {
  TRANSFORMER_FLAGS,
  TRANSFORMER_SWEEP_FLAG,
  checkFlagFamily,
  isTransformerModel,
  runTransformerTune,
} from '../transformer';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAGS,
  'target-flops': {
    type: 'string',
    value: 'T',
    description: 'target FLOPs ratio dynamic/static (the training --target_rate)',
  },
  'budget-ms': {
    type: 'string',
    value: 'MS',
    description: 'latency budget in ms per image on the hardware',
  },
  strategy: {
    type: 'string',
    value: 'S',
    description: 'uniform (default) | proportional (keep per-stage/per-block ratios)',
  },
  out: { type: 'string', value: 'PATH', description: 'write the tuned configuration file there' },
  json: { type: 'boolean', description: 'print one JSON object (with the tuned configuration)' },
  ...TRANSFORMER_FLAGS,
  ...TRANSFORMER_SWEEP_FLAG,
};

const USAGE = `Usage:
  laudnet tune --model resnet50 --hardware v100 --target-flops 0.5
  laudnet tune --model resnet50 --hardware v100 --budget-ms 0.7 [--mode layer] [--json]
  laudnet tune --config cfg.json --budget-ms 0.7 --strategy proportional --out tuned.json

Solves the activation rates: for --target-flops the FLOPs ratio matches the target (within 1e-6); for
--budget-ms the predicted latency is as close as possible under the budget (bisection on the latency model,
then single blocks raised to use the remaining budget). Prints the rates, FLOPs ratio and latency.
Exit status 3 when the target is out of reach (the closest reachable configuration is printed).

  laudnet tune --model t2t_vit_19 --hardware v100 --mode token --budget-ms 1.5 [--sweep token] [--out t.json]

For a T2T-ViT (t2t_vit_7 … t2t_vit_24) one uniform rate is tuned to the budget (--sweep token | head | attn |
mlp | block; default the mode's own; the others from --token-rate, --head-rate, --attn-rate, --mlp-rate): the
largest latency under the budget over every kept-token count or every k/H, or by bisection for the execution
rates. --out writes the studio's transformer configuration (there are no reference training flags for it).`;

export const tuneCommand = defineCommand({
  name: 'tune',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const transformer = isTransformerModel(stringFlag(args, 'model'));
    checkFlagFamily(args, transformer, [
      'config',
      'arch-file',
      'granularity',
      'channel-granularity',
      'rate',
      'strategy',
    ]);
    if (transformer) return runTransformerTune(args, io);
    const flopsText = stringFlag(args, 'target-flops');
    const budgetText = stringFlag(args, 'budget-ms');
    if ((flopsText === undefined) === (budgetText === undefined)) {
      throw new CliError('give exactly one of --target-flops T or --budget-ms MS');
    }
    const strategy = stringFlag(args, 'strategy') ?? 'uniform';
    if (strategy !== 'uniform' && strategy !== 'proportional') {
      throw new CliError(`unknown --strategy '${strategy}' (valid: uniform, proportional)`);
    }
    const config = configFromArgs(args, io, { needHardware: budgetText !== undefined });
    if (config.stages.every((s) => s.mode === 'static'))
      throw new CliError('every stage is static: there is no rate to tune');
    let tuned: StudioConfig;
    let achievable: boolean;
    let target:
      { kind: 'flops'; flopsRatio: number } | { kind: 'latency'; budgetMsPerImage: number };
    if (flopsText !== undefined) {
      const t = parseNumber(flopsText, '--target-flops');
      if (!(t > 0 && t <= 2))
        throw new CliError(`--target-flops: ${t} is not a FLOPs ratio (valid: above 0, e.g. 0.5)`);
      const res = ratesForFlopsTarget(config, t, strategy);
      tuned = res.config;
      achievable = res.achievable;
      target = { kind: 'flops', flopsRatio: t };
      if (!achievable)
        io.err(
          `warning: FLOPs ratio ${t} is out of reach (range ${res.range[0].toFixed(4)} to ${res.range[1].toFixed(4)})\n`,
        );
    } else {
      const b = parseNumber(budgetText!, '--budget-ms');
      if (!(b > 0)) throw new CliError(`--budget-ms: ${b} must be positive`);
      const res = ratesForLatencyBudget(config, b, { strategy: strategy });
      tuned = res.config;
      achievable = res.achievable;
      target = { kind: 'latency', budgetMsPerImage: b };
      if (!achievable) {
        io.err(
          `warning: ${b} ms is out of reach (range ${res.rangeMsPerImage[0].toFixed(4)} to ${res.rangeMsPerImage[1].toFixed(4)} ms per image)\n`,
        );
      }
    }
    const flops = configFlops(tuned);
    const pred = predictConfig(tuned);
    const rates = resolveBlockRates(tuned);
    const out = stringFlag(args, 'out');
    if (out !== undefined) {
      try {
        writeFileSync(out, serializeConfig(tuned));
      } catch (e) {
        throw new CliError(`cannot write '${out}' (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    if (args.values.json) {
      const result = {
        target,
        strategy,
        achievable,
        flopsRatio: flops.flopsRatio,
        latencyMsPerImage: pred.latencyMsPerImage,
        staticMsPerImage: pred.staticMsPerImage,
        latencyRatio: pred.ratio,
        rates,
        config: tuned,
      };
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return achievable ? 0 : 3;
    }
    const lines = [
      `${target.kind === 'flops' ? `target FLOPs ratio ${target.flopsRatio}` : `latency budget ${target.budgetMsPerImage} ms per image`} (${strategy})`,
      ...rates.map((r, i) => {
        const mode = tuned.stages[i]?.mode ?? 'static';
        return `  stage ${i + 1} (${mode}): ${mode === 'static' ? '—' : r.map((x) => x.toFixed(4)).join(' ')}`;
      }),
      `FLOPs ratio ${flops.flopsRatio.toFixed(5)} (${(flops.dynamicMacs / 1e9).toFixed(4)} of ${(flops.staticMacs / 1e9).toFixed(4)} GMACs)`,
      `latency ${pred.latencyMsPerImage.toFixed(5)} ms per image (static ${pred.staticMsPerImage.toFixed(5)}, ratio ${pred.ratio.toFixed(4)})`,
      ...(out !== undefined ? [`wrote ${out}`] : []),
      '',
    ];
    io.out(lines.join('\n'));
    return achievable ? 0 : 3;
  },
});
