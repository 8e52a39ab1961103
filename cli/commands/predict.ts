/** `laudnet predict`: latency of one configuration (table or JSON), or of every line of a JSONL file. */
import { stageTrainability } from '../../core/config/trainability';
import {
  createPredictor,
  predictNetwork,
  type NetworkPrediction,
  type NetworkRequest,
  type Predictor,
} from '../../core/predictor';
import { stringFlag, type FlagSpecs } from '../args';
import { defineCommand } from '../command';
import { capMessage, listWithRest, parseJsonText } from '../../core/config/jsonSyntax';
import { CliError } from '../errors';
import { formatPrediction } from '../format';
import type { CliIo } from '../io';
import { formatInputSize, nativeInputSize, stageOutputSize } from '../../core/arch';
import {
  MODEL_HARDWARE_FLAGS,
  atInputSize,
  buildRequest,
  parseInputSizeValue,
  partialPatchNotes,
  resolveHardwareFlags,
  resolveHardwareValue,
  resolveModelFlags,
  resolveModelId,
} from '../resolve';
import {
  TRANSFORMER_FLAGS,
  checkFlagFamily,
  formatTransformerPrediction,
  isTransformerModel,
  predictTransformerLine,
  runTransformer,
  transformerFigures,
  transformerRequestFromFlags,
} from '../transformer';

const FLAGS: FlagSpecs = {
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
    description: 'spatial patch side per stage, e.g. 4-4-2-1 (default 1)',
  },
  'channel-granularity': {
    type: 'string',
    value: 'G',
    description: 'channel group size per stage, e.g. 2-2-2-2 (default 1)',
  },
  rate: {
    type: 'string',
    value: 'R',
    description: 'activation rate in [0, 1], or a dash-joined per-block list',
  },
  'channel-rate': {
    type: 'string',
    value: 'R',
    description: 'channel rate for spatial+channel stages',
  },
  'allow-partial-patches': {
    type: 'boolean',
    description: 'accept granularities that do not divide the feature size',
  },
  json: { type: 'boolean', description: 'print one JSON object instead of a table' },
  ops: { type: 'boolean', description: 'list every operator under its block (table output)' },
  input: {
    type: 'string',
    value: 'PATH',
    description: "JSONL configurations, one per line ('-' for stdin); prints one JSON line each",
  },
  ...TRANSFORMER_FLAGS,
};

const JSONL_KEYS = [
  'id',
  'model',
  'hardware',
  'hardwareOverrides',
  'mode',
  'granularity',
  'channelGranularity',
  'rate',
  'channelRate',
  'allowPartialPatches',
  'inputSize',
];

const USAGE = `Usage:
  laudnet predict --model resnet101 --hardware v100 --mode spatial --granularity 4-4-2-1 --rate 0.5 [--json]
  laudnet predict --model t2t_vit_19 --hardware v100 --mode token --token-rate 0.5 [--json]
  laudnet predict --input configs.jsonl

Predicts the latency of a dynamic network on a device (per batch and per image), its static latency and the
ratio. Settings the reference code cannot train (RegNet layer mode, G not dividing the bottleneck width) are
still predicted, with a note (JSON: "trainable", "notTrainable"). JSONL lines hold ${JSONL_KEYS.map((k) => `"${k}"`).join(', ')}; a bad line prints {"error": …} and the
others go on (exit status 2 if any line failed). A T2T-ViT line (model t2t_vit_7 … t2t_vit_24) holds "id", "model",
"hardware", "hardwareOverrides", "mode" (static, token, head, block, combined), "tokenRate", "headRate", "attnRate",
"mlpRate" (each a number or a dash-joined per-block list), "batchConvention" (in_shapes, in_predictor) and optional
"tokenSkip", "headSkip", "layerSkip" (dash-joined 0/1 per block); it prints latencyS, staticLatencyS, ratio and the
parts stemS, posEmbedS, blocksS, tailS.`;

/**
 * What the reference code could not train in this request (the latency model still answers): the same
 * rule as `export --format train-flags` and the app's stage cards.
 */
