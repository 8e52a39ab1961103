/** Public request/result types of the network-level predictor. */
import type { ArchitectureSpec } from '../arch';

/** How a stage's blocks execute. 'spatial+channel' is this project's extension (no reference data). */
export type StageMode = 'static' | 'spatial' | 'channel' | 'layer' | 'spatial+channel';

/** All stage modes, in display order. */
export const STAGE_MODES: readonly StageMode[] = [
  'static',
  'spatial',
  'channel',
  'layer',
  'spatial+channel',
];

/** One whole-network evaluation; every per-stage list has one entry per stage of `arch`. */
export interface NetworkRequest {
  arch: ArchitectureSpec;
  /** Mode per stage. */
  modes: StageMode[];
  /** Spatial granularity S (patch side) per stage; layer mode ignores it, channel mode uses it for its scatter-add [Q20]. */
  granularity: number[];
  /** Channel group size G per stage (only the channel-masker predictor sees it [Q11]). */
  channelGranularity: number[];
  /** Per stage, per block activation rate: spatial density, layer execution rate or channel rate. */
  rates: number[][];
  /** Only for 'spatial+channel' stages: channel rate per block (rates then hold the spatial density). */
  channelRates?: number[][];
}

/** One operator of a block, as costed. */
export interface OpReport {
  /** 'masker+conv1' | 'conv1' | 'conv2' | 'conv3' | 'scatter_add' | 'add' | 'shortcut' | 'se' | 'channel_masker' | 'gate'. */
  op: string;
  /** Latency of the operator (per batch), launches included; for layer-skipped ops: when the block runs. */
  latencyS: number;
  computeS: number | null;
  memoryS: number | null;
  tile: { c: number; h: number; w: number; npp?: number; nTiles: number } | null;
  /** Which masker schedule won ('masker+conv1' only). */
  schedule?: 'fused' | 'unfused';
  /** Kernel launches. */
  launches: number;
  /** Fraction of forward passes in which the op runs: the layer-skipping rate for skippable ops, else 1. */
  executionRate: number;
}

/** One block of a network evaluation. */
export interface BlockPrediction {
  /** `stage{s}/{b}` (1-based stage, 0-based block), as in mask dumps. */
  key: string;
  /** 0-based stage index. */
  stage: number;
  /** 0-based block index inside the stage. */
  index: number;
  mode: StageMode;
  /** Activation rate of the block (spatial density, execution rate or channel rate). */
  rate: number;
  /** Channel rate for 'spatial+channel' blocks. */
  channelRate?: number;
  /**
   * Block latency per batch: the left-to-right sum of `ops` latencies (for layer mode
   * `(gate + shortcut) + (conv1 + conv2 + conv3 + add [+ se]) · rate`, the reference's formula).
   */
  latencyS: number;
  staticLatencyS: number;
  ops: OpReport[];
  staticOps: readonly OpReport[];
}

/** A whole-network evaluation. Latencies are per batch of `batchSize` images. */
export interface NetworkPrediction {
  /** Exactly the left-to-right sum of the block latencies, stage by stage, block by block. */
  latencyS: number;
  /** The reference's static total: Σ over stages of first block + (blocks − 1) · other block. */
  staticLatencyS: number;
  /** latencyS / staticLatencyS. */
  ratio: number;
  latencyMsPerImage: number;
  staticMsPerImage: number;
  batchSize: number;
  blocks: BlockPrediction[];
}
