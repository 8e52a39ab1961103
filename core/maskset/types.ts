/**
 * Types of a mask *set*: the per-image rates of every block over a whole image set (a validation set),
 * read from the exporter's `summary.npz` (format "laudmask-set", version 1) or built from per-image dumps.
 * Everything per image lives in flat typed arrays (row-major `[image][block]`), never in per-image objects,
 * so 50,000 images open in well under a second.
 */
import type { ArchitectureSpec } from '../arch';
import type { ReferenceDynMode, StageMode } from '../maskfile/types';

/** `format` of a set summary's manifest. */
export const MASKSET_FORMAT = 'laudmask-set';
/** Version this build reads and writes. */
export const MASKSET_VERSION = 1;

/** The model block of the summary manifest (the same fields as a dump's `model`). */
export interface MaskSetModel {
  /** `--arch` as the exporter knew it (`uni_resnet50`) or an app id. */
  arch: string;
  dynMode: ReferenceDynMode[];
  spatialGranularity: number[];
  channelGroupSize: number[];
  spatialMaskChannelGroup: number[];
  checkpoint: string | null;
  /** Free text; `checkpoint`, `random-init`, or what the writer said. */
  weights: string;
}

/** One block of the network, with the set's mean decisions. */
export interface MaskSetBlock {
  /** `stage{s}/{b}`: 1-based stage, 0-based block. */
  key: string;
  /** Dotted module path of the block's masker in the user's model ('' when unknown). */
  module: string;
  /** 0-based stage index. */
  stage: number;
  /** 0-based block index inside the stage. */
  index: number;
  /** 0-based block index over the network = column in the rate arrays. */
  globalIndex: number;
  mode: StageMode;
  /** Patch side S (the stage resolution in layer mode); null without a spatial mask. */
  granularity: number | null;
  /** Channels per dynamic group G; null without a channel mask. */
  channelGroupSize: number | null;
  /** [g, h, w] of the decision grid (layer mode [1, 1, 1]); null without a spatial mask. */
  gridShape: [number, number, number] | null;
  /** Channel groups (m / G); null without a channel mask. */
  channelGroups: number | null;
  /** Mean decision per grid cell over the set (g·h·w, row-major); null without a spatial mask or when absent. */
  meanMap: Float32Array | null;
  /** Mean decision per channel group over the set; null without a channel mask or when absent. */
  meanChannel: Float32Array | null;
}

/** Which per-image rate column. `gate` is the layer-skipping gate (layer-mode blocks only). */
export type MaskSetRateKind = 'spatial' | 'conv1' | 'conv2' | 'channel' | 'gate';

/** All rate kinds, in the order of the CLI's JSON. */
export const MASKSET_RATE_KINDS: readonly MaskSetRateKind[] = [
  'spatial',
  'conv1',
  'conv2',
  'channel',
  'gate',
];

/**
 * Per image × block rates, row-major `[image · blocks + block]`, NaN where the block has no such mask.
 * `spatial`, `conv1`, `conv2` and `channel` equal the per-image dumps' rates (layer mode: the gate, as in
 * a dump); `gate` repeats the gate of layer-mode blocks and is NaN elsewhere.
 */
export type MaskSetRates = Record<MaskSetRateKind, Float32Array>;

/** A whole image set's masks, summarised. */
export interface MaskSetSummary {
  model: MaskSetModel;
  arch: ArchitectureSpec;
  /** Per stage, app naming. */
  modes: StageMode[];
  /** Number of images N (rows). */
  images: number;
  /** Every block of the architecture, in network order (B columns). */
  blocks: MaskSetBlock[];
  rates: MaskSetRates;
  /** Top-1 predicted class per image; -1 unknown. */
  predicted: Int32Array;
  /** Label per image (index into `classNames`); -1 unknown. */
  label: Int32Array;
  /** Class names (ImageFolder: the first-level folder names, sorted); empty without labels. */
  classNames: string[];
  /** Per image the dump's path relative to the summary's folder ('' unknown), for lazy loading. */
  dumps: string[];
  /** Per image the source image's path relative to the exported folder ('' unknown). */
  sources: string[];
  /** Non-fatal findings, in sentence case (random-init weights, …). */
  warnings: string[];
}

/** Machine-readable reason a summary was refused (the message says it in words). */
export type MaskSetErrorCode =
  | 'empty'
  | 'not-zip'
  | 'zip'
  | 'manifest-missing'
  | 'manifest-json'
  | 'wrong-format'
  | 'wrong-version'
  | 'manifest-invalid'
  | 'unknown-arch'
  | 'bad-config'
  | 'member-missing'
  | 'npy-invalid'
  | 'wrong-dtype'
  | 'wrong-shape'
  | 'bad-values';

export type ReadMaskSetResult =
  { ok: true; summary: MaskSetSummary } | { ok: false; code: MaskSetErrorCode; error: string };

/** Mean and linear-interpolated percentiles (numpy's default) of the values that exist (NaN skipped). */
export interface Quantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  /** How many values (images) went in. */
  count: number;
}
