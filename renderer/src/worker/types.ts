import type { NetworkFlops } from '../../../core/flops';
import type { GranularityResult } from '../../../core/solvers';
import type { NetworkPrediction, StageMode } from '../../../core/predictor';

/** Everything the views show for the current configuration. */
export interface Analysis {
  prediction: NetworkPrediction;
  flops: NetworkFlops;
  flopsRatio: number;
  /** Time spent in the worker, ms. */
  workerMs: number;
  /** The training script's flags for the configuration (absent in results made by tests). */
  trainingFlags?: TrainingFlagsText;
}

/** A configuration as the reference training script's flags, and what they cannot express. */
export interface TrainingFlagsText {
  line: string;
  warnings: string[];
}

export type CurveMode = StageMode | 'config';

export interface CurvePoint {
  rate: number;
  ratio: number;
  /** Latency of the swept scope per batch, s (absent on the live marker). */
  latencyS?: number;
}

/** What core's sweep was asked for, per stage: enough to rerun it (`laudnet sweep`) or export it. */
export interface CurveSweep {
  modes: StageMode[];
  granularity: number[];
  channelGranularity: number[];
}

/** One latency-ratio curve: a candidate granularity (or mode) swept over the activation rate. */
export interface CurveSeries {
  id: string;
  label: string;
  mode: CurveMode;
  granularity: number | null;
  /** True for the series matching the current configuration (it carries the marker). */
  current: boolean;
  sweep: CurveSweep;
  points: CurvePoint[];
}

export interface CurveSet {
  scope: 'stage' | 'network';
  /** 0-based stage for the stage scope. */
  stage: number;
  batchSize: number;
  /** Static latency of the swept scope per batch, s. */
  staticLatencyS: number;
  series: CurveSeries[];
}

/** The same configuration on one hardware preset. */
export interface HardwareRow {
  id: string;
  label: string;
  validated: boolean;
  batchSize: number;
  latencyS: number;
  staticLatencyS: number;
  ratio: number;
  msPerImage: number;
  staticMsPerImage: number;
}

/** The granularity choice: S for spatial stages, G for channel stages, with reference rows and matched FLOPs. */
export type GranularityChoice = GranularityResult;
