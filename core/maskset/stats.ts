/** Per-block statistics of a set: mean and percentiles of every rate over the images, and the set's means. */
import type { MaskSetRateKind, MaskSetSummary, Quantiles } from './types';
import { MASKSET_RATE_KINDS } from './types';

/**
 * Mean and p10 / p50 / p90 of the non-NaN values (percentiles interpolated linearly between order
 * statistics, numpy's default). Null when no value exists.
 */
export function quantiles(values: ArrayLike<number>): Quantiles | null {
  const kept = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    kept[n++] = v;
    sum += v;
  }
  if (n === 0) return null;
  const sorted = kept.subarray(0, n).sort();
  const at = (q: number) => {
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  return { mean: sum / n, p10: at(0.1), p50: at(0.5), p90: at(0.9), count: n };
}

/** One column (a block) of a rate array. */
export function blockColumn(
  summary: MaskSetSummary,
  kind: MaskSetRateKind,
  block: number,
): Float32Array {
  const B = summary.blocks.length;
  const src = summary.rates[kind];
  const out = new Float32Array(summary.images);
  for (let i = 0; i < summary.images; i++) out[i] = src[i * B + block]!;
  return out;
}

/** Statistics of one block; a rate is null where the block has no such mask. */
export interface MaskSetBlockStats {
  key: string;
  spatialRate: Quantiles | null;
  conv1Rate: Quantiles | null;
  conv2Rate: Quantiles | null;
  channelRate: Quantiles | null;
  gate: Quantiles | null;
}

const FIELD: Record<MaskSetRateKind, Exclude<keyof MaskSetBlockStats, 'key'>> = {
  spatial: 'spatialRate',
  conv1: 'conv1Rate',
  conv2: 'conv2Rate',
  channel: 'channelRate',
  gate: 'gate',
};

/** Per block, the mean and percentiles of every rate over the set's images. */
export function maskSetBlockStats(summary: MaskSetSummary): MaskSetBlockStats[] {
  return summary.blocks.map((b) => {
    const stats: MaskSetBlockStats = {
      key: b.key,
      spatialRate: null,
      conv1Rate: null,
      conv2Rate: null,
      channelRate: null,
      gate: null,
    };
    for (const kind of MASKSET_RATE_KINDS) {
      // Columns a block cannot have are all NaN: skip them without copying 50,000 values.
      const has =
        kind === 'channel'
          ? b.channelGroups !== null
          : kind === 'gate'
            ? b.mode === 'layer'
            : b.gridShape !== null;
      if (has) stats[FIELD[kind]] = quantiles(blockColumn(summary, kind, b.globalIndex));
    }
    return stats;
  });
}

/** Per block the mean of each rate over the images (NaN where no image has it), indexed by block. */
export type MaskSetMeanRates = Record<MaskSetRateKind, Float64Array>;

/** The set's mean rates, per block (NaN values skipped). */
export function maskSetMeanRates(summary: MaskSetSummary): MaskSetMeanRates {
  const B = summary.blocks.length;
  const out = {} as MaskSetMeanRates;
  for (const kind of MASKSET_RATE_KINDS) {
    const sums = new Float64Array(B);
    const counts = new Float64Array(B);
    const src = summary.rates[kind];
    for (let i = 0, k = 0; i < summary.images; i++)
      for (let b = 0; b < B; b++, k++) {
        const v = src[k]!;
        if (v === v) {
          sums[b] = sums[b]! + v;
          counts[b] = counts[b]! + 1;
        }
      }
    out[kind] = sums.map((s, b) => (counts[b]! > 0 ? s / counts[b]! : Number.NaN));
  }
  return out;
}

/** One class's share of a per-image value. */
export interface ClassMean {
  /** Class index (into `classNames`), -1 for the images without a label. */
  label: number;
  /** Class name ('' for -1). */
  name: string;
  /** Images of the class (with a value). */
  count: number;
  /** Mean of the value over them (NaN values skipped). */
  mean: number;
}

/**
 * Per class the mean of a per-image value (a FLOPs ratio, a latency, one block's rate column), in class
 * order, then the unlabelled images; classes without images are left out.
 */
export function meanByClass(summary: MaskSetSummary, perImage: ArrayLike<number>): ClassMean[] {
  const classes = summary.classNames.length;
  let top = classes;
  for (let i = 0; i < summary.images; i++) top = Math.max(top, summary.label[i]! + 1);
  const sums = new Float64Array(top + 1);
  const counts = new Float64Array(top + 1);
  for (let i = 0; i < summary.images; i++) {
    const v = perImage[i]!;
    if (Number.isNaN(v)) continue;
    const l = summary.label[i]!;
    const slot = l < 0 ? top : l;
    sums[slot] = sums[slot]! + v;
    counts[slot] = counts[slot]! + 1;
  }
  const out: ClassMean[] = [];
  for (let slot = 0; slot <= top; slot++) {
    if (counts[slot] === 0) continue;
    const label = slot === top ? -1 : slot;
    out.push({
      label,
      name: label >= 0 ? (summary.classNames[label] ?? `class ${label}`) : '',
      count: counts[slot]!,
      mean: sums[slot]! / counts[slot]!,
    });
  }
  return out;
}
