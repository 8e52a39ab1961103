/**
 * Types shared by real mask dumps (`.laudmask.npz`, formulation spec §7) and the image-saliency proxy, so
 * that every view draws both sources through one shape: {@link BlockMaskSet}.
 */
import type { ArchitectureSpec } from '../arch';
import type { ConfigStageMode } from '../config/schema';
import type { LaudmaskManifest } from './manifest';

/** `--dyn_mode` values of the reference training script (spec §6); `both` = spatial + channel. */
export type ReferenceDynMode = 'spatial' | 'channel' | 'layer' | 'both';

/** Stage modes as the app names them (spec §2; the configuration's own type). */
export type StageMode = ConfigStageMode;

/** A stack of `groups` binary maps of `height × width`, row-major, group-major; 1 = kept. */
export interface MaskPlane {
  groups: number;
  height: number;
  width: number;
  data: Uint8Array;
}

/** Soft scores with the layout of a {@link MaskPlane}; ≥ 0 means "keep" (keep − skip logit). */
export interface ScorePlane {
  groups: number;
  height: number;
  width: number;
  data: Float32Array;
}

/** Fractions of kept units; null where the block has no such mask. */
export interface BlockRates {
  /** Kept decision cells / cells (in layer mode the gate, 0 or 1). */
  spatial: number | null;
  /** Density of conv2's (= conv3's) full-resolution mask. */
  conv2: number | null;
  /** Density of conv1's mask (dilated, at the block's input resolution). */
  conv1: number | null;
  /** Kept channel groups / groups. */
  channel: number | null;
}

/** Every mask of one block, whatever produced it. */
export interface BlockMaskSet {
  /** `stage{s}/{b}`: 1-based stage, 0-based block. */
  key: string;
  /** 0-based stage index. */
  stage: number;
  /** 0-based block index inside the stage. */
  index: number;
  /** 0-based block index over the network. */
  globalIndex: number;
  mode: StageMode;
  /** Patch side S of the decision grid (the stage resolution in layer mode); null without spatial mask. */
  granularity: number | null;
  /** Channels per dynamic group G; null without channel mask. */
  channelGroupSize: number | null;
  /** Decision grid [g, H/S, W/S] (layer mode: [1, 1, 1], the gate). */
  grid: MaskPlane | null;
  /** Soft score per decision cell (keep − skip; ≥ 0 ⇔ kept up to ties). */
  gridScore: ScorePlane | null;
  /** conv2/conv3 mask at the block's output resolution. */
  conv2: MaskPlane | null;
  /** conv1 mask at the block's input resolution (stride-2 first blocks: twice the output side). */
  conv1: MaskPlane | null;
  /** One entry per channel group (m / G entries). */
  channel: Uint8Array | null;
  rates: BlockRates;
}

/** One block of a real dump: the masks plus what the manifest claims. */
export interface DumpBlock extends BlockMaskSet {
  /** Dotted module path of the block's masker in the user's model (from the manifest). */
  module: string;
  /** Rates the exporter wrote into the manifest (null where it wrote none; rates on the block come from arrays). */
  manifestRates: BlockRates;
  /** conv masks the file left out, derived here from the decision grid (spec §2). */
  derived: ('conv1' | 'conv2')[];
}

/** A validated mask dump. */
export interface MaskDump {
  manifest: LaudmaskManifest;
  arch: ArchitectureSpec;
  /** Per stage, app naming. */
  modes: StageMode[];
  /** Per stage, as in the manifest. */
  referenceModes: ReferenceDynMode[];
  spatialGranularity: number[];
  channelGroupSize: number[];
  spatialMaskChannelGroup: number[];
  /** `random-init` when the manifest's `weights` text mentions "random", else `checkpoint`. */
  weights: 'checkpoint' | 'random-init';
  /** The manifest's `weights` text as written (null when absent). */
  weightsText: string | null;
  checkpoint: string | null;
  /** [width, height] of the original image, when the manifest gives it. */
  origSize: [number, number] | null;
  /** [left, top, right, bottom] of the network input's crop in the original, when given. */
  cropBox: [number, number, number, number] | null;
  blocks: DumpBlock[];
  /** The exact 224×224 network input, PNG bytes. */
  imagePng: Uint8Array;
  /** Non-fatal findings (manifest rates that disagree with the arrays, …), in sentence case. */
  warnings: string[];
}

/** Machine-readable reason a dump was rejected (the message says it in words). */
export type MaskDumpErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-zip'
  | 'zip-corrupt'
  | 'zip-unsupported'
  | 'too-many-members'
  | 'decompressed-too-large'
  | 'manifest-missing'
  | 'manifest-json'
  | 'wrong-format'
  | 'wrong-version'
  | 'manifest-invalid'
  | 'unknown-arch'
  | 'other-arch'
  | 'bad-config'
  | 'member-missing'
  | 'unexpected-member'
  | 'npy-invalid'
  | 'wrong-dtype'
  | 'wrong-shape'
  | 'mask-values'
  | 'image-missing'
  | 'image-not-png'
  | 'image-size';

export type ReadMaskDumpResult =
  { ok: true; dump: MaskDump } | { ok: false; code: MaskDumpErrorCode; error: string };

/** Maps the reference script's mode names to the app's. */
export function stageModeFromReference(mode: ReferenceDynMode): StageMode {
  return mode === 'both' ? 'spatial+channel' : mode;
}

/** True when a stage mode carries a spatial decision grid (layer gates included). */
export function hasSpatialMask(mode: StageMode | ReferenceDynMode): boolean {
  return mode === 'spatial' || mode === 'layer' || mode === 'both' || mode === 'spatial+channel';
}

/** True when a stage mode carries channel-group decisions. */
export function hasChannelMask(mode: StageMode | ReferenceDynMode): boolean {
  return mode === 'channel' || mode === 'both' || mode === 'spatial+channel';
}
