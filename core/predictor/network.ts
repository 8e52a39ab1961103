/**
 * Network composition (latency spec §5.6): plans cached per configuration, evaluated per rate.
 * [Q18] The stem and the classifier head are not part of any total.
 * [Q27] Each stage has the architecture's block count; eval_example.py's ResNet-50-shaped rate lists for
 * every model are not reproduced (validation requires one rate per block).
 */
import { blockGeometry, type ArchitectureSpec } from '../arch';
import { planBlock, type BlockPlan } from './blocks';
import type { Predictor } from './context';
import { PredictorInputError } from './errors';
import type { BlockPrediction, NetworkPrediction, NetworkRequest, StageMode } from './types';
import { checkNetworkRequest } from './validate';

/** Per stage: the plan of its first block and of its other blocks (identical geometry, so one plan). */
export interface StagePlan {
  readonly first: BlockPlan;
  readonly other: BlockPlan | null;
  readonly blocks: number;
  /** Block keys `stage{s}/{b}`, built once. */
  readonly keys: readonly string[];
  /** first + (blocks − 1) · other, the reference's static stage total. */
  readonly staticLatencyS: number;
}

/** Rate-independent plan of a whole network under one mode/granularity configuration. */
export interface NetworkPlan {
  readonly stages: readonly StagePlan[];
  readonly staticLatencyS: number;
}

function archKey(arch: ArchitectureSpec): string {
  let key = `${arch.bottleneckRatio}|${arch.groupWidth}|${arch.se}|${arch.seRatio}`;
  for (const s of arch.stages)
    key += `|${s.inChannels},${s.outChannels},${s.blocks},${s.firstStride},${s.outResolution}${s.outWidth === undefined ? '' : `x${s.outWidth}`}`;
  return key;
}

/** Normalises arguments a mode ignores so equal configurations share one plan. */
function stageKey(mode: StageMode, g: number, gc: number): string {
  if (mode === 'static') return 's';
  if (mode === 'layer') return 'l';
  if (mode === 'spatial') return `p${g}`;
  return `${mode === 'channel' ? 'c' : 'b'}${g},${gc}`;
}

/**
 * The plan of a network configuration, memoised per predictor (hardware parameters) by architecture
 * shape, modes and granularities: every tile search a rate sweep needs happens here, once.
 */
export function planNetwork(
  p: Predictor,
  arch: ArchitectureSpec,
  modes: readonly StageMode[],
  granularity: readonly number[],
  channelGranularity: readonly number[],
): NetworkPlan {
  let key = archKey(arch);
  for (let i = 0; i < arch.stages.length; i++)
    key += `#${stageKey(modes[i]!, granularity[i]!, channelGranularity[i]!)}`;
  return p.memoPlan(key, () => {
    let staticTotal = 0;
    const stages = arch.stages.map((stage, i): StagePlan => {
      const mode = modes[i]!;
      const first = planBlock(
        p,
        blockGeometry(arch, i, 0),
        mode,
        granularity[i]!,
        channelGranularity[i]!,
      );
      // The reference evaluates the "other" block for the static total even for one-block stages.
      const other = planBlock(
        p,
        blockGeometry(arch, i, 1),
        mode,
        granularity[i]!,
        channelGranularity[i]!,
      );
      const staticLatencyS = first.staticLatencyS + (stage.blocks - 1) * other.staticLatencyS;
      staticTotal += staticLatencyS;
      return {
        first,
        other: stage.blocks > 1 ? other : null,
        blocks: stage.blocks,
        keys: Array.from({ length: stage.blocks }, (_, j) => `stage${i + 1}/${j}`),
        staticLatencyS,
      };
    });
    return Object.freeze({ stages: Object.freeze(stages), staticLatencyS: staticTotal });
  });
}

/**
 * Predicts a whole network: every block at its own rate, summed stage by stage, block by block, so the
 * total is exactly the left-to-right sum of the block latencies. Tile searches are memoised by hardware
 * parameters and arguments, so sweeping rates repeats none.
 * @throws PredictorInputError listing every problem of the request, with the valid values.
 */
export function predictNetwork(p: Predictor, req: NetworkRequest): NetworkPrediction {
  const problems = checkNetworkRequest(req);
  if (problems.length > 0) throw new PredictorInputError(problems.join('; '));
  const plan = planNetwork(p, req.arch, req.modes, req.granularity, req.channelGranularity);
  const blocks: BlockPrediction[] = [];
  let total = 0;
  for (let s = 0; s < plan.stages.length; s++) {
    const stage = plan.stages[s]!;
    const mode = req.modes[s]!;
    const rates = req.rates[s]!;
    const cRates = mode === 'spatial+channel' ? req.channelRates![s]! : null;
    for (let j = 0; j < stage.blocks; j++) {
      const bp = j === 0 ? stage.first : stage.other!;
      const rate = mode === 'static' ? 1 : rates[j]!;
      const channelRate = cRates ? cRates[j]! : undefined;
      const ev = bp.evaluate(rate, channelRate ?? 1);
      total += ev.latencyS;
      // Same keys for every block (channelRate undefined outside 'spatial+channel'): one V8 shape.
      blocks.push({
        key: stage.keys[j]!,
        stage: s,
        index: j,
        mode,
        rate,
        channelRate,
        latencyS: ev.latencyS,
        staticLatencyS: bp.staticLatencyS,
        ops: ev.ops,
        staticOps: bp.staticOps,
      });
    }
  }
  const staticLatencyS = plan.staticLatencyS;
  const B = p.B;
  return {
    latencyS: total,
    staticLatencyS,
    ratio: total / staticLatencyS,
    latencyMsPerImage: (total / B) * 1000,
    staticMsPerImage: (staticLatencyS / B) * 1000,
    batchSize: B,
    blocks,
  };
}

/** Static latency of a network (per batch), the reference's Σ first + (blocks − 1) · other. */
export function predictStaticLatency(p: Predictor, arch: ArchitectureSpec): number {
  const n = arch.stages.length;
  const ones = new Array<number>(n).fill(1);
  return planNetwork(p, arch, new Array<StageMode>(n).fill('static'), ones, ones).staticLatencyS;
}

/** Uniform per-block rates for every stage of an architecture. */
export function uniformRates(arch: ArchitectureSpec, rate: number): number[][] {
  return arch.stages.map((s) => new Array<number>(s.blocks).fill(rate));
}
