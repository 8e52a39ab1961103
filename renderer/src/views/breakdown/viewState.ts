/**
 * What the breakdown view renders with React, apart from the numbers: a rate change that leaves the
 * blocks, the series drawn, the time axis, the unit, the mode and the selected block's operators alone
 * renders nothing; its numbers reach the chart's bars, the block's summary and its operator tables
 * through `live` (direct writes of what differs).
 */
import type { StudioState } from '../../store/studioStore';
import type { Analysis } from '../../worker/types';
import { breakdownData, type BreakdownData, type TimeUnit } from './breakdownData';
import { breakdownAxis, type BreakdownAxis } from './breakdownGeometry';
import { latencyModeOf } from './ops';

/** The numbers of a rate change: the analysis and the chart's rows and series in `unit`. */
export interface BreakdownValue {
  analysis: Analysis;
  data: BreakdownData;
  unit: TimeUnit;
}

/** What the selected block's details render (its numbers are written from `live`). */
export interface BlockShape {
  key: string;
  /** The block's mode, shown where the FLOPs count has no dynamics for it. */
  mode: string;
  hasFlops: boolean;
  /** Operator names of the dynamic and the static table, in order. */
  ops: string[];
  staticOps: string[];
  /** A "Runs" column (an operator runs a fraction of the time: layer skipping). */
  skipping: boolean;
  staticSkipping: boolean;
}

export interface BreakdownShape {
  /**
   * The rows and series when the shape last changed: their blocks, series keys and operators are those
   * of the latest data, their numbers maybe not (the latest are on `live`). Null: no analysis yet.
   */
  data: BreakdownData | null;
  /** The time axis: the one drawn while the bars fit under it (see {@link breakdownAxis}). */
  axis: BreakdownAxis | null;
  latencyMode: 'add' | 'max';
  unit: TimeUnit;
  batchSize: number;
  selectedKey: string | null;
  /** The selected block, null when none (or when the network has no such block). */
  block: BlockShape | null;
}

export interface BreakdownSelector {
  /** A store selector: the same object while the shape stays the same (the view does not render). */
  shape: (s: StudioState, unit: TimeUnit) => BreakdownShape;
  /** The latest numbers in `unit` (the same object for the same analysis, hardware and unit). */
  value: (s: StudioState, unit: TimeUnit) => BreakdownValue | null;
}

function blockShape(analysis: Analysis, key: string | null): BlockShape | null {
  const block = analysis.prediction.blocks.find((b) => b.key === key);
  if (!block) return null;
  return {
    key: block.key,
    mode: block.mode,
    hasFlops: analysis.flops.blocks.some((b) => b.key === key),
    ops: block.ops.map((o) => o.op),
    staticOps: block.staticOps.map((o) => o.op),
    skipping: block.ops.some((o) => o.executionRate !== 1),
    staticSkipping: block.staticOps.some((o) => o.executionRate !== 1),
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameBlock(a: BlockShape | null, b: BlockShape | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.key === b.key &&
    a.mode === b.mode &&
    a.hasFlops === b.hasFlops &&
    a.skipping === b.skipping &&
    a.staticSkipping === b.staticSkipping &&
    sameStrings(a.ops, b.ops) &&
    sameStrings(a.staticOps, b.staticOps)
  );
}

/** True when two datas draw the same blocks with the same series (whatever their numbers). */
function sameLayout(a: BreakdownData | null, b: BreakdownData | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r.key === b.rows[i]!.key && r.tick === b.rows[i]!.tick) &&
    a.series.length === b.series.length &&
    a.series.every((s, i) => s.dataKey === b.series[i]!.dataKey) &&
    sameStrings(a.ops, b.ops)
  );
}

export function breakdownSelector(): BreakdownSelector {
  let hardware: StudioState['config']['hardware'] | null = null;
  let latencyMode: 'add' | 'max' = 'add';
  let value: BreakdownValue | null = null;
  let valueOf: Analysis | null = null;
  const valueFor = (s: StudioState, unit: TimeUnit): BreakdownValue | null => {
    let modeChanged = false;
    if (s.config.hardware !== hardware) {
      hardware = s.config.hardware;
      const mode = latencyModeOf(hardware);
      modeChanged = mode !== latencyMode;
      latencyMode = mode;
    }
    const analysis = s.analysis;
    if (analysis !== valueOf || modeChanged || unit !== value?.unit) {
      valueOf = analysis;
      value = analysis
        ? { analysis, data: breakdownData(analysis.prediction, latencyMode, unit), unit }
        : null;
    }
    return value;
  };
  let shape: BreakdownShape | null = null;
  let shapeOf: BreakdownValue | null = null;
  return {
    value: valueFor,
    shape: (s, unit) => {
      const now = valueFor(s, unit);
      const selectedKey = s.selectedBlock;
      if (shape && now === shapeOf && shape.selectedKey === selectedKey) return shape;
      shapeOf = now;
      const data = now?.data ?? null;
      const axis = data ? breakdownAxis(data, shape?.axis ?? null) : null;
      const found = now ? blockShape(now.analysis, selectedKey) : null;
      const block = shape && sameBlock(found, shape.block) ? shape.block : found;
      const batchSize = now ? now.analysis.prediction.batchSize : (shape?.batchSize ?? 1);
      if (
        shape &&
        (data === null) === (shape.data === null) &&
        sameLayout(data, shape.data) &&
        axis === shape.axis &&
        unit === shape.unit &&
        latencyMode === shape.latencyMode &&
        batchSize === shape.batchSize &&
        selectedKey === shape.selectedKey &&
        block === shape.block
      ) {
        return shape;
      }
      shape = { data, axis, latencyMode, unit, batchSize, selectedKey, block };
      return shape;
    },
  };
}
