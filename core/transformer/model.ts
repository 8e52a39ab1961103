/**
 * The whole-model T2T-ViT latency (spec §8.2): ((stem + position embedding) + Σ blocks) + tail, the blocks
 * accumulated one by one from block 0 — never N × one block, which differs in the last bits. The official
 * code has no whole-model driver [T1]; this is the composition that produced the reference vectors.
 */
import { createPredictor, type Predictor } from '../predictor/context';
import type { HardwareParams } from '../predictor/hardware';
import { PredictorInputError } from '../predictor/errors';
import { blockLatency } from './block';
import { ew, ln, mm } from './ops';
import { resolveBlockSettings, STATIC_BLOCK } from './rates';
import { stemLatency } from './stem';
import { isT2tVariantId, T2T_VARIANT_IDS, T2T_VARIANTS } from './variants';
import type {
  BatchConvention,
  BlockSetting,
  T2tVariant,
  TransformerBlockPrediction,
  TransformerConfig,
  TransformerPrediction,
} from './types';

/** The predictor and the two batches of a convention (spec §2) [T2]. */
export interface BatchSetup {
  predictor: Predictor;
  /** Batch written into the tensor shapes, b. */
  shapeBatch: number;
  /** The predictor's own batch, β. */
  predictorBatch: number;
  /** The preset's batch: per-image latency = per-batch / batchSize. */
  batchSize: number;
}

/**
 * `in_shapes`: the hardware's parameters with `batchSize = 1`, the hardware batch in the shapes;
 * `in_predictor`: the hardware exactly, batch-1 shapes (the unfold then costs one image only [T20]).
 * For batch-1 hardware both are the same computation.
 */
export function batchSetup(hw: HardwareParams, convention: BatchConvention): BatchSetup {
  if (convention !== 'in_shapes' && convention !== 'in_predictor') {
    throw new PredictorInputError(
      `batchConvention: expected in_shapes or in_predictor, found ${String(convention)}`,
    );
  }
  const inShapes = convention === 'in_shapes';
  const predictor = createPredictor(inShapes ? { ...hw, batchSize: 1 } : hw);
  return {
    predictor,
    shapeBatch: inShapes ? hw.batchSize : 1,
    predictorBatch: predictor.B,
    batchSize: hw.batchSize,
  };
}

/** `simulate_add_pos_embed(b, 197, D)`: one element-wise add; the class token is free [T18]. */
export function posEmbedLatency(p: Predictor, v: T2tVariant, b: number): number {
  return ew(p, [b, v.tokens, v.embedDim]);
}

/** `simulate_tail(b, D)`: final norm on all 197 tokens, classifier on the class token (b rows [T22]). */
export function tailLatency(p: Predictor, v: T2tVariant, b: number): number {
  return ln(p, [b, v.tokens, v.embedDim]) + mm(p, v.numClasses, v.embedDim, b);
}

interface Totals {
  stemS: number;
  posEmbedS: number;
  blocksS: number;
  tailS: number;
  latencyS: number;
  blocks: TransformerBlockPrediction[];
}

/** Memo key of a block setting (the tuple of spec §7.1; rates as exact doubles). */
function settingKey(s: BlockSetting): string {
  return [
    +s.tokenSkip,
    s.tokenRate,
    +s.headSkip,
    s.headRate,
    +s.layerSkip,
    s.attnRate,
    s.mlpRate,
  ].join(',');
}

/**
 * Stem, position embedding, tail and each distinct block are pure functions of (hardware, variant, b,
 * setting): memoised in the predictor's plan table, keyed by hardware parameters (spec §11.10).
 */
function evaluate(
  p: Predictor,
  v: T2tVariant,
  b: number,
  settings: readonly BlockSetting[],
): Totals {
  const prefix = `t2t:${v.id}:${b}`;
  const stemS = p.memoPlan(`${prefix}:stem`, () => stemLatency(p, v, b));
  const posEmbedS = p.memoPlan(`${prefix}:pos`, () => posEmbedLatency(p, v, b));
  let blocksS = 0;
  const blocks: TransformerBlockPrediction[] = [];
  settings.forEach((s, k) => {
    const memo = p.memoPlan(`${prefix}:blk:${settingKey(s)}`, () => blockLatency(p, v, b, 0, s));
    const blk = {
      ...memo,
      index: k,
      setting: { ...memo.setting },
      parts: memo.parts.map((x) => ({ ...x })),
    };
    blocksS = blocksS + blk.totalS; // one by one from block 0, never N × one block (spec §8.2)
    blocks.push(blk);
  });
  const tailS = p.memoPlan(`${prefix}:tail`, () => tailLatency(p, v, b));
  return {
    stemS,
    posEmbedS,
    blocksS,
    tailS,
    latencyS: stemS + posEmbedS + blocksS + tailS,
    blocks,
  };
}

function staticTotals(setup: BatchSetup, v: T2tVariant): Totals {
  const key = `t2t:${v.id}:${setup.shapeBatch}:static`;
  return setup.predictor.memoPlan(key, () =>
    evaluate(
      setup.predictor,
      v,
      setup.shapeBatch,
      Array.from({ length: v.depth }, () => STATIC_BLOCK),
    ),
  );
}

/** The variant of an id, or a PredictorInputError listing the supported ids. */
export function t2tVariant(id: string): T2tVariant {
  if (!isT2tVariantId(id)) {
    throw new PredictorInputError(
      `model: expected one of ${T2T_VARIANT_IDS.join(', ')}, found ${String(id)}`,
    );
  }
  return T2T_VARIANTS[id];
}

/**
 * Whole-model latency of a dynamic T2T-ViT (spec §8.2) on hardware `hw` (a preset's parameters or any
 * override; the batch convention of spec §2 decides where `hw.batchSize` goes). Reproduces the official
 * functions bit for bit, quirks T1–T25 included; memoised by hardware parameters.
 * @throws PredictorInputError for configurations the official code cannot evaluate (spec §9: no token or
 *   head kept, a projection width rounded to 0, a rate ≠ 1 with its switch off), a per-block list of the
 *   wrong length, a rate outside 0 … 1 or an unknown model — the message names the valid range.
 * @throws HardwareError for invalid hardware parameters.
 */
export function predictTransformer(
  cfg: TransformerConfig,
  hw: HardwareParams,
): TransformerPrediction {
  const v = t2tVariant(cfg.model);
  const settings = resolveBlockSettings(v, cfg);
  const setup = batchSetup(hw, cfg.batchConvention);
  const stat = staticTotals(setup, v);
  const dyn = evaluate(setup.predictor, v, setup.shapeBatch, settings);
  const staticBlockS = stat.blocks[0]?.totalS ?? 0;
  const perImageMs = (s: number): number => (s / setup.batchSize) * 1000;
  return {
    latencyS: dyn.latencyS,
    staticLatencyS: stat.latencyS,
    ratio: dyn.latencyS / stat.latencyS,
    latencyMsPerImage: perImageMs(dyn.latencyS),
    staticMsPerImage: perImageMs(stat.latencyS),
    batchSize: setup.batchSize,
    shapeBatch: setup.shapeBatch,
    predictorBatch: setup.predictorBatch,
    stemS: dyn.stemS,
    posEmbedS: dyn.posEmbedS,
    blocksS: dyn.blocksS,
    tailS: dyn.tailS,
    staticParts: {
      stemS: stat.stemS,
      posEmbedS: stat.posEmbedS,
      blocksS: stat.blocksS,
      tailS: stat.tailS,
    },
    blocks: dyn.blocks.map((blk) => ({ ...blk, staticS: staticBlockS })),
  };
}
