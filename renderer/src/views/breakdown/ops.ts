/**
 * Display names, colours and order of the predictor's operators (`OpReport.op`), and the split of an
 * operator's time into compute, memory and launch overhead for the stacked bars.
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { OpReport } from '../../../../core/predictor';
import { resolveHardware } from '../../../../core/predictor/hardware';

interface OpInfo {
  label: string;
  /** CSS variable defined in styles/views.css (light and dark values). */
  color: string;
}

const KNOWN_OPS: Record<string, OpInfo> = {
  gate: { label: 'Layer gate', color: 'var(--op-masker)' },
  'masker+conv1': { label: 'Masker + conv1', color: 'var(--op-masker-conv1)' },
  channel_masker: { label: 'Channel masker', color: 'var(--op-masker)' },
  conv1: { label: 'conv1 (1×1)', color: 'var(--op-conv1)' },
  conv2: { label: 'conv2 (3×3)', color: 'var(--op-conv2)' },
  conv3: { label: 'conv3 (1×1)', color: 'var(--op-conv3)' },
  se: { label: 'SE', color: 'var(--op-se)' },
  add: { label: 'Residual add', color: 'var(--op-add)' },
  scatter_add: { label: 'Scatter-add', color: 'var(--op-scatter)' },
  shortcut: { label: 'Shortcut (1×1, stride 2)', color: 'var(--op-shortcut)' },
};

/** Stacking order: bottom to top, roughly the order the block executes them. */
const OP_ORDER = Object.keys(KNOWN_OPS);

const FALLBACK_COLORS = ['var(--op-other-1)', 'var(--op-other-2)', 'var(--op-other-3)'];

/** Colour and display name of an operator (unknown operators get a neutral colour and their raw name). */
export function opInfo(op: string): OpInfo {
  const known = KNOWN_OPS[op];
  if (known) return known;
  let hash = 0;
  for (const ch of op) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { label: op, color: FALLBACK_COLORS[hash % FALLBACK_COLORS.length]! };
}

/** Sorts operator names in stacking order (unknown ones last, alphabetically). */
export function sortOps(ops: Iterable<string>): string[] {
  const rank = (op: string) => {
    const i = OP_ORDER.indexOf(op);
    return i < 0 ? OP_ORDER.length : i;
  };
  return [...new Set(ops)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** An operator's expected time (per batch, s) split by what bounds it. Parts sum to the op's time. */
export interface OpTimeParts {
  computeS: number;
  memoryS: number;
  /** Time the predictor reports without a compute/memory split (SE, channel-masker predictor). */
  unsplitS: number;
  /** The rest: kernel launches and fixed costs outside the compute and memory terms. */
  overheadS: number;
}

/**
 * Splits an operator's expected time (latency × execution rate) into compute, memory and overhead.
 * In 'add' mode compute and memory add up; in 'max' mode they overlap and only the larger one is on the
 * critical path, so it alone is shown. Whatever remains of the latency (launch time τ per kernel) is
 * overhead.
 */
export function splitOpTime(op: OpReport, latencyMode: 'add' | 'max'): OpTimeParts {
  return splitOpTimeInto(op, latencyMode, { computeS: 0, memoryS: 0, unsplitS: 0, overheadS: 0 });
}

/** `splitOpTime` written into `out` (no new object per operator: a rate change splits hundreds). */
export function splitOpTimeInto(
  op: OpReport,
  latencyMode: 'add' | 'max',
  out: OpTimeParts,
): OpTimeParts {
  const rate = op.executionRate;
  const totalS = op.latencyS * rate;
  if (op.computeS === null || op.memoryS === null) {
    out.computeS = 0;
    out.memoryS = 0;
    out.unsplitS = totalS;
    out.overheadS = 0;
    return out;
  }
  let computeS = op.computeS * rate;
  let memoryS = op.memoryS * rate;
  if (latencyMode === 'max') {
    if (computeS >= memoryS) memoryS = 0;
    else computeS = 0;
  }
  const boundS = computeS + memoryS;
  out.unsplitS = 0;
  if (boundS > totalS && boundS > 0) {
    // Never draw more than the operator costs: scale the parts down to its latency.
    const k = totalS / boundS;
    out.computeS = computeS * k;
    out.memoryS = memoryS * k;
    out.overheadS = 0;
    return out;
  }
  out.computeS = computeS;
  out.memoryS = memoryS;
  out.overheadS = totalS - boundS;
  return out;
}

/** Expected time of an operator per batch (layer-skipped operators run only `executionRate` of the time). */
export function expectedOpTimeS(op: OpReport): number {
  return op.latencyS * op.executionRate;
}

/** "64×7×7, 128 tiles" (with patches per PE for dynamic operators). */
export function formatTile(tile: OpReport['tile']): string {
  if (!tile) return '—';
  const npp = tile.npp !== undefined ? `, ${tile.npp} patch${tile.npp === 1 ? '' : 'es'}/PE` : '';
  return `${tile.c}×${tile.h}×${tile.w}, ${tile.nTiles} tile${tile.nTiles === 1 ? '' : 's'}${npp}`;
}

/**
 * How the configuration's hardware combines compute and memory ('add' when its parameters are invalid).
 * Takes the hardware alone, so views can select it and skip rate changes.
 */
export function latencyModeOf(hardware: StudioConfig['hardware']): 'add' | 'max' {
  try {
    const params =
      hardware.kind === 'custom'
        ? resolveHardware(hardware.params)
        : resolveHardware(hardware.id, hardware.overrides);
    return params.latencyMode;
  } catch {
    return 'add';
  }
}
