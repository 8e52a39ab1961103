/** Maskers: masker + first 1×1 conv with its fused/unfused choice, and the channel-masker predictor (spec §4.6–§4.7). */
import { addResults, latencyOnly, type OpResult, type Predictor } from './context';
import {
  evaluateDynamicConv,
  searchDynamicConv,
  simulateDynamicConv,
  type DynamicConvArgs,
  type DynamicConvPlan,
} from './dynamic-ops';
import { PredictorInputError } from './errors';
import { simulateAvgPool, simulateConv, simulateFc } from './static-ops';

/** Arguments of `simulate_masker_conv1` (spec §4.6), with the reference defaults noted. */
export interface MaskerConv1Args {
  cin: number;
  cout: number;
  h: number;
  w: number;
  /** Patch side g and spatial density d of conv1. */
  granularity: number;
  density: number;
  /** Default true: also cost the unfused schedule and keep the faster. */
  testNoFuse: boolean;
  /** Output-channel density of conv1 (default 1). */
  cDensity: number;
  /** Divisor giving Gc = cin ⫽ nCDyGroup (default 1) [Q16]. */
  nCDyGroup: number;
  /** Default true. */
  channelMasker: boolean;
  /** Channel-masker hidden width (default 32). */
  hidden: number;
  /** Default false. */
  spatialMasker: boolean;
  /** Force the unfused schedule (default false). */
  noFuse: boolean;
}

/** A masker report with the schedule that won. */
export interface MaskerResult extends OpResult {
  schedule: 'fused' | 'unfused';
  launches: number;
}

/** Rate-independent part of a masker + conv1 evaluation. */
export interface MaskerConv1Plan {
  readonly fused: OpResult;
  readonly fusedLaunches: number;
  /** Null when the unfused schedule is not costed (`testNoFuse` and `noFuse` both false). */
  readonly unfused: {
    /** The 2-output-channel masker conv, counted even without a spatial masker. */
    readonly maskConv: OpResult;
    /** conv1 as a spatial dynamic conv (depends on the rate) or its dense channel-only result. */
    readonly conv1: DynamicConvPlan | OpResult;
    /** Channel-masker kernels of the unfused schedule, when there is a channel masker. */
    readonly channelMasker: OpResult | null;
    readonly launches: number;
  } | null;
  readonly noFuse: boolean;
}

/**
 * Plans `simulate_masker_conv1` (spec §4.6): every search it needs, none of which depends on the rate.
 * [Q22] The reference's dead first `simulate_conv(cin, fused_cout, …)` call has no effect and is not made.
 */
export function planMaskerConv1(
  p: Predictor,
  a: Omit<MaskerConv1Args, 'density'>,
): MaskerConv1Plan {
  const gc = Math.floor(a.cin / a.nCDyGroup);
  const cf = a.cout + (a.channelMasker ? a.hidden : 0) + (a.spatialMasker ? 1 : 0);
  let fused: OpResult;
  let fusedLaunches: number;
  if (a.channelMasker) {
    const conv = simulateConv(p, a.cin, cf, a.h, a.w, 1);
    fused = addResults(
      conv,
      addResults(simulateAvgPool(p, a.hidden, a.h, a.w, 1, 1), simulateFc(p, a.hidden, gc)),
    );
    fused.tile = conv.tile;
    fusedLaunches = 3;
  } else {
    fused = simulateDynamicConv(p, dense1x1(a.cin, cf, a.h, a.w, a.cDensity), 1);
    fusedLaunches = 1;
  }
  if (!(a.testNoFuse || a.noFuse)) {
    return Object.freeze({ fused, fusedLaunches, unfused: null, noFuse: false });
  }
  const dynArgs: DynamicConvArgs = {
    cin: a.cin,
    cout: a.cout,
    inh: a.h,
    inw: a.w,
    ks: 1,
    groups: 1,
    stride: 1,
    granularity: a.granularity,
    withIndexing: true,
    ic: 1,
    oc: a.cDensity,
    groupSize: gc, // [Q16] a group count used as a group size
    spatialMasker: a.spatialMasker,
  };
  const conv1 = a.spatialMasker
    ? searchDynamicConv(p, dynArgs)
    : simulateDynamicConv(p, dynArgs, 1);
  const channelMasker = a.channelMasker
    ? addResults(
        addResults(
          simulateConv(p, a.cin, a.hidden, a.h, a.w, 1, 1, 1),
          simulateAvgPool(p, a.hidden, a.h, a.w, 1, 1),
        ),
        simulateFc(p, a.hidden, gc),
      )
    : null;
  const maskConv = simulateConv(p, a.cin, 2, a.h, a.w, 1, 1, 1);
  return Object.freeze({
    fused,
    fusedLaunches,
    unfused: { maskConv, conv1, channelMasker, launches: a.channelMasker ? 5 : 2 },
    noFuse: a.noFuse,
  });
}