export function requestTrainability(req: NetworkRequest) {
  const problems = req.modes
    .flatMap((mode, i) => stageTrainability(req.arch, i, mode, req.channelGranularity[i] ?? 1))
    .map((p) => p.message);
  const size = nativeInputSize(req.arch);
  if (size.height !== 224 || size.width !== 224)
    problems.unshift(
      `not trainable: the reference training code trains ImageNet classification at 224×224 only ` +
        `(this is ${formatInputSize(size)})`,
    );
  return { trainable: problems.length === 0, notTrainable: problems };
}

/** The headline figures; a non-finite one is an error, never printed with exit 0. */
function summary(pred: NetworkPrediction) {
  const figures = [pred.latencyS, pred.staticLatencyS, pred.ratio];
  if (!figures.every(Number.isFinite)) {
    throw new CliError(
      `the prediction is not a finite number (latency ${pred.latencyS} s); check the hardware numbers`,
    );
  }
  return {
    latencyS: pred.latencyS,
    staticLatencyS: pred.staticLatencyS,
    ratio: pred.ratio,
    latencyMsPerImage: pred.latencyMsPerImage,
    staticMsPerImage: pred.staticMsPerImage,
    batchSize: pred.batchSize,
  };
}

/**
 * Hardware resolved once per distinct (hardware, overrides) of a JSONL file, with its predictor: a
 * script's file usually names one or two devices, and validating them again per line cost more than
 * a warm prediction.
 */
type HardwareCache = Map<
  string,
  { hw: ReturnType<typeof resolveHardwareValue>; predictor: Predictor }
>;

function cachedHardware(cache: HardwareCache, spec: unknown, overrides: unknown) {
  const key = JSON.stringify([spec, overrides ?? null]);
  let hit = cache.get(key);
  if (!hit) {
    const hw = resolveHardwareValue(spec, overrides);
    hit = { hw, predictor: createPredictor(hw.params) };
    if (cache.size >= 64) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** One JSONL line → its output object; throws CliError for a bad line. */
function predictLine(line: string, cache: HardwareCache): Record<string, unknown> {
  const parsed = parseJsonText(line);
  if (!parsed.ok) throw new CliError(`not valid JSON: ${parsed.error}`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliError('each line must be a JSON object');
  const obj = value as Record<string, unknown>;
  if (isTransformerModel(obj.model))
    return predictTransformerLine(
      obj,
      (spec, overrides) => cachedHardware(cache, spec, overrides).hw,
    );
  const unknown = Object.keys(obj).filter((k) => !JSONL_KEYS.includes(k));
  if (unknown.length > 0)
    throw new CliError(
      `unknown key(s) ${listWithRest(unknown, 5, 'unknown keys')} (valid: ${JSONL_KEYS.join(', ')})`,
    );
  const model = atInputSize(
    resolveModelId(obj.model),
    obj.inputSize === undefined ? undefined : parseInputSizeValue(obj.inputSize, 'inputSize'),
  );
  if (obj.hardware === undefined) throw new CliError('missing "hardware"');
  const { hw, predictor } = cachedHardware(cache, obj.hardware, obj.hardwareOverrides);
  const req = buildRequest(
    model.arch,
    {
      mode: obj.mode,
      granularity: obj.granularity,
      channelGranularity: obj.channelGranularity,
      rate: obj.rate,
      channelRate: obj.channelRate,
    },
    obj.allowPartialPatches === true || model.offNative === true,
  );
  const pred = predictNetwork(predictor, req);
  return {
    ...(obj.id !== undefined ? { id: obj.id } : {}),
    model: model.id,
    hardware: hw.id,
    mode: new Set(req.modes).size === 1 ? req.modes[0] : req.modes.join('-'),
    ...(obj.inputSize !== undefined ? inputSizeFields(req) : {}),
    ...summary(pred),
    ...requestTrainability(req),
  };
}

function runJsonl(path: string, io: CliIo): number {
  const lines = io.readText(path).split(/\r?\n/);
  const cache: HardwareCache = new Map();
  // Output goes out in blocks of lines: one write per line was a measurable part of a large file.
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) io.out(pending.join(''));
    pending = [];
  };
  let failed = 0;
  let written = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    // The first answer goes out at once (a reader sees progress), the rest in blocks.
    if (pending.length >= 256 || (failed === 0 && written === 0 && pending.length === 1)) {
      written += pending.length;
      flush();
    }
    try {
      pending.push(`${JSON.stringify(predictLine(line, cache))}\n`);
    } catch (e) {
      // One bad line gives one error line, whatever went wrong; the batch goes on.
      failed++;
      const message =
        e instanceof CliError
          ? e.message
          : `internal error: ${e instanceof Error ? e.message : String(e)}`;
      pending.push(`${JSON.stringify({ error: capMessage(message) })}\n`);
    }
  }
  flush();
  return failed > 0 ? 2 : 0;
}

