/**
 * The operator vocabulary of a measurement file: each operator name is the predictor function it is
 * costed with, and its parameter columns are that function's arguments under the reference's column names
 * (`../shared/reference/op_vectors.csv`), so one measured row maps to exactly one predictor call.
 */
import type { BlockGeometry } from '../arch';
import {
  planBlock,
  simulateAdd,
  simulateAvgPool,
  simulateConv,
  simulateDynamicConv,
  simulateFc,
  simulateGather,
  simulateMaskerConv1,
  simulateScatter,
  simulateScatterAdd,
  simulateSe,
  type Predictor,
} from '../predictor';

/** Arguments of one measured operator, by reference column name. */
export type OpArgs = Readonly<Record<string, number>>;

/** One operator of the vocabulary. */
export interface OperatorSpec {
  /** Parameter columns every row of this operator must fill. */
  readonly required: readonly string[];
  /** Optional parameter columns and the predictor's default when the cell is empty or the column absent. */
  readonly optional: Readonly<Record<string, number>>;
  /** What it is, for messages and the README. */
  readonly summary: string;
  /** Latency in seconds per batch predicted for these arguments. */
  predict(p: Predictor, a: OpArgs): number;
}

const v = (a: OpArgs, k: string): number => a[k]!;
const flag = (a: OpArgs, k: string): boolean => a[k] === 1;

/** The static bottleneck as the predictor composes it (spec §5.2). */
function staticBlockGeometry(a: OpArgs): BlockGeometry {
  const stride = v(a, 'stride');
  const squeeze = v(a, 'squeeze_channels');
  return {
    key: 'calibration',
    stage: 0,
    index: 0,
    globalIndex: 0,
    inChannels: v(a, 'cin'),
    outChannels: v(a, 'cout'),
    midChannels: v(a, 'cm'),
    groups: v(a, 'groups'),
    inSize: v(a, 'h'),
    outSize: Math.floor(v(a, 'h') / stride),
    stride,
    projection: stride !== 1 || v(a, 'cin') !== v(a, 'cout'),
    se: squeeze > 0,
    squeezeChannels: squeeze,
  };
}

