/**
 * Block composition (latency spec §5.2–§5.5, plus the 'spatial+channel' extension). A block *plan* holds
 * every tile search of a block, none of which depends on the activation rate [Q3]; evaluating it at a rate
 * is cheap arithmetic. Latencies are summed left to right in the reference's order (bit-exactness).
 */
import type { BlockGeometry } from '../arch';
import type { OpResult, Predictor } from './context';
import { evaluateDynamicConv, searchDynamicConv } from './dynamic-ops';
import {
  evaluateDynamicSe,
  evaluateScatterAdd,
  planDynamicSe,
  searchScatterAdd,
} from './patch-ops';
import {
  evaluateMaskerConv1,
  planMaskerConv1,
  simulateChannelMaskerPredictor,
  type MaskerResult,
} from './masker';
import { launched, searchConvTile, simulateAdd, simulateConv, simulateSe } from './static-ops';
import type { OpReport, StageMode } from './types';

/** A block evaluated at a rate: its latency and its operators. */
export interface BlockEvaluation {
  latencyS: number;
  ops: OpReport[];
}

/** The rate-independent part of one block's evaluation. */
export interface BlockPlan {
  readonly mode: StageMode;
  readonly staticLatencyS: number;
  readonly staticOps: readonly OpReport[];
  /** `rate`: spatial density / execution rate / channel rate; `channelRate` only for 'spatial+channel'. */
  evaluate(rate: number, channelRate: number): BlockEvaluation;
}

// Reports are built field by field, always with the same keys: object spread of number-holding objects
// and shape changes (adding `schedule` later) are slow in V8, and this is the hot path.
function report(
  op: string,
  r: OpResult,
  launches: number,
  executionRate = 1,
  schedule?: 'fused' | 'unfused',
): OpReport {
  return {
    op,
    latencyS: r.latencyS,
    computeS: r.computeS,
    memoryS: r.memoryS,
    tile: r.tile,
    schedule,
    launches,
    executionRate,
  };
}

function maskerReport(m: MaskerResult): OpReport {
  return report('masker+conv1', m, m.launches, 1, m.schedule);
}

/**
 * Shapes of a block under the reference's names: cm = c_out ⫽ b, hd = h ⫽ down, s = squeeze width; w and
 * wd are the widths (the reference only ever passes w = h; its operators take both).
 */
function shapes(geo: BlockGeometry) {
  return {
    cin: geo.inChannels,
    cout: geo.outChannels,
    cm: geo.midChannels,
    groups: geo.groups,
    h: geo.inSize,
    hd: Math.floor(geo.inSize / geo.stride),
    // Width: equal to h for square maps, so every square result is computed from the same numbers.
    w: geo.inWidth ?? geo.inSize,
    wd: Math.floor((geo.inWidth ?? geo.inSize) / geo.stride),
    stride: geo.stride,
    squeeze: geo.squeezeChannels, // [Q17] round-half-even(0.25 · c_in): the block *input* width
  };
}

/** [Q19] The projection shortcut is costed only for stride-2 blocks (not ResNet stage 1's 64→256). */
function shortcut(p: Predictor, geo: BlockGeometry): OpReport | null {
  if (geo.stride !== 2) return null;
  return report(
    'shortcut',
    simulateConv(
      p,
      geo.inChannels,
      geo.outChannels,
      geo.inSize,
      geo.inWidth ?? geo.inSize,
      1,
      1,
      2,
    ),
    1,
  );
}

function sumLatency(ops: readonly OpReport[]): number {
  let total = 0;
  for (const op of ops) total += op.latencyS;
  return total;
}

/** Static block ops (spec §5.2), in summation order: conv1, conv2, conv3, add, shortcut, SE. */
function staticOps(p: Predictor, geo: BlockGeometry): OpReport[] {
  const { cin, cout, cm, groups, h, hd, w, wd, stride, squeeze } = shapes(geo);
  const ops = [
    report('conv1', simulateConv(p, cin, cm, h, w, 1), 1),
    report('conv2', simulateConv(p, cm, cm, h, w, 3, groups, stride), 1),
    report('conv3', simulateConv(p, cm, cout, hd, wd, 1), 1),
    report('add', simulateAdd(p, cout, hd, wd), 1),
  ];
  const sc = shortcut(p, geo);
  if (sc) ops.push(sc);
  if (geo.se) ops.push(report('se', simulateSe(p, cm, hd, wd, squeeze), 4)); // SE on cm channels at hd
  return ops;
}

function freezeOps(ops: OpReport[]): readonly OpReport[] {
  return Object.freeze(ops.map((o) => Object.freeze(o)));
}

/**
 * Plans one block for a stage mode. `granularity` is the spatial patch side (channel mode: its scatter-add
 * granularity [Q20]; layer mode ignores it), `channelGranularity` the channel group size.
 */