/** A masker result without object spread: spreading number-holding objects is slow in V8 (hot path). */
function withSchedule(r: OpResult, schedule: 'fused' | 'unfused', launches: number): MaskerResult {
  return {
    latencyS: r.latencyS,
    computeS: r.computeS,
    memoryS: r.memoryS,
    tile: r.tile,
    schedule,
    launches,
  };
}

/** Evaluates a masker plan at conv1's spatial density `d`: the faster schedule (unfused only if strictly faster). */
export function evaluateMaskerConv1(p: Predictor, plan: MaskerConv1Plan, d: number): MaskerResult {
  const nf = plan.unfused;
  if (nf === null) return withSchedule(plan.fused, 'fused', plan.fusedLaunches);
  const dyn = 'args' in nf.conv1 ? evaluateDynamicConv(p, nf.conv1, d) : nf.conv1;
  let unfused = addResults(nf.maskConv, dyn);
  if (nf.channelMasker) unfused = addResults(unfused, nf.channelMasker);
  unfused.tile = dyn.tile;
  if (unfused.latencyS < plan.fused.latencyS || plan.noFuse)
    return withSchedule(unfused, 'unfused', nf.launches);
  return withSchedule(plan.fused, 'fused', plan.fusedLaunches);
}

/**
 * `simulate_masker_conv1` (spec §4.6): the fused kernel (conv1 widened by the masker outputs) against the
 * unfused pair (a 2-channel masker conv, then conv1 as a dynamic conv with indexing). The unfused schedule
 * wins only when strictly faster, or when forced.
 */
export function simulateMaskerConv1(p: Predictor, a: MaskerConv1Args): MaskerResult {
  return evaluateMaskerConv1(p, planMaskerConv1(p, a), a.density);
}

/** Channel-only dynamic-conv arguments of a 1×1 conv with output density `oc` (the fused masker kernel). */
function dense1x1(cin: number, cout: number, h: number, w: number, oc: number): DynamicConvArgs {
  return {
    cin,
    cout,
    inh: h,
    inw: w,
    ks: 1,
    groups: 1,
    stride: 1,
    granularity: 1,
    withIndexing: false,
    ic: 1,
    oc,
    groupSize: 1,
    spatialMasker: false,
  };
}

/**
 * `simulate_channel_masker_predictor(cin, h, w, nCDyGroup, nFc, r)` (spec §4.7): zero when Gc = 1; else
 * pooling plus one or two FCs. `reduction` defaults to 16 and is capped at Gc.
 */
export function simulateChannelMaskerPredictor(
  p: Predictor,
  cin: number,
  h: number,
  w: number,
  nCDyGroup: number,
  nFc: number,
  reduction?: number,
): OpResult & { launches: number } {
  const gc = Math.floor(cin / nCDyGroup);
  if (gc === 1) return { ...latencyOnly(0), launches: 0 };
  if (gc < 1) {
    throw new PredictorInputError(
      `channel group size ${nCDyGroup} is larger than the ${cin} input channels`,
    );
  }
  const pool = simulateAvgPool(p, cin, h, w, 1, 1);
  if (nFc === 2) {
    let r = reduction ?? 16;
    if (r > gc) r = gc;
    const u = Math.floor(gc / r);
    return {
      ...addResults(addResults(pool, simulateFc(p, cin, u)), simulateFc(p, u, gc)),
      launches: 3,
    };
  }
  if (nFc === 1) return { ...addResults(pool, simulateFc(p, cin, gc)), launches: 2 };
  throw new PredictorInputError(`channel masker needs 1 or 2 FC layers, got ${nFc}`);
}
