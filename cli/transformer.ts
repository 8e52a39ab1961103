/**
 * The transformer (T2T-ViT) side of `predict`, `sweep` and `tune`: flags, JSONL lines and output. A
 * command hands over here when its model is a T2T-ViT variant (`isTransformerModel`).
 */
import { writeFileSync } from 'node:fs';
import {
  isTransformerModel,
  parseTransformerRequest,
  transformerDocument,
  type TransformerRequest,
} from '../core/config/transformer';
import { PredictorInputError, type HardwareParams } from '../core/predictor';
import {
  defaultSweepRates,
  defaultSweptRate,
  predictTransformer,
  sweepTransformer,
  SWEPT_RATES,
  T2T_VARIANTS,
  tuneTransformerBudget,
  type SweptRate,
  type TransformerConfig,
  type TransformerPrediction,
} from '../core/transformer';
import { parseNumber, parseRates, stringFlag, type FlagSpecs, type ParsedArgs } from './args';
import { CliError } from './errors';
import { table } from './format';
import type { CliIo } from './io';
import { resolveHardwareFlags } from './resolve';

/** The transformer-only flags (shared by predict, sweep and tune). */
export const TRANSFORMER_FLAGS: FlagSpecs = {
  'token-rate': {
    type: 'string',
    value: 'R',
    description: 'T2T-ViT: token keep rate t, or a dash-joined per-block list (default 1)',
  },
  'head-rate': {
    type: 'string',
    value: 'R',
    description: 'T2T-ViT: head keep rate h (k/H), or a per-block list (default 1)',
  },
  'attn-rate': {
    type: 'string',
    value: 'R',
    description: 'T2T-ViT: attention sub-block execution rate, or a per-block list (default 1)',
  },
  'mlp-rate': {
    type: 'string',
    value: 'R',
    description: 'T2T-ViT: MLP sub-block execution rate, or a per-block list (default 1)',
  },
  'batch-convention': {
    type: 'string',
    value: 'C',
    description: 'T2T-ViT: in_shapes (default, the paper’s numbers) | in_predictor',
  },
  'token-skip': {
    type: 'string',
    value: 'B',
    description: 'T2T-ViT: token-skipping switch per block, dash-joined 0/1 (overrides --mode)',
  },
  'head-skip': {
    type: 'string',
    value: 'B',
    description: 'T2T-ViT: head-skipping switch per block, dash-joined 0/1 (overrides --mode)',
  },
  'layer-skip': {
    type: 'string',
    value: 'B',
    description: 'T2T-ViT: block-skipping switch per block, dash-joined 0/1 (overrides --mode)',
  },
};

/** Flag name → request key. */
const FLAG_KEYS: Record<string, string> = {
  'token-rate': 'tokenRate',
  'head-rate': 'headRate',
  'attn-rate': 'attnRate',
  'mlp-rate': 'mlpRate',
  'batch-convention': 'batchConvention',
  'token-skip': 'tokenSkip',
  'head-skip': 'headSkip',
  'layer-skip': 'layerSkip',
};

/** The modes of a transformer, for messages. */
export const TRANSFORMER_MODES_TEXT = 'static, token, head, block, combined';

/** Refuses CNN-only flags with a transformer model and transformer flags with a CNN. */
export function checkFlagFamily(
  args: ParsedArgs,
  transformer: boolean,
  cnnOnly: readonly string[],
): void {
  const given = (names: readonly string[]) => names.filter((n) => args.values[n] !== undefined);
  if (transformer) {
    const wrong = given(cnnOnly);
    if (wrong.length > 0)
      throw new CliError(
        `--${wrong[0]} is for CNN models; a T2T-ViT takes --token-rate, --head-rate, --attn-rate, --mlp-rate, --batch-convention and the --*-skip switches`,
      );
  } else {
    const wrong = given(Object.keys(TRANSFORMER_FLAGS));
    if (wrong.length > 0)
      throw new CliError(`--${wrong[0]} is for T2T-ViT models (t2t_vit_7 … t2t_vit_24)`);
  }
}

/**
 * The hardware as a document records it: the preset id when the flags named a preset unchanged, else the
 * full parameters (a hardware file, or --batch-size / --mem-concurrent-fp32 overrides).
 */
export function documentHardware(
  args: ParsedArgs,
  hw: { id: string; params: HardwareParams },
): unknown {
  const changed = ['hardware-file', 'batch-size', 'mem-concurrent-fp32'].some(
    (f) => args.values[f] !== undefined,
  );
  return changed ? { ...hw.params } : hw.id;
}

/** A request from flags (`--model`, `--mode` and the transformer flags); hardware is resolved by the caller. */
export function transformerRequestFromFlags(
  args: ParsedArgs,
  hardware: unknown,
): TransformerRequest {
  const obj: Record<string, unknown> = {
    model: stringFlag(args, 'model'),
    hardware,
    mode: stringFlag(args, 'mode'),
  };
  if (obj.mode === undefined)
    throw new CliError(`missing --mode (valid for a T2T-ViT: ${TRANSFORMER_MODES_TEXT})`);
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const v = stringFlag(args, flag);
    if (v !== undefined) obj[key] = v;
  }
  const parsed = parseTransformerRequest(obj);
  if (!parsed.ok) throw new CliError(flagNames(parsed.error));
  return parsed.value;
}

