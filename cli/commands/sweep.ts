/** `laudnet sweep`: latency-ratio curves versus rate, as CSV (the data of the app's main chart). */
import {
  createPredictor,
  sweepStage,
  type StageMode,
  type SweepCandidate,
} from '../../core/predictor';
import {
  checkRate,
  parseDashList,
  parseNumber,
  parsePositiveInt,
  parseRates,
  splitComma,
  stringFlag,
  type FlagSpecs,
} from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import {
  MODEL_HARDWARE_FLAGS,
  parseModes,
  parsePerStage,
  resolveHardwareFlags,
  resolveModelFlags,
} from '../resolve';
import {
  TRANSFORMER_FLAGS,
  TRANSFORMER_SWEEP_FLAG,
  checkFlagFamily,
  isTransformerModel,
  runTransformerSweep,
} from '../transformer';

const FLAGS: FlagSpecs = {
  ...MODEL_HARDWARE_FLAGS,
  mode: {
    type: 'string',
    value: 'MODE',
    description:
      'static | spatial | channel | layer | spatial+channel, or a dash-joined list, one per stage (network sweep; granularities then from --granularity and --channel-granularity)',
  },
  granularities: {
    type: 'string',
    value: 'LIST',
    description:
      'comma-separated candidates: spatial sizes (spatial modes) or channel group sizes (channel); each a number or a dash-joined per-stage list',
  },
  granularity: {
    type: 'string',
    value: 'S',
    description:
      "spatial size of channel mode's scatter-add, or of every spatial+channel candidate with --granularities as G (default 1)",
  },
  'channel-granularity': {
    type: 'string',
    value: 'G',
    description: 'channel group size for spatial+channel candidates (default 1)',
  },
  stage: {
    type: 'string',
    value: 'N',
    description: 'sweep stage N alone (1-based); default: the whole network',
  },
  rates: {
    type: 'string',
    value: 'RANGE',
    description: 'start:stop:step or a comma list (default 0:1:0.05)',
  },
  'channel-rate': {
    type: 'string',
    value: 'R',
    description: 'fixed channel rate for spatial+channel (default: the swept rate)',
  },
  'allow-partial-patches': {
    type: 'boolean',
    description: 'accept granularities that do not divide the feature size',
  },
  ...TRANSFORMER_FLAGS,
  ...TRANSFORMER_SWEEP_FLAG,
};

const USAGE = `Usage:
  laudnet sweep --model resnet101 --hardware v100 --mode spatial --granularities 1,2,4,8 --stage 1 --rates 0:1:0.05

Prints CSV with one row per (candidate, rate): stage,mode,granularity,channel_granularity,rate,latency_s,
static_latency_s,ratio. With --stage the latency and static latency are those of that stage's blocks;
without it, of the whole network (granularities are then per-stage lists such as 4-4-2-1, or one value
for every stage).

  laudnet sweep --model t2t_vit_19 --hardware v100 --mode token [--sweep token] [--rates 0.05:1:0.05]

For a T2T-ViT (t2t_vit_7 … t2t_vit_24) one uniform rate moves (--sweep token | head | attn | mlp | block;
default the mode's own; the other rates from --token-rate, --head-rate, --attn-rate, --mlp-rate) and each row
holds the whole model: model,mode,batch_convention,swept,rate,tokens_kept,heads_kept,latency_s,
static_latency_s,ratio,latency_ms_per_image,stem_s,pos_embed_s,blocks_s,tail_s. Default rates: tokens 0.05 to 1
by 0.05, heads every k/H, execution rates 0 to 1 by 0.05; a rate the official code cannot evaluate (no token
or head kept) is skipped with a note.`;

