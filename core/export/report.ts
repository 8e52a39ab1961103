/**
 * The latency report of a configuration: per block mode, S/G, rate, FLOPs, static and dynamic latency with
 * their compute and memory parts, and the network totals. Built once, written as JSON, CSV or Markdown.
 */
import { HARDWARE_PRESETS, type HardwareParams } from '../predictor/hardware';
import { PREDICTOR_VERSION } from '../predictor/version';
import { resolveHardwareParams } from '../config/resolve';
import type { NetworkPrediction, OpReport } from '../predictor/types';
import { effectiveGranularity, resolveArchitecture } from '../config/resolve';
import type { StudioConfig } from '../config/schema';
import { configFlops } from '../flops/config';
import type { NetworkFlops } from '../flops/network';
import { predictConfig } from '../solvers/predict';
import { exportTrainingFlags } from './trainingFlags';

/** One block of the report. Times are milliseconds per image; MACs are in G (10⁹). */
export interface ReportBlock {
  key: string;
  mode: string;
  /** S of spatial stages (the whole map for layer), null where no spatial mask exists. */
  spatialGranularity: number | null;
  /** G of channel stages, null where no channel mask exists. */
  channelGroupSize: number | null;
  rate: number;
  channelRate: number | null;
  staticGMacs: number;
  dynamicGMacs: number;
  flopsRatio: number;
  conv1Density: number;
  conv2Density: number;
  /** MACs conv1 pays above its conv2 share (the 3×3 dilation). */
  conv1OverheadGMacs: number;
  maskerGMacs: number;
  staticLatencyMs: number;
  latencyMs: number;
  latencyRatio: number;
  /** Σ of the operators' compute parts (weighted by how often they run). */
  computeMs: number;
  memoryMs: number;
  staticComputeMs: number;
  staticMemoryMs: number;
}

/** The whole report (also the JSON export, `{format: "laudnet-studio-report", version: 1}`). */
export interface LatencyReport {
  format: 'laudnet-studio-report';
  version: 1;
  name: string;
  /** What wrote the report: the app (or CLI) version and the latency predictor's version. */
  generator: { app: string; appVersion: string | null; predictorVersion: string };
  model: { id: string; label: string };
  /** The hardware, with every parameter the prediction used (preset values plus overrides). */
  hardware: { label: string; batchSize: number; params: HardwareParams };
  /** Height × width (the JSON keeps a number for a square input, as before). */
  inputSize: number | [number, number];
  totals: {
    staticGMacs: number;
    dynamicGMacs: number;
    flopsRatio: number;
    conv1OverheadGMacs: number;
    stemGMacs: number;
    headGMacs: number;
    staticLatencyMs: number;
    latencyMs: number;
    latencyRatio: number;
  };
  trainingFlags: { line: string; warnings: string[] };
  blocks: ReportBlock[];
}

const G = 1e9;

/** Compute and memory parts of a list of operators, ms per image (absent parts count as 0). */
function parts(
  ops: readonly OpReport[],
  batchSize: number,
): { computeMs: number; memoryMs: number } {
  let c = 0;
  let m = 0;
  for (const op of ops) {
    c += (op.computeS ?? 0) * op.executionRate;
    m += (op.memoryS ?? 0) * op.executionRate;
  }
  return { computeMs: (c / batchSize) * 1000, memoryMs: (m / batchSize) * 1000 };
}

/** Who is writing the report (recorded in it). */
export interface ReportOrigin {
  /** "LAUDNet Studio" or "laudnet CLI". */
  app?: string;
  appVersion?: string;
}

/** Display label of the configured hardware. */
export function hardwareLabel(config: StudioConfig): string {
  if (config.hardware.kind === 'custom') return config.hardware.label || 'custom hardware';
  const id = config.hardware.id;
  const preset = HARDWARE_PRESETS.find((p) => p.id === id);
  const overridden = Object.keys(config.hardware.overrides);
  const base = preset?.label ?? id;
  return overridden.length > 0 ? `${base} (with ${overridden.join(', ')} overridden)` : base;
}

/**
 * Builds the report of a configuration. The prediction and FLOPs may be passed in when the caller has
 * them already (the UI computes them in a worker); otherwise they are computed here.
 * @throws on an invalid configuration (validate it first).
 */
export function buildLatencyReport(
  config: StudioConfig,
  prediction: NetworkPrediction = predictConfig(config),
  flops: NetworkFlops = configFlops(config),
  origin: ReportOrigin = {},
): LatencyReport {
  const arch = resolveArchitecture(config);
  const B = prediction.batchSize;
  const ms = (s: number) => (s / B) * 1000;
  const blocks = prediction.blocks.map((p, i): ReportBlock => {
    const f = flops.blocks[i];
    if (!f || f.key !== p.key)
      throw new Error(`report: FLOPs and prediction disagree on block ${p.key}`);
    const stage = config.stages[p.stage];
    const mode = stage?.mode ?? 'static';
    const spatial = mode === 'spatial' || mode === 'layer' || mode === 'spatial+channel';
    const channel = mode === 'channel' || mode === 'spatial+channel';
    const dyn = parts(p.ops, B);
    const stat = parts(p.staticOps, B);
    return {
      key: p.key,
      mode,
      spatialGranularity: spatial && stage ? effectiveGranularity(arch, stage, p.stage) : null,
      channelGroupSize: channel && stage ? stage.channelGroupSize : null,
      rate: p.rate,
      channelRate: mode === 'spatial+channel' ? (p.channelRate ?? null) : null,
      staticGMacs: f.staticMacs.total / G,
      dynamicGMacs: f.dynamicMacs.total / G,
      flopsRatio: f.ratio,
      conv1Density: f.densities.conv1,
      conv2Density: f.densities.conv2,
      conv1OverheadGMacs: f.conv1OverheadMacs / G,
      maskerGMacs: f.dynamicMacs.masker / G,
      staticLatencyMs: ms(p.staticLatencyS),
      latencyMs: ms(p.latencyS),
      latencyRatio: p.latencyS / p.staticLatencyS,
      computeMs: dyn.computeMs,
      memoryMs: dyn.memoryMs,
      staticComputeMs: stat.computeMs,
      staticMemoryMs: stat.memoryMs,
    };
  });
  const flags = exportTrainingFlags(config);
  return {
    format: 'laudnet-studio-report',
    version: 1,
    name: config.name,
    generator: {
      app: origin.app ?? 'LAUDNet Studio',
      appVersion: origin.appVersion ?? null,
      predictorVersion: PREDICTOR_VERSION,
    },
    model: { id: arch.id, label: arch.label },
    hardware: {
      label: hardwareLabel(config),
      batchSize: B,
      params: { ...resolveHardwareParams(config) },
    },
    inputSize: config.inputSize,
    totals: {
      staticGMacs: flops.staticMacs / G,
      dynamicGMacs: flops.dynamicMacs / G,
      flopsRatio: flops.flopsRatio,
      conv1OverheadGMacs: flops.conv1OverheadMacs / G,
      stemGMacs: flops.stemMacs / G,
      headGMacs: flops.headMacs / G,
      staticLatencyMs: prediction.staticMsPerImage,
      latencyMs: prediction.latencyMsPerImage,
      latencyRatio: prediction.ratio,
    },
    trainingFlags: {
      line: flags.line,
      warnings: [...flags.notTrainable.map((p) => p.message), ...flags.warnings],
    },
    blocks,
  };
}