/** Rewrites request keys in a message as the flags the user typed (`tokenRate:` → `--token-rate:`). */
function flagNames(message: string): string {
  let out = message;
  for (const [flag, key] of Object.entries(FLAG_KEYS))
    out = out.replaceAll(`${key}:`, `--${flag}:`);
  return out.replace(/^mode:/m, '--mode:').replace(/^model:/m, '--model:');
}

/** `predictTransformer` with the refusals of spec §9 as CliErrors (exit status 2). */
export function runTransformer(
  config: TransformerConfig,
  hw: HardwareParams,
): TransformerPrediction {
  try {
    const pred = predictTransformer(config, hw);
    if (![pred.latencyS, pred.staticLatencyS, pred.ratio].every(Number.isFinite))
      throw new CliError(
        `the prediction is not a finite number (latency ${pred.latencyS} s); check the hardware numbers`,
      );
    return pred;
  } catch (e) {
    if (e instanceof PredictorInputError) throw new CliError(e.message);
    throw e;
  }
}

/** The figures every transformer answer carries (`predict --input` lines and `--json`). */
export function transformerFigures(pred: TransformerPrediction) {
  return {
    latencyS: pred.latencyS,
    staticLatencyS: pred.staticLatencyS,
    ratio: pred.ratio,
    latencyMsPerImage: pred.latencyMsPerImage,
    staticMsPerImage: pred.staticMsPerImage,
    batchSize: pred.batchSize,
    stemS: pred.stemS,
    posEmbedS: pred.posEmbedS,
    blocksS: pred.blocksS,
    tailS: pred.tailS,
  };
}

/**
 * One `predict --input` line of a transformer → its output object.
 * @param resolveHw the command's hardware resolver (preset id or custom object, with overrides).
 */
export function predictTransformerLine(
  obj: Record<string, unknown>,
  resolveHw: (spec: unknown, overrides: unknown) => { id: string; params: HardwareParams },
): Record<string, unknown> {
  const parsed = parseTransformerRequest(obj, ['id']);
  if (!parsed.ok) throw new CliError(parsed.error);
  const { config } = parsed.value;
  const hw = resolveHw(parsed.value.hardware, parsed.value.hardwareOverrides);
  const pred = runTransformer(config, hw.params);
  return {
    ...(obj.id !== undefined ? { id: obj.id } : {}),
    model: config.model,
    hardware: hw.id,
    mode: config.mode,
    batchConvention: config.batchConvention,
    ...transformerFigures(pred),
  };
}

const ms = (s: number, batch: number) => ((s / batch) * 1000).toFixed(4);

/** The plain-text answer of `predict` for a transformer: headline, the four parts, then every block. */
export function formatTransformerPrediction(title: string, pred: TransformerPrediction): string {
  const b = pred.batchSize;
  const head = [
    title,
    `latency ${pred.latencyS.toPrecision(6)} s per batch, ${pred.latencyMsPerImage.toFixed(4)} ms per image; ` +
      `static ${pred.staticMsPerImage.toFixed(4)} ms; ratio ${pred.ratio.toFixed(4)}`,
    '',
  ];
  const parts = table(
    ['part', 'ms per image', 'static ms per image'],
    [
      ['stem', ms(pred.stemS, b), ms(pred.staticParts.stemS, b)],
      ['position embedding', ms(pred.posEmbedS, b), ms(pred.staticParts.posEmbedS, b)],
      ['blocks', ms(pred.blocksS, b), ms(pred.staticParts.blocksS, b)],
      ['tail', ms(pred.tailS, b), ms(pred.staticParts.tailS, b)],
    ],
  );
  const blocks = table(
    ['block', 'tokens', 'heads', 'attn', 'mlp', 'ms per image', 'ratio'],
    pred.blocks.map((blk) => [
      String(blk.index),
      String(blk.tokensKept),
      String(blk.headsKept),
      String(blk.setting.attnRate),
      String(blk.setting.mlpRate),
      ms(blk.totalS, b),
      (blk.totalS / blk.staticS).toFixed(4),
    ]),
  );
  return `${head.join('\n')}${parts}\n\n${blocks}\n`;
}

/** The studio document of a request (what `tune --out` writes), pretty JSON. */
export function transformerDocumentText(req: TransformerRequest): string {
  return `${JSON.stringify(transformerDocument(req), null, 2)}\n`;
}

export { isTransformerModel };

/** Flags of `sweep` and `tune` for a T2T-ViT (besides TRANSFORMER_FLAGS). */
export const TRANSFORMER_SWEEP_FLAG: FlagSpecs = {
  sweep: {
    type: 'string',
    value: 'RATE',
    description:
      'T2T-ViT: which uniform rate moves: token | head | attn | mlp | block (attn and MLP together); default: the mode’s own',
  },
};

