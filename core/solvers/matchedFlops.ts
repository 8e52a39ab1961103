/**
 * Paradigms compared at matched FLOPs: for each stage, the rate at which spatial masking, channel skipping
 * and layer skipping give the stage the FLOPs ratio it has now (as the reference training code counts
 * FLOPs), and the stage's predicted latency ratio there. At equal *activation rate* layer skipping always
 * looks cheapest (no conv1 dilation, a one-cell masker); at equal FLOPs the comparison is fair.
 */
import { listBlocks } from '../arch';
import type { ArchitectureSpec } from '../arch';
import type { StageConfig, StudioConfig } from '../config/schema';
import { blockFlops, type BlockDynamics } from '../flops/block';
import { configFlops } from '../flops/config';
import type { Predictor } from '../predictor';
import { bisectMonotone } from './bisect';
import { predictConfig } from './predict';

/** A paradigm of the matched-FLOPs table. */
export type Paradigm = 'spatial' | 'channel' | 'layer';

/** One paradigm of one stage at the stage's current FLOPs ratio. */
export interface MatchedFlopsRow {
  stage: number;
  mode: Paradigm;
  /** S (spatial), G (channel) or the stage resolution (layer). */
  value: number;
  /** The stage rate solved for this paradigm (one rate for every block of the stage). */
  rate: number;
  /** The stage's FLOPs ratio at that rate (equal to the target when achievable). */
  flopsRatio: number;
  /** The stage's current FLOPs ratio. */
  targetFlopsRatio: number;
  /** False when no rate in [0, 1] reaches the target (the closest end is used). */
  achievable: boolean;
  /** Predicted stage latency ratio (dynamic / static) at that rate. */
  latencyRatio: number;
  /** True for the paradigm the stage searched (its own). */
  current: boolean;
}

/** Per stage, Σ dynamic / Σ static MACs of its blocks (reference-code accounting). */
export function stageFlopsRatios(config: StudioConfig, arch: ArchitectureSpec): number[] {
  const flops = configFlops(config, arch);
  return arch.stages.map((_, i) => {
    let dyn = 0;
    let stat = 0;
    for (const b of flops.blocks) {
      if (b.stage !== i) continue;
      dyn += b.dynamicMacs.total;
      stat += b.staticMacs.total;
    }
    return stat > 0 ? dyn / stat : 1;
  });
}

/** Stage FLOPs ratio with one dynamic setting for all its blocks, as a function of the rate. */
function stageRatioAt(arch: ArchitectureSpec, stage: number, dyn: (r: number) => BlockDynamics) {
  const blocks = listBlocks(arch).filter((b) => b.stage === stage);
  return (r: number) => {
    let d = 0;
    let s = 0;
    for (const b of blocks) {
      const f = blockFlops(b, dyn(r));
      d += f.dynamicMacs.total;
      s += f.staticMacs.total;
    }
    return d / s;
  };
}

const PARADIGMS: readonly Paradigm[] = ['spatial', 'channel', 'layer'];

/**
 * The matched-FLOPs table of the searched stages (`searches[i]` not null): per paradigm, the stage rate
 * solved by bisection (to 1e-9 relative in FLOPs) and one network prediction with every searched stage in
 * that paradigm (other stages static: stage latencies are independent).
 * @param settingOf the S and G each paradigm uses for stage i (the chosen one where it was searched).
 */
export function matchedFlopsTable(
  base: StudioConfig,
  arch: ArchitectureSpec,
  predictor: Predictor,
  searches: readonly (Paradigm | null)[],
  settingOf: (i: number) => { spatialGranularity: number; channelGroupSize: number },
): MatchedFlopsRow[] {
  const targets = stageFlopsRatios(base, arch);
  const rows: MatchedFlopsRow[] = [];
  for (const mode of PARADIGMS) {
    const solved = base.stages.map((stage, i) => {
      if (!searches[i]) return null;
      const { spatialGranularity, channelGroupSize } = settingOf(i);
      const res = arch.stages[i]?.outResolution ?? 1;
      const value =
        mode === 'spatial' ? spatialGranularity : mode === 'channel' ? channelGroupSize : res;
      const f = stageRatioAt(arch, i, (r) => ({
        mode,
        spatialGranularity: mode === 'layer' ? res : spatialGranularity,
        channelGroupSize,
        rate: r,
        channelRate: r,
      }));
      const target = targets[i] ?? 1;
      const lo = f(0);
      const hi = f(1);
      const fit = bisectMonotone(f, target, 0, 1, { tolValue: 1e-9 * target, maxIterations: 60 });
      const setting: StageConfig = {
        ...stage,
        mode,
        spatialGranularity,
        channelGroupSize,
        rate: fit.x,
        channelRate: null,
      };
      return { i, value, fit, target, achievable: target >= lo && target <= hi, setting };
    });
    if (solved.every((s) => s === null)) continue;
    const evaluated: StudioConfig = {
      ...base,
      blockRates: {},
      stages: base.stages.map((s, i) => solved[i]?.setting ?? { ...s, mode: 'static' as const }),
    };
    const prediction = predictConfig(evaluated, predictor, arch);
    for (const s of solved) {
      if (!s) continue;
      let lat = 0;
      let stat = 0;
      for (const b of prediction.blocks) {
        if (b.stage !== s.i) continue;
        lat += b.latencyS;
        stat += b.staticLatencyS;
      }
      rows.push({
        stage: s.i,
        mode,
        value: s.value,
        rate: s.fit.x,
        flopsRatio: s.fit.value,
        targetFlopsRatio: s.target,
        achievable: s.achievable,
        latencyRatio: lat / stat,
        current: searches[s.i] === mode,
      });
    }
  }
  return rows.sort(
    (a, b) => a.stage - b.stage || PARADIGMS.indexOf(a.mode) - PARADIGMS.indexOf(b.mode),
  );
}
