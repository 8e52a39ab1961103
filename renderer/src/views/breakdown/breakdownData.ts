/**
 * From a network prediction to the per-block stacked bars: one row per block, one series per
 * (static|dynamic, operator, compute|memory|unsplit) plus the launch overhead of each bar.
 */
import type { BlockPrediction, NetworkPrediction, OpReport } from '../../../../core/predictor';
import { opInfo, sortOps, splitOpTime, type OpTimeParts } from './ops';

/** The unit of the breakdown's time axis. */
export type TimeUnit = 'image' | 'batch';

export type BarSide = 'static' | 'dynamic';
export type BarPart = 'compute' | 'memory' | 'unsplit' | 'overhead';

/** One stacked segment series of the chart. */
export interface BreakdownSeries {
  /** Row property holding the segment's value ("dynamic|conv2|memory", "static|overhead"). */
  dataKey: string;
  side: BarSide;
  /** Operator name, null for the launch-overhead segment. */
  op: string | null;
  part: BarPart;
  label: string;
  color: string;
}

/** One block: totals and segment values in ms (per image or per batch, see `TimeUnit`). */
export interface BreakdownRow {
  key: string;
  /** Category of the axis, "3/12" (1-based stage / 0-based block); unique per block. */
  tick: string;
  stage: number;
  /** 0-based block index inside the stage. */
  index: number;
  staticMs: number;
  dynamicMs: number;
  [segment: string]: number | string;
}

export interface BreakdownData {
  rows: BreakdownRow[];
  series: BreakdownSeries[];
  /** Operators present in any bar, in stacking order. */
  ops: string[];
}

/** ms per unit from seconds per batch. */
export function toUnitMs(seconds: number, unit: TimeUnit, batchSize: number): number {
  return unit === 'batch' ? seconds * 1000 : (seconds * 1000) / batchSize;
}

const PART_LABEL: Record<Exclude<BarPart, 'overhead'>, string> = {
  compute: 'compute',
  memory: 'memory',
  unsplit: 'not split',
};

type SplitPart = Exclude<BarPart, 'overhead'>;

/** Keys per side and operator, built once: a rate change rebuilds hundreds of segments with them. */
const KEYS: Record<BarSide, Map<string, Record<SplitPart, string>>> = {
  static: new Map(),
  dynamic: new Map(),
};

function seriesKey(side: BarSide, op: string | null, part: BarPart): string {
  if (op === null || part === 'overhead') return `${side}|overhead`;
  let keys = KEYS[side].get(op);
  if (!keys) {
    keys = {
      compute: `${side}|${op}|compute`,
      memory: `${side}|${op}|memory`,
      unsplit: `${side}|${op}|unsplit`,
    };
    KEYS[side].set(op, keys);
  }
  return keys[part];
}

function addPart(
  row: BreakdownRow,
  side: BarSide,
  op: string,
  part: SplitPart,
  v: number,
  used: Set<string>,
): void {
  if (v <= 0) return;
  const k = seriesKey(side, op, part);
  row[k] = ((row[k] as number | undefined) ?? 0) + v;
  used.add(k);
}

function addParts(
  row: BreakdownRow,
  side: BarSide,
  ops: readonly OpReport[],
  latencyMode: 'add' | 'max',
  scale: number,
  used: Set<string>,
): void {
  let overheadS = 0;
  for (const op of ops) {
    const parts: OpTimeParts = splitOpTime(op, latencyMode);
    addPart(row, side, op.op, 'compute', parts.computeS * scale, used);
    addPart(row, side, op.op, 'memory', parts.memoryS * scale, used);
    addPart(row, side, op.op, 'unsplit', parts.unsplitS * scale, used);
    overheadS += parts.overheadS;
  }
  if (overheadS > 0) {
    const k = seriesKey(side, null, 'overhead');
    row[k] = overheadS * scale;
    used.add(k);
  }
}

function blockRow(
  b: BlockPrediction,
  latencyMode: 'add' | 'max',
  scale: number,
  used: Set<string>,
): BreakdownRow {
  const row: BreakdownRow = {
    key: b.key,
    tick: `${b.stage + 1}/${b.index}`,
    stage: b.stage,
    index: b.index,
    staticMs: b.staticLatencyS * scale,
    dynamicMs: b.latencyS * scale,
  };
  addParts(row, 'static', b.staticOps, latencyMode, scale, used);
  addParts(row, 'dynamic', b.ops, latencyMode, scale, used);
  return row;
}

/**
 * Rows and series of the breakdown chart. Segment values of a bar sum to that block's static or dynamic
 * latency; every row has every series key (0 where absent), so recharts stacks them consistently.
 */
export function breakdownData(
  prediction: NetworkPrediction,
  latencyMode: 'add' | 'max',
  unit: TimeUnit,
): BreakdownData {
  const scale = toUnitMs(1, unit, prediction.batchSize);
  const used = new Set<string>();
  const rows = prediction.blocks.map((b) => blockRow(b, latencyMode, scale, used));
  const ops = sortOps(
    prediction.blocks.flatMap((b) => [...b.staticOps, ...b.ops].map((o) => o.op)),
  );
  const series: BreakdownSeries[] = [];
  for (const side of ['static', 'dynamic'] as const) {
    for (const op of ops) {
      for (const part of ['compute', 'memory', 'unsplit'] as const) {
        const dataKey = seriesKey(side, op, part);
        if (!used.has(dataKey)) continue;
        const info = opInfo(op);
        series.push({
          dataKey,
          side,
          op,
          part,
          label: `${info.label}, ${PART_LABEL[part]}`,
          color: info.color,
        });
      }
    }
    const overhead = seriesKey(side, null, 'overhead');
    if (used.has(overhead)) {
      series.push({
        dataKey: overhead,
        side,
        op: null,
        part: 'overhead',
        label: 'Launch overhead',
        color: 'var(--op-overhead)',
      });
    }
  }
  for (const row of rows) for (const s of series) row[s.dataKey] ??= 0;
  return { rows, series, ops: ops.filter((op) => series.some((s) => s.op === op)) };
}
