/**
 * Theory vs practice: how much of the FLOPs a configuration removes against how much latency it removes,
 * per block, per stage and for the network, and a one-line reason for the difference.
 */
import type { BlockDynamics } from '../../../../core/flops/block';
import type { Analysis } from '../../worker/types';
import { splitOpTime } from '../breakdown/ops';
import { formatChange, movement } from './change';

export interface TheoryPoint {
  key: string;
  stage: number;
  /** 1 − dynamic/static MACs (fraction; negative when the dynamic block costs more). */
  flopsReduction: number;
  /** 1 − dynamic/static latency (fraction). */
  latencyReduction: number;
  dynamics: BlockDynamics | null;
}

export interface StageTheory {
  stage: number;
  flopsReduction: number;
  latencyReduction: number;
  /** Modes present in the stage ("spatial", "static"…). */
  modes: string[];
}

export interface Theory {
  blocks: TheoryPoint[];
  stages: StageTheory[];
  /** The whole network: FLOPs include stem and head, latency covers the blocks (the model's scope). */
  network: TheoryPoint;
}

/** Reductions of every block, stage and of the network. */
export function theoryOf(analysis: Analysis): Theory {
  const { prediction, flops } = analysis;
  const flopsByKey = new Map(flops.blocks.map((b) => [b.key, b]));
  const blocks: TheoryPoint[] = prediction.blocks.map((b) => {
    const f = flopsByKey.get(b.key);
    return {
      key: b.key,
      stage: b.stage,
      flopsReduction: f ? 1 - f.dynamicMacs.total / f.staticMacs.total : 0,
      latencyReduction: 1 - b.latencyS / b.staticLatencyS,
      dynamics: f?.dynamics ?? null,
    };
  });
  const stageIds = [...new Set(prediction.blocks.map((b) => b.stage))].sort((a, b) => a - b);
  const stages = stageIds.map((stage) => {
    let dyn = 0;
    let stat = 0;
    let dynMacs = 0;
    let statMacs = 0;
    const modes = new Set<string>();
    for (const b of prediction.blocks) {
      if (b.stage !== stage) continue;
      dyn += b.latencyS;
      stat += b.staticLatencyS;
      modes.add(b.mode);
      const f = flopsByKey.get(b.key);
      if (f) {
        dynMacs += f.dynamicMacs.total;
        statMacs += f.staticMacs.total;
      }
    }
    return {
      stage,
      flopsReduction: statMacs > 0 ? 1 - dynMacs / statMacs : 0,
      latencyReduction: stat > 0 ? 1 - dyn / stat : 0,
      modes: [...modes],
    };
  });
  return {
    blocks,
    stages,
    network: {
      key: 'network',
      stage: -1,
      flopsReduction: 1 - analysis.flopsRatio,
      latencyReduction: 1 - prediction.ratio,
      dynamics: null,
    },
  };
}

/** Operators that exist only because the block is dynamic: maskers, gates and the sparse residual add. */
const OVERHEAD_OPS = new Set(['gate', 'channel_masker', 'scatter_add']);

/** Differences smaller than this (in reduction, absolute) count as "tracks FLOPs". */
const CLOSE = 0.02;

/** "FLOPs fall" / "FLOPs rise": the plural form of a movement verb. */
const plural = (verb: string) => verb.replace(/^(rise|fall|stay)s/, '$1');

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * One sentence on why latency and FLOPs reductions differ, from the predicted operators: the share of
 * memory time (which skipping shrinks less than arithmetic), the overhead operators, and the stem/head
 * MACs that the FLOPs count includes but the latency model leaves out.
 */
export function explainGap(analysis: Analysis, latencyMode: 'add' | 'max'): string {
  const { prediction, flops } = analysis;
  const dynamicBlocks = prediction.blocks.filter((b) => b.mode !== 'static');
  if (dynamicBlocks.length === 0) {
    return 'Every stage is static: nothing is skipped, so FLOPs and latency are those of the dense network.';
  }
  let totalS = 0;
  let memoryS = 0;
  let overheadOpsS = 0;
  let launchS = 0;
  for (const b of dynamicBlocks) {
    for (const op of b.ops) {
      const parts = splitOpTime(op, latencyMode);
      const opS = op.latencyS * op.executionRate;
      totalS += opS;
      memoryS += parts.memoryS;
      // An overhead operator counts whole; elsewhere only the launch part is overhead.
      if (OVERHEAD_OPS.has(op.op)) overheadOpsS += opS;
      else launchS += parts.overheadS;
    }
  }
  const flopsRed = 1 - analysis.flopsRatio;
  const latRed = 1 - prediction.ratio;
  // One convention: signed changes against the static network, worded by their own sign.
  const flopsChange = -flopsRed;
  const latChange = -latRed;
  const head = `FLOPs ${formatChange(flopsChange, 0)}, latency ${formatChange(latChange, 0)}`;
  const memShare = totalS > 0 ? memoryS / totalS : 0;
  const overheadShare = totalS > 0 ? (overheadOpsS + launchS) / totalS : 0;
  const latMove = movement(latChange);
  if (latRed < flopsRed - CLOSE) {
    const what =
      latMove === 'rises'
        ? `latency rises while FLOPs ${plural(movement(flopsChange))}`
        : latMove === 'falls'
          ? 'latency falls by less than FLOPs'
          : `latency stays level while FLOPs ${plural(movement(flopsChange))}`;
    return (
      `${head}: ${what} because memory traffic (${pct(memShare)} of the dynamic blocks' time) ` +
      `shrinks more slowly than arithmetic, and maskers, gather/scatter-add and kernel launches add ` +
      `${pct(overheadShare)} that the FLOPs count barely sees.`
    );
  }
  if (latRed > flopsRed + CLOSE) {
    const stemHead = (flops.stemMacs + flops.headMacs) / flops.staticMacs;
    return (
      `${head}: latency falls by more than FLOPs because skipped work also skips its memory traffic ` +
      `(${pct(memShare)} of the dynamic blocks' time), and the FLOPs count includes the dense stem and head ` +
      `(${pct(stemHead)} of the static MACs), which the latency model leaves out.`
    );
  }
  return (
    `${head}: latency follows FLOPs here; memory traffic (${pct(memShare)}) and overheads ` +
    `(${pct(overheadShare)}) of the dynamic blocks stay small.`
  );
}