/** Every operator a measurement row may name, keyed by the name written in the `op` column. */
export const OPERATORS: Readonly<Record<string, OperatorSpec>> = Object.freeze({
  conv: {
    required: ['cin', 'cout', 'h', 'w', 'ks'],
    optional: { groups: 1, stride: 1 },
    summary: 'dense convolution, input h×w (simulate_conv)',
    predict: (p, a) =>
      simulateConv(
        p,
        v(a, 'cin'),
        v(a, 'cout'),
        v(a, 'h'),
        v(a, 'w'),
        v(a, 'ks'),
        v(a, 'groups'),
        v(a, 'stride'),
      ).latencyS,
  },
  fc: {
    required: ['cin', 'cout'],
    optional: {},
    summary: 'fully connected layer (simulate_fc)',
    predict: (p, a) => simulateFc(p, v(a, 'cin'), v(a, 'cout')).latencyS,
  },
  avg_pool: {
    required: ['c', 'h', 'w'],
    optional: { oh: 1, ow: 1 },
    summary: 'average pooling to oh×ow (simulate_avg_pool)',
    predict: (p, a) =>
      simulateAvgPool(p, v(a, 'c'), v(a, 'h'), v(a, 'w'), v(a, 'oh'), v(a, 'ow')).latencyS,
  },
  add: {
    required: ['c', 'h', 'w'],
    optional: {},
    summary: 'element-wise add (simulate_add)',
    predict: (p, a) => simulateAdd(p, v(a, 'c'), v(a, 'h'), v(a, 'w')).latencyS,
  },
  se: {
    required: ['c', 'h', 'w', 'squeeze_channels'],
    optional: {},
    summary: 'squeeze-and-excitation (simulate_se)',
    predict: (p, a) =>
      simulateSe(p, v(a, 'c'), v(a, 'h'), v(a, 'w'), v(a, 'squeeze_channels')).latencyS,
  },
  static_block: {
    required: ['cin', 'cout', 'cm', 'h'],
    optional: { stride: 1, groups: 1, squeeze_channels: 0 },
    summary:
      'whole static bottleneck: conv1, conv2, conv3, add, stride-2 projection, SE (spec §5.2)',
    predict: (p, a) => planBlock(p, staticBlockGeometry(a), 'static', 1, 1).staticLatencyS,
  },
  gather: {
    required: ['c', 'h', 'w', 'granul_size', 'density'],
    optional: { granul_size_pad: 0 },
    summary: 'gather of active S×S patches with a halo of granul_size_pad (simulate_gather)',
    predict: (p, a) =>
      simulateGather(
        p,
        v(a, 'c'),
        v(a, 'h'),
        v(a, 'w'),
        v(a, 'granul_size'),
        v(a, 'density'),
        v(a, 'granul_size_pad'),
      ).latencyS,
  },
  scatter: {
    required: ['c', 'h', 'w', 'granul_size', 'density'],
    optional: {},
    summary: 'scatter of S×S patches back into the feature map (simulate_scatter)',
    predict: (p, a) =>
      simulateScatter(p, v(a, 'c'), v(a, 'h'), v(a, 'w'), v(a, 'granul_size'), v(a, 'density'))
        .latencyS,
  },
  scatter_add: {
    required: ['c', 'h', 'w', 'granul_size', 'density'],
    optional: {},
    summary: 'scatter-add of S×S patches onto the residual (simulate_scatter_add)',
    predict: (p, a) =>
      simulateScatterAdd(p, v(a, 'c'), v(a, 'h'), v(a, 'w'), v(a, 'granul_size'), v(a, 'density'))
        .latencyS,
  },
  dynamic_conv: {
    required: ['cin', 'cout', 'h', 'w', 'ks', 'granul_size', 'density'],
    optional: {
      groups: 1,
      stride: 1,
      with_indexing: 0,
      ic_density: 1,
      oc_density: 1,
      c_n_groups: 1,
      spatial_masker: 1,
    },
    summary:
      'conv on gathered patches (spatial_masker=1) or on a channel subset (spatial_masker=0)',
    predict: (p, a) =>
      simulateDynamicConv(
        p,
        {
          cin: v(a, 'cin'),
          cout: v(a, 'cout'),
          inh: v(a, 'h'),
          inw: v(a, 'w'),
          ks: v(a, 'ks'),
          groups: v(a, 'groups'),
          stride: v(a, 'stride'),
          granularity: v(a, 'granul_size'),
          withIndexing: flag(a, 'with_indexing'),
          ic: v(a, 'ic_density'),
          oc: v(a, 'oc_density'),
          groupSize: v(a, 'c_n_groups'),
          spatialMasker: flag(a, 'spatial_masker'),
        },
        v(a, 'density'),
      ).latencyS,
  },
  masker_conv1: {
    required: ['cin', 'cout', 'h', 'w', 'granul_size', 'density'],
    optional: {
      test_nofuse: 1,
      c_density: 1,
      n_c_dy_group: 1,
      channel_masker: 1,
      channel_masker_hid_size: 32,
      spatial_masker: 0,
      no_fuse: 0,
    },
    summary: 'spatial masker with the first 1×1 conv (simulate_masker_conv1)',
    predict: (p, a) =>
      simulateMaskerConv1(p, {
        cin: v(a, 'cin'),
        cout: v(a, 'cout'),
        h: v(a, 'h'),
        w: v(a, 'w'),
        granularity: v(a, 'granul_size'),
        density: v(a, 'density'),
        testNoFuse: flag(a, 'test_nofuse'),
        cDensity: v(a, 'c_density'),
        nCDyGroup: v(a, 'n_c_dy_group'),
        channelMasker: flag(a, 'channel_masker'),
        hidden: v(a, 'channel_masker_hid_size'),
        spatialMasker: flag(a, 'spatial_masker'),
        noFuse: flag(a, 'no_fuse'),
      }).latencyS,
  },
});

/** Operator names in the order of {@link OPERATORS}. */
export const OPERATOR_NAMES: readonly string[] = Object.keys(OPERATORS);

/**
 * The operator family a row is reported under: the operator name, with dense convolutions split into
 * the kinds that stress the model differently (1×1, 3×3, strided, grouped) and dynamic convolutions
 * into patch (spatial) and channel-subset ones.
 */
export function operatorFamily(op: string, a: OpArgs): string {
  if (op === 'conv') {
    if ((a.groups ?? 1) > 1) return 'conv grouped';
    if ((a.stride ?? 1) > 1) return 'conv strided';
    return a.ks === 1 ? 'conv 1×1' : `conv ${a.ks}×${a.ks}`;
  }
  if (op === 'dynamic_conv')
    return a.spatial_masker === 0 ? 'dynamic_conv channel' : 'dynamic_conv patches';
  return op;
}