export const predictCommand = defineCommand({
  name: 'predict',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const input = stringFlag(args, 'input');
    if (input !== undefined) return runJsonl(input, io);
    const transformer = isTransformerModel(stringFlag(args, 'model'));
    checkFlagFamily(args, transformer, CNN_ONLY_FLAGS);
    if (transformer) return predictTransformerFlags(args, io);
    const model = resolveModelFlags(args, io);
    const hw = resolveHardwareFlags(args, io);
    if (stringFlag(args, 'mode') === undefined)
      throw new CliError(
        'missing --mode (valid: static, spatial, channel, layer, spatial+channel)',
      );
    const req = buildRequest(
      model.arch,
      {
        mode: stringFlag(args, 'mode'),
        granularity: stringFlag(args, 'granularity'),
        channelGranularity: stringFlag(args, 'channel-granularity'),
        rate: stringFlag(args, 'rate'),
        channelRate: stringFlag(args, 'channel-rate'),
      },
      args.values['allow-partial-patches'] === true || model.offNative === true,
    );
    const pred = predictNetwork(createPredictor(hw.params), req);
    const headline = summary(pred);
    const sized = stringFlag(args, 'input-size') !== undefined;
    if (args.values.json) {
      const out = {
        model: model.id,
        ...(sized ? inputSizeFields(req) : {}),
        hardware: { id: hw.id, label: hw.label, validated: hw.validated, params: hw.params },
        modes: req.modes,
        granularity: req.granularity,
        channelGranularity: req.channelGranularity,
        ...headline,
        ...requestTrainability(req),
        blocks: pred.blocks,
      };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const modes = [...new Set(req.modes)].join('/');
    const inputText = sized ? `, input ${formatInputSize(nativeInputSize(model.arch))}` : '';
    const title =
      `${model.arch.label}${inputText} on ${hw.label} (batch ${pred.batchSize}), ${modes}` +
      `, granularity ${req.granularity.join('-')}, channel granularity ${req.channelGranularity.join('-')}`;
    io.out(formatPrediction(title, pred, args.values.ops === true));
    for (const m of partialPatchNotes(req)) io.err(`note: ${m} (ceiling rule)\n`);
    for (const m of requestTrainability(req).notTrainable) io.err(`note: ${m}\n`);
    return 0;
  },
});

const CNN_ONLY_FLAGS = [
  'arch-file',
  'granularity',
  'channel-granularity',
  'rate',
  'channel-rate',
  'allow-partial-patches',
  'ops',
  'input-size',
];

/** JSON fields of a sized prediction: the input, the stage maps and the partial-patch labels. */
function inputSizeFields(req: NetworkRequest) {
  return {
    inputSize: formatInputSize(nativeInputSize(req.arch), true),
    stageSizes: req.arch.stages.map((_, i) => formatInputSize(stageOutputSize(req.arch, i), true)),
    partialPatches: partialPatchNotes(req),
  };
}

/** The one-configuration form for a T2T-ViT (`--model t2t_vit_19 --mode token --token-rate 0.5`). */
function predictTransformerFlags(
  args: Parameters<typeof resolveHardwareFlags>[0],
  io: CliIo,
): number {
  const hw = resolveHardwareFlags(args, io);
  const req = transformerRequestFromFlags(args, hw.id);
  const pred = runTransformer(req.config, hw.params);
  const c = req.config;
  if (args.values.json) {
    const out = {
      model: c.model,
      hardware: { id: hw.id, label: hw.label, validated: hw.validated, params: hw.params },
      mode: c.mode,
      batchConvention: c.batchConvention,
      ...transformerFigures(pred),
      shapeBatch: pred.shapeBatch,
      predictorBatch: pred.predictorBatch,
      staticParts: pred.staticParts,
      blocks: pred.blocks,
    };
    io.out(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const title = `${c.model} on ${hw.label} (batch ${pred.batchSize}, ${c.batchConvention}), ${c.mode}`;
  io.out(formatTransformerPrediction(title, pred));
  return 0;
}
