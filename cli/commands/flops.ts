/**
 * `laudnet flops`: static and dynamic MACs of a configuration, per block and in total, with the conv1
 * dilation overhead made explicit. Also home of the configuration flags shared by `export`, `tune` and
 * `granularity` (a configuration file, or a model plus per-stage settings).
 */
import { BUILTIN_ARCHITECTURE_IDS } from '../../core/arch';
import {
  configForArchitecture,
  parseConfig,
  validateConfig,
  type StudioConfig,
} from '../../core/config';
import { configFlops, type NetworkFlops } from '../../core/flops';
import { withInputSize } from '../../core/config/inputSize';
import type { HardwareParams } from '../../core/predictor';
import { checkRate, parseNumber, stringFlag } from '../args';
import type { FlagSpecs, ParsedArgs } from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { table } from '../format';
import type { CliIo } from '../io';
import {
  MODEL_HARDWARE_FLAGS,
  inputSizeFlag,
  parseModes,
  parsePerStage,
  resolveHardwareFlags,
  resolveModelFlags,
} from '../resolve';

/** Flags that describe a configuration: a file, or a model with per-stage settings. */
export const CONFIG_FLAGS: FlagSpecs = {
  config: {
    type: 'string',
    value: 'PATH',
    description: "configuration file (laudnet-studio-config JSON; '-' for stdin)",
  },
  ...MODEL_HARDWARE_FLAGS,
  mode: {
    type: 'string',
    value: 'MODE',
    description:
      'static | spatial | channel | layer | spatial+channel (or one per stage, dash-joined)',
  },
  granularity: {
    type: 'string',
    value: 'S',
    description: 'spatial granularity per stage, e.g. 4-4-2-1',
  },
  'channel-granularity': {
    type: 'string',
    value: 'G',
    description: 'channel group size per stage, e.g. 2-2-2-2',
  },
  rate: { type: 'string', value: 'R', description: 'activation rate of every block, in [0, 1]' },
};

function hardwareFromFlags(args: ParsedArgs, io: CliIo): StudioConfig['hardware'] | undefined {
  const id = stringFlag(args, 'hardware');
  const file = stringFlag(args, 'hardware-file');
  if (id === undefined && file === undefined) return undefined;
  const resolved = resolveHardwareFlags(args, io); // validates, with the shared messages
  if (file !== undefined) return { kind: 'custom', label: file, params: resolved.params };
  const overrides: Partial<HardwareParams> = {};
  const mc = stringFlag(args, 'mem-concurrent-fp32');
  if (mc !== undefined) overrides.memConcurrentFp32 = resolved.params.memConcurrentFp32;
  if (stringFlag(args, 'batch-size') !== undefined) overrides.batchSize = resolved.params.batchSize;
  return { kind: 'preset', id: resolved.id, overrides };
}

/**
 * The configuration the flags describe: `--config` (optionally with another `--hardware`), or a model's
 * default configuration with `--mode`, `--granularity`, `--channel-granularity` and `--rate` applied.
 * @throws CliError (exit 2) naming the offending flag or field and the valid values.
 */