export const sweepCommand = defineCommand({
  name: 'sweep',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const transformer = isTransformerModel(stringFlag(args, 'model'));
    checkFlagFamily(args, transformer, CNN_ONLY_FLAGS);
    if (transformer) return runTransformerSweep(args, io);
    const model = resolveModelFlags(args, io);
    const hw = resolveHardwareFlags(args, io);
    const arch = model.arch;
    const n = arch.stages.length;
    const modeText = stringFlag(args, 'mode');
    if (modeText === undefined)
      throw new CliError(
        'missing --mode (valid: static, spatial, channel, layer, spatial+channel)',
      );
    const modes = parseModes(modeText, modeText.includes('-') ? n : 1);
    const mixed = modes.some((m) => m !== modes[0]);
    const mode: StageMode = mixed ? (modes.find((m) => m !== 'static') ?? 'static') : modes[0]!;

    const stageText = stringFlag(args, 'stage');
    const stage = stageText === undefined ? null : parsePositiveInt(stageText, '--stage') - 1;
    if (stage !== null && stage >= n)
      throw new CliError(`--stage ${stage + 1} does not exist (valid: 1 to ${n})`);
    const rates = parseRates(stringFlag(args, 'rates') ?? '0:1:0.05');
    const cRateText = stringFlag(args, 'channel-rate');
    const channelRate =
      cRateText === undefined ? undefined : parseNumber(cRateText, '--channel-rate');
    if (channelRate !== undefined) checkRate(channelRate, '--channel-rate');

    const baseG = parsePerStage(stringFlag(args, 'granularity'), n, '--granularity', 1);
    const baseGc = parsePerStage(
      stringFlag(args, 'channel-granularity'),
      n,
      '--channel-granularity',
      1,
    );
    const gText = stringFlag(args, 'granularities');
    if (mixed && stage !== null)
      throw new CliError(
        '--mode: a per-stage list of modes needs a whole-network sweep (no --stage)',
      );
    if (mixed && gText !== undefined)
      throw new CliError(
        '--granularities: not with a per-stage list of modes (give --granularity and --channel-granularity)',
      );
    const sweepsChannel = mode === 'channel';
    const values: number[][] =
      gText === undefined || mode === 'static' || mode === 'layer'
        ? [sweepsChannel ? baseGc : baseG]
        : splitComma(gText, '--granularities').map((item) => perStageCandidate(item, n, stage));
    const candidates: SweepCandidate[] = mixed
      ? [{ mode, modes, granularity: baseG, channelGranularity: baseGc }]
      : values.map((v) =>
          sweepsChannel
            ? { mode, granularity: baseG, channelGranularity: v }
            : { mode, granularity: v, channelGranularity: baseGc },
        );
    // At another input size (--input-size) S may leave partial border patches, as in predict.
    const partialOk = args.values['allow-partial-patches'] === true || model.offNative === true;
    if (!partialOk && mode !== 'layer' && mode !== 'static') {
      for (const c of candidates)
        checkDivides(
          arch.stages.map((s) => s.outResolution),
          c.granularity as number[],
          stage,
        );
    }
    for (const c of candidates) {
      if (mode === 'channel' || mode === 'spatial+channel')
        checkChannel(
          arch.stages.map((s) => Math.min(s.inChannels, s.outChannels)),
          c.channelGranularity as number[],
          stage,
        );
    }

    const res = sweepStage(createPredictor(hw.params), {
      arch,
      stage,
      candidates,
      rates,
      ...(channelRate !== undefined ? { channelRate } : {}),
    });
    const lines = [
      'stage,mode,granularity,channel_granularity,rate,latency_s,static_latency_s,ratio',
    ];
    const pick = (list: number[]) => (stage === null ? list.join('-') : String(list[stage]));
    for (const c of res.curves) {
      for (const pt of c.points) {
        lines.push(
          [
            stage === null ? 'all' : String(stage + 1),
            mixed ? c.modes.join('-') : c.mode,
            pick(c.granularity),
            pick(c.channelGranularity),
            pt.rate,
            pt.latencyS,
            pt.staticLatencyS,
            pt.ratio,
          ].join(','),
        );
      }
    }
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
});

const CNN_ONLY_FLAGS = [
  'arch-file',
  'granularities',
  'granularity',
  'channel-granularity',
  'stage',
  'channel-rate',
  'allow-partial-patches',
];

/** A candidate: one number (for the stage, or every stage) or a dash-joined per-stage list. */
function perStageCandidate(item: string, n: number, stage: number | null): number[] {
  const list = parseDashList(item, '--granularities');
  for (const v of list)
    if (!Number.isInteger(v) || v < 1)
      throw new CliError(`--granularities: ${v} is not a positive integer`);
  if (list.length === 1) return new Array<number>(n).fill(list[0]!);
  if (stage !== null)
    throw new CliError(`--granularities: with --stage give one value per candidate, got '${item}'`);
  if (list.length !== n)
    throw new CliError(`--granularities: '${item}' needs 1 or ${n} values (one per stage)`);
  return list;
}

function checkDivides(sizes: number[], g: number[], stage: number | null): void {
  sizes.forEach((size, i) => {
    if (stage !== null && i !== stage) return;
    if (size % g[i]! !== 0) {
      const valid = Array.from({ length: size }, (_, k) => k + 1).filter((k) => size % k === 0);
      throw new CliError(
        `granularity ${g[i]} does not divide the feature size ${size} of stage ${i + 1} (valid: ${valid.join(', ')}; or --allow-partial-patches)`,
      );
    }
  });
}

function checkChannel(widths: number[], gc: number[], stage: number | null): void {
  widths.forEach((w, i) => {
    if (stage !== null && i !== stage) return;
    if (gc[i]! > w)
      throw new CliError(
        `channel group size ${gc[i]} of stage ${i + 1} must be from 1 to ${w} (the block input width)`,
      );
  });
}