export function planBlock(
  p: Predictor,
  geo: BlockGeometry,
  mode: StageMode,
  granularity: number,
  channelGranularity: number,
): BlockPlan {
  const sOps = freezeOps(staticOps(p, geo));
  const staticLatencyS = sumLatency(sOps);
  const base = { mode, staticLatencyS, staticOps: sOps };
  switch (mode) {
    case 'static':
      return { ...base, evaluate: () => ({ latencyS: staticLatencyS, ops: [...sOps] }) };
    case 'spatial':
      return { ...base, evaluate: spatialEvaluator(p, geo, granularity) };
    case 'layer':
      return { ...base, evaluate: layerEvaluator(p, geo, sOps) };
    case 'channel':
      return { ...base, evaluate: channelEvaluator(p, geo, granularity, channelGranularity) };
    case 'spatial+channel':
      return {
        ...base,
        evaluate: spatialChannelEvaluator(p, geo, granularity, channelGranularity),
      };
  }
}

/** Spatial block (spec §5.3): masker+conv1, conv2, conv3, scatter-add, shortcut, dynamic SE. */
function spatialEvaluator(p: Predictor, geo: BlockGeometry, g: number) {
  const { cin, cout, cm, groups, h, hd, w, wd, stride, squeeze } = shapes(geo);
  const masker = planMaskerConv1(p, {
    cin,
    cout: cm,
    h,
    w,
    granularity: g,
    testNoFuse: true,
    cDensity: 1,
    nCDyGroup: 1,
    channelMasker: false,
    hidden: 32,
    spatialMasker: true,
    noFuse: false,
  });
  const conv2 = searchDynamicConv(p, {
    cin: cm,
    cout: cm,
    inh: h,
    inw: w,
    ks: 3,
    groups,
    stride,
    granularity: g,
    withIndexing: true,
    ic: 1,
    oc: 1,
    groupSize: cm,
    spatialMasker: true,
  });
  const conv3 = searchDynamicConv(p, {
    cin: cm,
    cout,
    inh: hd,
    inw: wd,
    ks: 1,
    groups: 1,
    stride: 1,
    granularity: g,
    withIndexing: false,
    ic: 1,
    oc: 1,
    groupSize: 1,
    spatialMasker: true,
  });
  const scatter = searchScatterAdd(p, cout, hd, wd, g);
  const sc = shortcut(p, geo);
  const se = geo.se ? planDynamicSe(p, cm, hd, wd, squeeze, g) : null;
  return (d: number): BlockEvaluation => {
    const m = evaluateMaskerConv1(p, masker, d);
    const ops: OpReport[] = [
      maskerReport(m),
      report('conv2', evaluateDynamicConv(p, conv2, d), 1),
      report('conv3', evaluateDynamicConv(p, conv3, d), 1),
      report('scatter_add', evaluateScatterAdd(p, scatter, d), 1),
    ];
    if (sc) ops.push(sc);
    if (se) ops.push(report('se', evaluateDynamicSe(p, se, d), 4));
    return { latencyS: sumLatency(ops), ops };
  };
}

/** Layer-skipping block (spec §5.5): `(gate + shortcut) + (conv1 + conv2 + conv3 + add [+ SE]) · d`. */
function layerEvaluator(p: Predictor, geo: BlockGeometry, sOps: readonly OpReport[]) {
  const { cin, cm, h, w } = shapes(geo);
  // [Q21] The gate is the fused masker kernel c_in → cm+1 with output density 0; g is irrelevant.
  const gatePlan = planMaskerConv1(p, {
    cin,
    cout: cm,
    h,
    w,
    granularity: geo.outSize,
    testNoFuse: false,
    cDensity: 0,
    nCDyGroup: 1,
    channelMasker: false,
    hidden: 32,
    spatialMasker: true,
    noFuse: false,
  });
  const gate = report('gate', evaluateMaskerConv1(p, gatePlan, 0), 1);
  const sc = shortcut(p, geo);
  const fixed = sc ? gate.latencyS + sc.latencyS : gate.latencyS;
  const layerOps = sOps.filter((o) => o.op !== 'shortcut');
  const layerS = sumLatency(layerOps);
  return (d: number): BlockEvaluation => {
    const ops = sc ? [gate, sc] : [gate];
    for (const o of layerOps) ops.push(report(o.op, o, o.launches, d));
    return { latencyS: fixed + layerS * d, ops };
  };
}