export function configFromArgs(
  args: ParsedArgs,
  io: CliIo,
  { needHardware = false } = {},
): StudioConfig {
  const path = stringFlag(args, 'config');
  let config: StudioConfig;
  if (path !== undefined) {
    if (stringFlag(args, 'model') !== undefined || stringFlag(args, 'arch-file') !== undefined) {
      throw new CliError('give --config or --model/--arch-file, not both');
    }
    const parsed = parseConfig(io.readText(path));
    if (!parsed.ok) throw new CliError(`invalid configuration in '${path}':\n${parsed.error}`);
    config = parsed.config;
    const size = inputSizeFlag(args);
    if (size) {
      try {
        config = withInputSize(config, size);
      } catch (e) {
        throw new CliError(`--input-size: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } else {
    if (stringFlag(args, 'model') === undefined && stringFlag(args, 'arch-file') === undefined) {
      throw new CliError(
        `missing --config or --model (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
      );
    }
    if (
      needHardware &&
      stringFlag(args, 'hardware') === undefined &&
      stringFlag(args, 'hardware-file') === undefined
    ) {
      throw new CliError('missing --hardware (a preset id, e.g. v100, tx2) or --hardware-file');
    }
    const model = resolveModelFlags(args, io);
    config = configForArchitecture(
      model.base ?? model.arch,
      stringFlag(args, 'arch-file') === undefined,
    );
    const size = inputSizeFlag(args);
    if (size) config = withInputSize(config, size); // size already checked by resolveModelFlags
  }
  const hardware = hardwareFromFlags(args, io);
  if (hardware) config = { ...config, hardware };
  const n = config.stages.length;
  const mode = stringFlag(args, 'mode');
  const sizes = stringFlag(args, 'granularity');
  const groups = stringFlag(args, 'channel-granularity');
  const modes = mode === undefined ? undefined : parseModes(mode, n);
  const s = sizes === undefined ? undefined : parsePerStage(sizes, n, '--granularity');
  const g = groups === undefined ? undefined : parsePerStage(groups, n, '--channel-granularity');
  config = {
    ...config,
    stages: config.stages.map((st, i) => ({
      ...st,
      mode: modes?.[i] ?? st.mode,
      spatialGranularity: s?.[i] ?? st.spatialGranularity,
      channelGroupSize: g?.[i] ?? st.channelGroupSize,
    })),
  };
  const rate = stringFlag(args, 'rate');
  if (rate !== undefined) {
    const r = parseNumber(rate, '--rate');
    checkRate(r, '--rate');
    config = {
      ...config,
      targetRate: r,
      stages: config.stages.map((st) => ({ ...st, rate: null, channelRate: null })),
      blockRates: {},
    };
  }
  const problems = validateConfig(config);
  if (problems.length > 0) throw new CliError(`invalid configuration:\n${problems.join('\n')}`);
  return config;
}

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAGS,
  json: { type: 'boolean', description: 'print one JSON object instead of a table' },
};

const USAGE = `Usage:
  laudnet flops --model resnet50 [--mode spatial --granularity 4-4-2-1 --rate 0.5] [--json]
  laudnet flops --config cfg.json [--json]

Counts multiply-accumulates (MACs) per block and for the network exactly as the reference LAUDNet training
code counts them: the dynamic model's own count (maskers, stem and head included) over its static counter's
total for the dense teacher. Their ratio is the training code's --target_rate. The torchvision-style static
count (conv and linear weights only, the convention of published GFLOPs) is printed beside it for
comparison. Spatial masks cost conv1 more than the rate: conv1 computes the 3×3 neighbourhood of every kept
position; the conv1 overhead column shows by how much.`;

const g = (macs: number) => macs / 1e9;

/** The --json object of the flops command. */
export function flopsJson(config: StudioConfig, f: NetworkFlops) {
  let maskers = 0;
  let projections = 0;
  for (const b of f.blocks) {
    maskers += b.dynamicMacs.masker;
    projections += b.dynamicMacs.projection;
  }
  return {
    model: config.model.kind === 'builtin' ? config.model.id : config.model.architecture.id,
    targetRate: config.targetRate,
    accounting: 'reference training code (LAUDNet imagenet_classification, b53b980)',
    staticGMacs: g(f.staticMacs),
    dynamicGMacs: g(f.dynamicMacs),
    flopsRatio: f.flopsRatio,
    torchvisionStaticGMacs: g(f.torchvisionStaticMacs),
    conv1OverheadGMacs: g(f.conv1OverheadMacs),
    maskerGMacs: g(maskers),
    denseGMacs: {
      stem: g(f.stemMacs),
      head: g(f.headMacs),
      staticHead: g(f.staticHeadMacs),
      projections: g(projections),
    },
    blocks: f.blocks.map((b) => ({
      key: b.key,
      mode: b.dynamics.mode,
      spatialGranularity: b.dynamics.spatialGranularity,
      channelGroupSize: b.dynamics.channelGroupSize,
      rate: b.dynamics.rate,
      channelRate: b.dynamics.mode === 'spatial+channel' ? b.dynamics.channelRate : null,
      conv1Density: b.densities.conv1,
      conv2Density: b.densities.conv2,
      channelDensity: b.densities.channel,
      staticGMacs: g(b.staticMacs.total),
      dynamicGMacs: g(b.dynamicMacs.total),
      flopsRatio: b.ratio,
      conv1OverheadGMacs: g(b.conv1OverheadMacs),
      maskerGMacs: g(b.dynamicMacs.masker),
    })),
  };
}

function formatText(config: StudioConfig, f: NetworkFlops): string {
  const j = flopsJson(config, f);
  const rows = j.blocks.map((b) => {
    const setting =
      b.mode === 'static'
        ? ''
        : b.mode === 'channel'
          ? `G=${b.channelGroupSize}`
          : b.mode === 'spatial+channel'
            ? `S=${b.spatialGranularity} G=${b.channelGroupSize}`
            : `S=${b.spatialGranularity}`;
    return [
      b.key,
      b.mode,
      setting,
      b.mode === 'static' ? '' : b.rate.toFixed(3),
      b.conv1Density.toFixed(3),
      b.conv2Density.toFixed(3),
      b.staticGMacs.toFixed(4),
      b.dynamicGMacs.toFixed(4),
      b.flopsRatio.toFixed(3),
      b.conv1OverheadGMacs.toFixed(4),
      (b.maskerGMacs * 1000).toFixed(3),
    ];
  });
  const body = table(
    [
      'block',
      'mode',
      'setting',
      'rate',
      'conv1 dens',
      'conv2 dens',
      'static G',
      'dynamic G',
      'ratio',
      'conv1 extra G',
      'masker M',
    ],
    rows,
  );
  const share = (x: number) => `${((x / j.staticGMacs) * 100).toFixed(1)} % of static`;
  const dense = j.denseGMacs.stem + j.denseGMacs.head + j.denseGMacs.projections;
  return [
    body,
    '',
    'As the reference training code counts them:',
    `static   ${j.staticGMacs.toFixed(4)} GMACs (its counter on the dense teacher)`,
    `dynamic  ${j.dynamicGMacs.toFixed(4)} GMACs`,
    `FLOPs ratio (--target_rate) ${j.flopsRatio.toFixed(6)} at activation rate ${config.targetRate}`,
    `torchvision-style static MACs ${j.torchvisionStaticGMacs.toFixed(4)} GMACs (conv and linear weights only; not used for the ratio)`,
    `  conv1 dilation overhead  ${j.conv1OverheadGMacs.toFixed(4)} GMACs (${share(j.conv1OverheadGMacs)})`,
    `  maskers                  ${j.maskerGMacs.toFixed(4)} GMACs (${share(j.maskerGMacs)})`,
    `  always dense: stem, head, projection shortcuts ${dense.toFixed(4)} GMACs (${share(dense)})`,
    '',
  ].join('\n');
}

export const flopsCommand = defineCommand({
  name: 'flops',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const config = configFromArgs(args, io);
    const f = configFlops(config);
    io.out(
      args.values.json
        ? `${JSON.stringify(flopsJson(config, f), null, 2)}\n`
        : formatText(config, f),
    );
    return 0;
  },
});
