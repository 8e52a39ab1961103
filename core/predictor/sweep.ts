/** Latency-ratio curves versus activation rate: the data of the app's main chart and of `laudnet sweep`. */
import type { ArchitectureSpec } from '../arch';
import type { Predictor } from './context';
import { PredictorInputError } from './errors';
import { planNetwork } from './network';
import { STAGE_MODES, type StageMode } from './types';

/** One curve to compute: a mode with its granularities (one value for every stage, or one per stage). */
export interface SweepCandidate {
  mode: StageMode;
  /** Spatial patch side S (spatial modes; channel mode uses it for its scatter-add [Q20]). Default 1. */
  granularity?: number | number[];
  /** Channel group size G (channel modes). Default 1. */
  channelGranularity?: number | number[];
  /**
   * Per-stage modes of a whole-network sweep whose stages differ (e.g. the current configuration:
   * `['spatial', 'spatial', 'layer', 'static']`); absent: every swept stage in `mode`. A stage sweep uses
   * the swept stage's entry.
   */
  modes?: StageMode[];
  /** Legend label; derived from the mode and granularities when absent. */
  label?: string;
}

/** A sweep: the stage to sweep alone (0-based) or null for the whole network, candidates and rates. */
export interface SweepRequest {
  arch: ArchitectureSpec;
  stage: number | null;
  candidates: SweepCandidate[];
  /** Activation rates in [0, 1], applied uniformly to the swept blocks. */
  rates: number[];
  /** Channel rate of 'spatial+channel' candidates; default: the swept rate itself. */
  channelRate?: number;
}

export interface SweepPoint {
  rate: number;
  /** Latency of the swept blocks (per batch). */
  latencyS: number;
  staticLatencyS: number;
  ratio: number;
}

export interface SweepCurve {
  label: string;
  mode: StageMode;
  /** Per-stage modes used (static outside a stage sweep's stage). */
  modes: StageMode[];
  /** Per-stage granularities used (the swept stage's entry only matters for a stage sweep). */
  granularity: number[];
  channelGranularity: number[];
  points: SweepPoint[];
}

export interface SweepResult {
  stage: number | null;
  batchSize: number;
  /** Static latency of the swept scope (stage or network), per batch. */
  staticLatencyS: number;
  curves: SweepCurve[];
}

function perStage(v: number | number[] | undefined, n: number, what: string): number[] {
  if (v === undefined) return new Array<number>(n).fill(1);
  if (typeof v === 'number') return new Array<number>(n).fill(v);
  if (v.length !== n)
    throw new PredictorInputError(`${what}: expected one value per stage (${n}), got ${v.length}`);
  return [...v];
}

function defaultLabel(c: SweepCandidate, g: number[], gc: number[], stage: number | null): string {
  const pick = (list: number[]): string => (stage === null ? list.join('-') : String(list[stage]));
  switch (c.mode) {
    case 'static':
      return 'static';
    case 'layer':
      return 'layer';
    case 'spatial':
      return `S=${pick(g)}`;
    case 'channel':
      return `G=${pick(gc)}`;
    case 'spatial+channel':
      return `S=${pick(g)}, G=${pick(gc)}`;
  }
}

function checkMode(mode: StageMode): void {
  if (!(STAGE_MODES as readonly string[]).includes(mode)) {
    throw new PredictorInputError(`mode '${String(mode)}' is not one of ${STAGE_MODES.join(', ')}`);
  }
}

/**
 * Sweeps activation rates for each candidate and returns latency-ratio curves: for one stage (that stage's
 * blocks only, ratio to the stage's static latency; other stages do not matter) or for the whole network
 * (every stage in the candidate's mode). All searches are memoised, so rates cost only arithmetic.
 * @throws PredictorInputError on an unknown mode, a bad stage index, granularity or rate.
 */
export function sweepStage(p: Predictor, req: SweepRequest): SweepResult {
  const { arch, stage, rates } = req;
  const n = arch.stages.length;
  if (stage !== null && !(Number.isInteger(stage) && stage >= 0 && stage < n)) {
    throw new PredictorInputError(
      `stage ${String(stage)} does not exist (valid: 0 to ${n - 1}, or null for the whole network)`,
    );
  }
  for (const r of rates) {
    if (!(r >= 0 && r <= 1)) throw new PredictorInputError(`rate ${r} is outside [0, 1]`);
  }
  const cRate = req.channelRate;
  if (cRate !== undefined && !(cRate >= 0 && cRate <= 1)) {
    throw new PredictorInputError(`channel rate ${cRate} is outside [0, 1]`);
  }
  let staticLatencyS = 0;
  const curves = req.candidates.map((c): SweepCurve => {
    checkMode(c.mode);
    if (c.modes !== undefined) {
      if (c.modes.length !== n)
        throw new PredictorInputError(
          `modes: expected one mode per stage (${n}), got ${c.modes.length}`,
        );
      c.modes.forEach(checkMode);
    }
    const g = perStage(c.granularity, n, 'granularity');
    const gc = perStage(c.channelGranularity, n, 'channel granularity');
    for (const [what, list] of [
      ['granularity', g],
      ['channel granularity', gc],
    ] as const) {
      for (const v of list) {
        if (!Number.isInteger(v) || v < 1)
          throw new PredictorInputError(`${what} ${v} is not a positive integer`);
      }
    }
    const modes = arch.stages.map((_, i): StageMode =>
      stage === null || i === stage ? (c.modes?.[i] ?? c.mode) : 'static',
    );
    const plan = planNetwork(p, arch, modes, g, gc);
    const stages = stage === null ? plan.stages : [plan.stages[stage]!];
    let scopeStatic = 0;
    for (const s of stages) scopeStatic += s.staticLatencyS;
    staticLatencyS = stage === null ? plan.staticLatencyS : scopeStatic;
    const points = rates.map((rate): SweepPoint => {
      let latencyS = 0;
      for (const s of stages) {
        for (let j = 0; j < s.blocks; j++) {
          latencyS += (j === 0 ? s.first : s.other!).evaluate(rate, cRate ?? rate).latencyS;
        }
      }
      return { rate, latencyS, staticLatencyS, ratio: latencyS / staticLatencyS };
    });
    return {
      label: c.label ?? defaultLabel(c, g, gc, stage),
      mode: c.mode,
      modes,
      granularity: g,
      channelGranularity: gc,
      points,
    };
  });
  if (req.candidates.length === 0) {
    const ones = new Array<number>(n).fill(1);
    const plan = planNetwork(p, arch, new Array<StageMode>(n).fill('static'), ones, ones);
    staticLatencyS = stage === null ? plan.staticLatencyS : plan.stages[stage]!.staticLatencyS;
  }
  return { stage, batchSize: p.B, staticLatencyS, curves };
}