/** Channel block (spec §5.4): conv1, channel masker, conv2, conv3, scatter-add (rate 1), shortcut, SE. */
function channelEvaluator(p: Predictor, geo: BlockGeometry, g: number, gc: number) {
  const { cin, cout, cm, groups, h, hd, w, wd, stride, squeeze } = shapes(geo);
  const cmp = simulateChannelMaskerPredictor(p, cin, h, w, gc, 2, 16);
  const masker = report('channel_masker', cmp, cmp.launches);
  const scatter = report(
    'scatter_add',
    evaluateScatterAdd(p, searchScatterAdd(p, cout, hd, wd, g), 1),
    1,
  ); // [Q20]
  const sc = shortcut(p, geo);
  const se = geo.se
    ? report('se', evaluateDynamicSe(p, planDynamicSe(p, cm, hd, wd, squeeze, g), 1), 4)
    : null;
  // The channel-only convs are dense searches whose densities are the rate: memoised per rate.
  const byRate = new Map<number, BlockEvaluation>();
  return (c: number): BlockEvaluation => {
    let hit = byRate.get(c);
    if (!hit) {
      // [Q11] group size 1 whatever gc; [Q6] conv2 pays c·ρ(c²).
      const conv1 = launched(p, searchConvTile(p, cm, cin, h, w, 1, 1, 1, 1, c, 1));
      const conv2 = launched(p, searchConvTile(p, cm, cm, hd, wd, groups, stride, 3, c, c, 1));
      const conv3 = launched(p, searchConvTile(p, cout, cm, hd, wd, 1, 1, 1, c, 1, 1));
      const ops = [
        report('conv1', conv1, 1),
        masker,
        report('conv2', conv2, 1),
        report('conv3', conv3, 1),
        scatter,
      ];
      if (sc) ops.push(sc);
      if (se) ops.push(se);
      hit = { latencyS: sumLatency(ops), ops };
      if (byRate.size > 4096) byRate.clear();
      byRate.set(c, hit);
    }
    return { latencyS: hit.latencyS, ops: [...hit.ops] };
  };
}

/**
 * 'spatial+channel' block — an EXTENSION, not validated by reference data (the reference has no such
 * composition). The spatial block of §5.3 whose convolutions also carry channel densities as the channel
 * block of §5.4 does (conv1 oc = c, conv2 ic = oc = c, conv3 ic = c, max-density group size 1 as [Q11]),
 * plus the channel-masker predictor, summed last so that at c = 1 the block is exactly the spatial block
 * plus the channel masker.
 */
function spatialChannelEvaluator(p: Predictor, geo: BlockGeometry, g: number, gc: number) {
  const { cin, cout, cm, groups, h, hd, w, wd, stride, squeeze } = shapes(geo);
  const cmp = simulateChannelMaskerPredictor(p, cin, h, w, gc, 2, 16);
  const masker = report('channel_masker', cmp, cmp.launches);
  const scatter = searchScatterAdd(p, cout, hd, wd, g);
  const sc = shortcut(p, geo);
  const se = geo.se ? planDynamicSe(p, cm, hd, wd, squeeze, g) : null;
  const byChannelRate = new Map<number, ReturnType<typeof plansAt>>();
  function plansAt(c: number) {
    return {
      // nCDyGroup = cin makes the unfused conv1's group size 1, as in channel mode, instead of Q16's cin.
      masker: planMaskerConv1(p, {
        cin,
        cout: cm,
        h,
        w,
        granularity: g,
        testNoFuse: true,
        cDensity: c,
        nCDyGroup: cin,
        channelMasker: false,
        hidden: 32,
        spatialMasker: true,
        noFuse: false,
      }),
      conv2: searchDynamicConv(p, {
        cin: cm,
        cout: cm,
        inh: h,
        inw: w,
        ks: 3,
        groups,
        stride,
        granularity: g,
        withIndexing: true,
        ic: c,
        oc: c,
        groupSize: 1,
        spatialMasker: true,
      }),
      conv3: searchDynamicConv(p, {
        cin: cm,
        cout,
        inh: hd,
        inw: wd,
        ks: 1,
        groups: 1,
        stride: 1,
        granularity: g,
        withIndexing: false,
        ic: c,
        oc: 1,
        groupSize: 1,
        spatialMasker: true,
      }),
    };
  }
  return (d: number, c: number): BlockEvaluation => {
    let plans = byChannelRate.get(c);
    if (!plans) {
      plans = plansAt(c);
      if (byChannelRate.size > 4096) byChannelRate.clear();
      byChannelRate.set(c, plans);
    }
    const m = evaluateMaskerConv1(p, plans.masker, d);
    const ops: OpReport[] = [
      maskerReport(m),
      report('conv2', evaluateDynamicConv(p, plans.conv2, d), 1),
      report('conv3', evaluateDynamicConv(p, plans.conv3, d), 1),
      report('scatter_add', evaluateScatterAdd(p, scatter, d), 1),
    ];
    if (sc) ops.push(sc);
    if (se) ops.push(report('se', evaluateDynamicSe(p, se, d), 4));
    ops.push(masker);
    return { latencyS: sumLatency(ops), ops };
  };
}