/** The `--sweep` choice, or the mode's default. */
export function sweptRateFromFlags(args: ParsedArgs, mode: TransformerConfig['mode']): SweptRate {
  const text = stringFlag(args, 'sweep');
  if (text !== undefined) {
    if (!(SWEPT_RATES as readonly string[]).includes(text))
      throw new CliError(`--sweep: expected one of ${SWEPT_RATES.join(', ')}, found '${text}'`);
    return text as SweptRate;
  }
  const d = defaultSweptRate(mode);
  if (d === null)
    throw new CliError(
      `--mode static has no rate to move (valid for a T2T-ViT: token, head, block, combined)`,
    );
  return d;
}

/** `sweep` for a T2T-ViT: CSV, one row per rate the official code can evaluate; refused rates as notes. */
export function runTransformerSweep(args: ParsedArgs, io: CliIo): number {
  const hw = resolveHardwareFlags(args, io);
  const req = transformerRequestFromFlags(args, documentHardware(args, hw));
  const c = req.config;
  const swept = sweptRateFromFlags(args, c.mode);
  const ratesText = stringFlag(args, 'rates');
  const rates =
    ratesText === undefined
      ? defaultSweepRates(T2T_VARIANTS[c.model], swept)
      : parseRates(ratesText);
  let points;
  try {
    points = sweepTransformer(c, hw.params, swept, rates);
  } catch (e) {
    if (e instanceof PredictorInputError) throw new CliError(e.message);
    throw e;
  }
  const lines = [
    'model,mode,batch_convention,swept,rate,tokens_kept,heads_kept,latency_s,static_latency_s,ratio,latency_ms_per_image,stem_s,pos_embed_s,blocks_s,tail_s',
  ];
  for (const pt of points) {
    if (!pt.ok) {
      io.err(`note: rate ${pt.rate} skipped: ${pt.error}\n`);
      continue;
    }
    const p = pt.prediction;
    const first = p.blocks[0];
    lines.push(
      [
        c.model,
        c.mode,
        c.batchConvention,
        swept,
        pt.rate,
        first?.tokensKept ?? '',
        first?.headsKept ?? '',
        p.latencyS,
        p.staticLatencyS,
        p.ratio,
        p.latencyMsPerImage,
        p.stemS,
        p.posEmbedS,
        p.blocksS,
        p.tailS,
      ].join(','),
    );
  }
  if (lines.length === 1)
    throw new CliError('no rate of --rates can be evaluated (see the notes above)');
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

/** `tune --budget-ms` for a T2T-ViT: the uniform rate that best uses the budget (exit 3 when out of reach). */
export function runTransformerTune(args: ParsedArgs, io: CliIo): number {
  if (stringFlag(args, 'target-flops') !== undefined)
    throw new CliError('--target-flops is for CNN models; a T2T-ViT is tuned with --budget-ms');
  const budgetText = stringFlag(args, 'budget-ms');
  if (budgetText === undefined) throw new CliError('missing --budget-ms MS (ms per image)');
  const budget = parseNumber(budgetText, '--budget-ms');
  if (!(budget > 0)) throw new CliError(`--budget-ms: ${budget} must be positive`);
  const hw = resolveHardwareFlags(args, io);
  const req = transformerRequestFromFlags(args, documentHardware(args, hw));
  const swept = sweptRateFromFlags(args, req.config.mode);
  let res;
  try {
    res = tuneTransformerBudget(req.config, hw.params, swept, budget);
  } catch (e) {
    if (e instanceof PredictorInputError) throw new CliError(e.message);
    throw e;
  }
  const tunedReq: TransformerRequest = { ...req, config: res.config };
  if (!res.achievable)
    io.err(
      `warning: ${budget} ms is out of reach with the ${swept} rate (range ${res.rangeMsPerImage[0].toFixed(4)} to ${res.rangeMsPerImage[1].toFixed(4)} ms per image)\n`,
    );
  const out = stringFlag(args, 'out');
  if (out !== undefined) {
    try {
      writeFileSync(out, transformerDocumentText(tunedReq));
    } catch (e) {
      throw new CliError(`cannot write '${out}' (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const p = res.prediction;
  if (args.values.json) {
    io.out(
      `${JSON.stringify(
        {
          target: { kind: 'latency', budgetMsPerImage: budget },
          swept,
          achievable: res.achievable,
          rate: res.rate,
          tokensKept: p.blocks[0]?.tokensKept,
          headsKept: p.blocks[0]?.headsKept,
          ...transformerFigures(p),
          latencyRatio: p.ratio,
          config: transformerDocument(tunedReq),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const b0 = p.blocks[0];
    io.out(
      [
        `latency budget ${budget} ms per image, ${req.config.model} ${req.config.mode}, ${swept} rate`,
        `  rate ${res.rate.toFixed(6)}${b0 ? ` (${b0.tokensKept} tokens, ${b0.headsKept} head${b0.headsKept === 1 ? '' : 's'} per block)` : ''}`,
        `latency ${p.latencyMsPerImage.toFixed(5)} ms per image (static ${p.staticMsPerImage.toFixed(5)}, ratio ${p.ratio.toFixed(4)})`,
        ...(out !== undefined ? [`wrote ${out}`] : []),
        '',
      ].join('\n'),
    );
  }
  return res.achievable ? 0 : 3;
}
