/**
 * From a network prediction to the per-block stacked bars: one row per block, one series per
 * (static|dynamic, operator, compute|memory|unsplit) plus the launch overhead of each bar, each series
 * holding its value for every block (a column). A rate change builds the dynamic series only: the static
 * ones come back as they were (same objects) while the blocks' static operators, the mode and the unit
 * do.
 */
import type { BlockPrediction, NetworkPrediction, OpReport } from '../../../../core/predictor';
import { opInfo, sortOps, splitOpTimeInto, type OpTimeParts } from './ops';

/** The unit of the breakdown's time axis. */
export type TimeUnit = 'image' | 'batch';

export type BarSide = 'static' | 'dynamic';
export type BarPart = 'compute' | 'memory' | 'unsplit' | 'overhead';

/** One stacked segment series of the chart. */
export interface BreakdownSeries {
  /** Unique key of the series ("dynamic|conv2|memory", "static|overhead"). */
  dataKey: string;
  side: BarSide;
  /** Operator name, null for the launch-overhead segment. */
  op: string | null;
  part: BarPart;
  label: string;
  color: string;
  /** The segment of each block (`rows[i]`), ms per image or per batch (see `TimeUnit`); 0 where absent. */
  values: ArrayLike<number>;
}

/** One block and its bars' totals, ms (per image or per batch, see `TimeUnit`). */
export interface BreakdownRow {
  key: string;
  /** Category of the axis, "3/12" (1-based stage / 0-based block); unique per block. */
  tick: string;
  stage: number;
  /** 0-based block index inside the stage. */
  index: number;
  staticMs: number;
  dynamicMs: number;
}

export interface BreakdownData {
  rows: BreakdownRow[];
  /** Static series first, then dynamic ones; each side bottom-up in stacking order. */
  series: BreakdownSeries[];
  /** Operators present in any bar, in stacking order. */
  ops: string[];
}

/** ms per unit from seconds per batch. */
export function toUnitMs(seconds: number, unit: TimeUnit, batchSize: number): number {
  return unit === 'batch' ? seconds * 1000 : (seconds * 1000) / batchSize;
}

/** The value of series `dataKey` for block `row`, ms (0 where the block has no such segment). */
export function segmentMs(data: BreakdownData, row: number, dataKey: string): number {
  const s = data.series.find((x) => x.dataKey === dataKey);
  return s ? (s.values[row] ?? 0) : 0;
}

const PART_LABEL: Record<Exclude<BarPart, 'overhead'>, string> = {
  compute: 'compute',
  memory: 'memory',
  unsplit: 'not split',
};

const PARTS = ['compute', 'memory', 'unsplit'] as const;

/** Parts of one operator per block, ms: a column per part, filled where a block has the operator. */
interface OpColumns {
  op: string;
  cols: [Float64Array | null, Float64Array | null, Float64Array | null];
}

/** One side of the bars: its operators' columns (by name) and the launch overhead per block. */
interface SideColumns {
  byOp: Map<string, OpColumns>;
  overhead: Float64Array | null;
}

/** Scratch parts of one operator (filled and read at once, for each operator in turn). */
const scratch: OpTimeParts = { computeS: 0, memoryS: 0, unsplitS: 0, overheadS: 0 };

function addOps(
  side: SideColumns,
  ops: readonly OpReport[],
  i: number,
  n: number,
  latencyMode: 'add' | 'max',
  scale: number,
): void {
  let overheadS = 0;
  for (const op of ops) {
    const parts = splitOpTimeInto(op, latencyMode, scratch);
    let entry = side.byOp.get(op.op);
    for (let p = 0; p < 3; p++) {
      const v = (p === 0 ? parts.computeS : p === 1 ? parts.memoryS : parts.unsplitS) * scale;
      if (!(v > 0)) continue;
      if (!entry) {
        entry = { op: op.op, cols: [null, null, null] };
        side.byOp.set(op.op, entry);
      }
      const col = (entry.cols[p] ??= new Float64Array(n));
      col[i] = col[i]! + v;
    }
    overheadS += parts.overheadS;
  }
  if (overheadS > 0) {
    side.overhead ??= new Float64Array(n);
    side.overhead[i] = overheadS * scale;
  }
}

/** The series of one side, bottom-up: operators in stacking order, each compute, memory, not split. */
function sideSeries(side: BarSide, columns: SideColumns): BreakdownSeries[] {
  const out: BreakdownSeries[] = [];
  for (const op of sortOps(columns.byOp.keys())) {
    const entry = columns.byOp.get(op)!;
    const info = opInfo(op);
    for (let p = 0; p < 3; p++) {
      const values = entry.cols[p];
      if (!values) continue;
      const part = PARTS[p]!;
      out.push({
        dataKey: `${side}|${op}|${part}`,
        side,
        op,
        part,
        label: `${info.label}, ${PART_LABEL[part]}`,
        color: info.color,
        values,
      });
    }
  }
  if (columns.overhead) {
    out.push({
      dataKey: `${side}|overhead`,
      side,
      op: null,
      part: 'overhead',
      label: 'Launch overhead',
      color: 'var(--op-overhead)',
      values: columns.overhead,
    });
  }
  return out;
}

function sideOf(
  side: BarSide,
  blocks: readonly BlockPrediction[],
  latencyMode: 'add' | 'max',
  scale: number,
): BreakdownSeries[] {
  const columns: SideColumns = { byOp: new Map(), overhead: null };
  const n = blocks.length;
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    addOps(columns, side === 'static' ? b.staticOps : b.ops, i, n, latencyMode, scale);
  }
  return sideSeries(side, columns);
}

/** The static series built last and what they were built from (the predictor's frozen operator lists). */
let lastStatic: {
  lists: readonly (readonly OpReport[])[];
  latencyMode: 'add' | 'max';
  scale: number;
  series: BreakdownSeries[];
} | null = null;

function staticSeries(
  blocks: readonly BlockPrediction[],
  latencyMode: 'add' | 'max',
  scale: number,
): BreakdownSeries[] {
  const last = lastStatic;
  if (
    last &&
    last.latencyMode === latencyMode &&
    last.scale === scale &&
    last.lists.length === blocks.length &&
    blocks.every((b, i) => b.staticOps === last.lists[i])
  ) {
    return last.series;
  }
  const series = sideOf('static', blocks, latencyMode, scale);
  lastStatic = { lists: blocks.map((b) => b.staticOps), latencyMode, scale, series };
  return series;
}

/**
 * Rows and series of the breakdown chart. A bar's segments (its side's series at the block's row) sum
 * to that block's static or dynamic latency.
 */
export function breakdownData(
  prediction: NetworkPrediction,
  latencyMode: 'add' | 'max',
  unit: TimeUnit,
): BreakdownData {
  const scale = toUnitMs(1, unit, prediction.batchSize);
  const blocks = prediction.blocks;
  const rows = blocks.map((b) => ({
    key: b.key,
    tick: `${b.stage + 1}/${b.index}`,
    stage: b.stage,
    index: b.index,
    staticMs: b.staticLatencyS * scale,
    dynamicMs: b.latencyS * scale,
  }));
  const series = [
    ...staticSeries(blocks, latencyMode, scale),
    ...sideOf('dynamic', blocks, latencyMode, scale),
  ];
  const present = new Set<string>();
  for (const s of series) if (s.op !== null) present.add(s.op);
  return { rows, series, ops: sortOps(present) };
}
