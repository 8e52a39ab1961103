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

function addPart(row: BreakdownRow, k: string, v: number, used: Set<string>): void {
  row[k] = ((row[k] as number | undefined) ?? 0) + v;
  used.add(k);
}

/** What one side of a block adds to its row: (series key, value) pairs in order, and the overhead. */
interface SideParts {
  adds: [string, number][];
  overheadS: number;
}

/** Calls `add` with each positive part of `ops` (in order) and returns their launch overhead, s. */
function eachPart(
  side: BarSide,
  ops: readonly OpReport[],
  latencyMode: 'add' | 'max',
  scale: number,
  add: (k: string, v: number) => void,
): number {
  let overheadS = 0;
  for (const op of ops) {
    const parts: OpTimeParts = splitOpTime(op, latencyMode);
    const compute = parts.computeS * scale;
    const memory = parts.memoryS * scale;
    const unsplit = parts.unsplitS * scale;
    if (compute > 0) add(seriesKey(side, op.op, 'compute'), compute);
    if (memory > 0) add(seriesKey(side, op.op, 'memory'), memory);
    if (unsplit > 0) add(seriesKey(side, op.op, 'unsplit'), unsplit);
    overheadS += parts.overheadS;
  }
  return overheadS;
}

/**
 * The static side's parts per operator list (the predictor hands the same frozen list for a block's
 * static operators at every rate), latency mode and scale: a rate change splits only the dynamic ones.
 */
const STATIC_PARTS = new WeakMap<readonly OpReport[], Map<string, SideParts>>();

function staticParts(ops: readonly OpReport[], latencyMode: 'add' | 'max', scale: number) {
  let byMode = STATIC_PARTS.get(ops);
  if (!byMode) {
    byMode = new Map();
    STATIC_PARTS.set(ops, byMode);
  }
  const key = `${latencyMode}|${scale}`;
  let parts = byMode.get(key);
  if (!parts) {
    const adds: [string, number][] = [];
    const overheadS = eachPart('static', ops, latencyMode, scale, (k, v) => adds.push([k, v]));
    parts = { adds, overheadS };
    byMode.set(key, parts);
  }
  return parts;
}

function addParts(
  row: BreakdownRow,
  side: BarSide,
  ops: readonly OpReport[],
  latencyMode: 'add' | 'max',
  scale: number,
  used: Set<string>,
): void {
  let overheadS: number;
  if (side === 'static') {
    const parts = staticParts(ops, latencyMode, scale);
    for (const [k, v] of parts.adds) addPart(row, k, v, used);
    overheadS = parts.overheadS;
  } else overheadS = eachPart(side, ops, latencyMode, scale, (k, v) => addPart(row, k, v, used));
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
