/**
 * What the set view shows, as the set worker sends it: compact per-block statistics, small mean
 * maps and one ranking array — never 50,000 objects. The worker keeps the full per-image arrays.
 */

/** Bins of every rate histogram, over [0, 1]. */
export const RATE_BINS = 20;

/** Distribution of one rate across the images of the set. */
export interface RateDistribution {
  mean: number;
  min: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  max: number;
  /** Images per bin of width 1 / RATE_BINS (the last bin includes 1). */
  histogram: number[];
}

/** A mean decision map: the share of images in which each mask cell was computed. */
export interface MeanMap {
  width: number;
  height: number;
  values: Float32Array;
}

export interface SetBlockOverview {
  /** "stage1/0". */
  key: string;
  /** 0-based stage. */
  stage: number;
  /** The block's mode in the set ("spatial", "channel", "layer", "spatial+channel", "static"). */
  mode: string;
  spatial: RateDistribution | null;
  conv1: RateDistribution | null;
  channel: RateDistribution | null;
  /** Share of images whose layer gate kept the block (layer mode). */
  gate: RateDistribution | null;
  meanMap: MeanMap | null;
}

/** Images ordered by compute: `order[0]` is the cheapest image's index. */
interface SetRanking {
  order: Int32Array;
  /** FLOPs of each image's masks relative to the static network, by image index. */
  flopsRatio: Float32Array;
  /** Display names by image index. */
  names: string[];
  /** Class label index by image index (-1: unknown). */
  labels: Int32Array;
  /** Path of each image's dump inside the set folder (null: no dump there). */
  dumpPaths: Array<string | null>;
}

export interface ClassMean {
  label: string;
  count: number;
  meanFlopsRatio: number;
  /** Mean spatial (or channel / gate) rate over the blocks and images of the class. */
  meanRate: number;
}

export interface SetOverview {
  name: string;
  images: number;
  archId: string;
  archLabel: string;
  /** Where the overview came from. */
  origin: 'summary' | 'dumps';
  blocks: SetBlockOverview[];
  ranking: SetRanking;
  /** Class names by label index (empty when the set has no labels). */
  classNames: string[];
  /** Per-class means, largest classes first (empty without labels). */
  classes: ClassMean[];
  /** Mean FLOPs ratio over the set. */
  meanFlopsRatio: number;
  /** Notes for the user (e.g. dumps that could not be read). */
  warnings: string[];
}

/** Per-image predicted latency on one hardware preset. */
export interface HardwareSpread {
  id: string;
  label: string;
  /** False for presets never compared with measurements. */
  validated: boolean;
  /** Latency with the set's mean rates, seconds (what "Use the set's rates" makes the header show). */
  meanRatesLatencyS: number;
  staticLatencyS: number;
  p10: number;
  p50: number;
  p90: number;
  /** Latency histogram: bin edges (seconds, length bins + 1) and image counts. */
  edges: number[];
  counts: number[];
  /** Images the spread was computed over (all, or an even sample of a very large set). */
  images: number;
}

export interface LatencySpread {
  setId: number;
  hardware: HardwareSpread[];
}
