/**
 * Public types of the whole-model T2T-ViT latency predictor (transformer spec,
 * `../shared/spec/transformer-latency.md`). The architectures are data (`variants.ts`), like the CNNs of
 * `core/arch`.
 */

/** The seven performer-stem T2T-ViT variants the spec supports (§4). */
export type T2tVariantId =
  | 't2t_vit_7'
  | 't2t_vit_10'
  | 't2t_vit_12'
  | 't2t_vit_14'
  | 't2t_vit_19'
  | 't2t_vit_24'
  | 't2t_vit_14_wide';

/** One soft split (`nn.Unfold`) of the tokens-to-token stem. */
export interface SoftSplitSpec {
  kernel: number;
  stride: number;
  padding: number;
}

/** The tokens-to-token stem: three soft splits with a token performer after the first two (§4, §5). */
export interface T2tStemSpec {
  /** Input image side in pixels (224, hard-coded by the official functions [T18]). */
  imageSize: number;
  /** Image channels (3). */
  inChannels: number;
  /** Token width of the performers, d_t (64). */
  tokenDim: number;
  /** Performer random-feature ratio (0.5): m = trunc(tokenDim · ratio) features. */
  kernelRatio: number;
  /** The three soft splits, in order. */
  softSplits: readonly [SoftSplitSpec, SoftSplitSpec, SoftSplitSpec];
}

/** A T2T-ViT variant as data. Derived sizes and counts are filled in by `variants.ts`. */
export interface T2tVariant {
  id: T2tVariantId;
  /** Human-readable name (`T2T-ViT-19`). */
  label: string;
  /** Number of transformer blocks N. */
  depth: number;
  /** Embedding dimension D (= 64·H for every supported variant [T17]). */
  embedDim: number;
  /** Attention heads H. */
  heads: number;
  /** Head dimension D ⫽ H (64). */
  headDim: number;
  /** MLP ratio r (hidden width D·r). */
  mlpRatio: number;
  /** Tokens in every block, class token included: L = 197 [T7, T18]. */
  tokens: number;
  /** Classes of the linear head (1000). */
  numClasses: number;
  stem: T2tStemSpec;
  /** Static multiply-accumulates per image (matrix products only; see `counts.ts`). */
  macs: number;
  /** Parameters, every `nn.Parameter` of the T2T-ViT model (frozen ones included; see `counts.ts`). */
  params: number;
  /** Parameters with `requires_grad` (without the sinusoid position table and the performer features). */
  trainableParams: number;
  /** Top-1 ImageNet accuracy (%) reported by the T2T-ViT authors, null where they report none. */
  paperTop1: number | null;
  /** Parameter count (millions) in the T2T-ViT authors' table, null where they report none. */
  paperParamsM: number | null;
  /** MACs (billions) in the T2T-ViT authors' table, null where they report none. */
  paperMacsG: number | null;
}

/** Which skipping switches a configuration turns on (spec §7.1 table). */
export type TransformerMode = 'static' | 'token' | 'head' | 'block' | 'combined';

/**
 * How the preset batch enters the model (spec §2 [T2]): `in_shapes` (default) writes it into the tensor
 * shapes with a batch-1 predictor — reproduces the paper's static numbers; `in_predictor` keeps the preset's
 * predictor batch and batch-1 shapes.
 */
export type BatchConvention = 'in_shapes' | 'in_predictor';

/**
 * One whole-model configuration. Each rate list holds one value (uniform) or one per block (block 0 first).
 * `tokenSkip` / `headSkip` / `layerSkip`, when given (one value or one per block), override the switches that
 * `mode` sets; a switch that is off requires its rates to be exactly 1 [T14].
 */
export interface TransformerConfig {
  model: T2tVariantId;
  mode: TransformerMode;
  /** Token keep rate t per block (kept tokens trunc(197·t) [T7]). */
  tokenRate: number[];
  /** Head keep rate h per block ("head density"; offer k/H [T9]). */
  headRate: number[];
  /** Attention sub-block execution rate a per block. */
  attnRate: number[];
  /** MLP sub-block execution rate m per block. */
  mlpRate: number[];
  batchConvention: BatchConvention;
  tokenSkip?: boolean[];
  headSkip?: boolean[];
  layerSkip?: boolean[];
}

/** The resolved per-block tuple `(ts, t, hs, h, ls, a, m)` of spec §7.1. */
export interface BlockSetting {
  tokenSkip: boolean;
  tokenRate: number;
  headSkip: boolean;
  headRate: number;
  layerSkip: boolean;
  attnRate: number;
  mlpRate: number;
}

/** One costed part of a block (already multiplied by its sub-block's execution rate). */
export interface TransformerPart {
  name: string;
  seconds: number;
}

/** One block of a whole-model evaluation. */
export interface TransformerBlockPrediction {
  /** 0-based block index. */
  index: number;
  /** Block latency per batch, summed exactly as spec §7.6. */
  totalS: number;
  /** Static latency of the same block (all switches off). */
  staticS: number;
  /**
   * The block's terms in spec order: policies, attention sub-block parts (× a), MLP sub-block parts (× m).
   * Their plain sum equals `totalS` up to rounding of the last bits (the total keeps the spec's grouping).
   */
  parts: TransformerPart[];
  setting: BlockSetting;
  /** trunc(197·t) when token skipping, else 197. */
  tokensKept: number;
  /** trunc(H·h) when head skipping, else H. */
  headsKept: number;
  /** rne(D·h) when h < 1, else D (width of the dynamic linears). */
  reducedWidth: number;
  /** trunc(D·h) (width of the attention residual add). */
  residualWidth: number;
}

/** A whole-model evaluation; latencies are per batch of `batchSize` images. */
export interface TransformerPrediction {
  /** ((stem + position embedding) + Σ blocks) + tail, spec §8.2. */
  latencyS: number;
  /** The same variant, hardware and convention with every block static. */
  staticLatencyS: number;
  /** latencyS / staticLatencyS. */
  ratio: number;
  latencyMsPerImage: number;
  staticMsPerImage: number;
  /** The preset's batch (128 or 1): per-image = per-batch / batchSize in both conventions. */
  batchSize: number;
  /** Batch written into the tensor shapes (b). */
  shapeBatch: number;
  /** The predictor's own batch (β). */
  predictorBatch: number;
  stemS: number;
  posEmbedS: number;
  blocksS: number;
  tailS: number;
  /** Static parts, for breakdowns. */
  staticParts: { stemS: number; posEmbedS: number; blocksS: number; tailS: number };
  blocks: TransformerBlockPrediction[];
}
