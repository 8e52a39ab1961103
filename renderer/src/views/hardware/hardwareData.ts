/** Rows of the hardware comparison, prepared for the charts and the table. */
import type { StudioConfig } from '../../../../core/config/schema';
import type { HardwareRow } from '../../worker/types';
import { decadeTicks } from '../../charts/svg/ticks';

export interface HardwareDatum extends HardwareRow {
  /** Axis label: the device without vendor prefix and without the "not validated" note. */
  shortLabel: string;
  /** True for the preset the configuration uses. */
  current: boolean;
  /** Static latency / dynamic latency. */
  speedup: number;
}

/** "NVIDIA Tesla V100" → "V100"; drops the "(not validated …)" note, which the view marks otherwise. */
export function shortHardwareLabel(label: string): string {
  return label
    .replace(/\s*\(not validated[^)]*\)\s*/i, '')
    .replace(/^NVIDIA\s+(Tesla\s+|GeForce\s+)?/, '')
    .trim();
}

/** The preset the configuration is on (null for custom hardware). */
export function currentPresetId(config: StudioConfig): string | null {
  return config.hardware.kind === 'preset' ? config.hardware.id : null;
}

/** Chart/table rows in preset order; `current` is the configuration's preset id (null: custom hardware). */
export function hardwareData(
  rows: readonly HardwareRow[],
  current: string | null,
): HardwareDatum[] {
  return rows.map((r) => ({
    ...r,
    shortLabel: shortHardwareLabel(r.label),
    current: r.id === current,
    speedup: r.staticLatencyS / r.latencyS,
  }));
}

/** What the comparison shows of a preset that a rate change leaves alone: its row's fixed parts. */
export type HardwarePreset = Pick<
  HardwareDatum,
  'id' | 'shortLabel' | 'validated' | 'current' | 'batchSize'
>;

/** A key equal for rows whose fixed parts are equal (see {@link HardwarePreset}). */
export function presetsKey(rows: readonly HardwareDatum[]): string {
  return rows
    .map(
      (r) => `${r.id}|${r.shortLabel}|${r.validated ? 1 : 0}|${r.current ? 1 : 0}|${r.batchSize}`,
    )
    .join(' ');
}

/** The fixed parts of every row. */
export function presetsOf(rows: readonly HardwareDatum[]): HardwarePreset[] {
  return rows.map(({ id, shortLabel, validated, current, batchSize }) => ({
    id,
    shortLabel,
    validated,
    current,
    batchSize,
  }));
}

/** The top of the ratio axis the bars need: one step of headroom (0.2) over the largest ratio. */
export function ratioAxisTop(rows: readonly HardwareDatum[]): number {
  return (Math.ceil(Math.max(1.1, ...rows.map((r) => r.ratio)) * 5) + 1) / 5;
}

/** The ms chart's log domain: whole decades around every static and dynamic ms per image. */
export function msAxisDomain(rows: readonly HardwareDatum[]): [number, number] {
  return decadeTicks(rows.flatMap((r) => [r.msPerImage, r.staticMsPerImage])).domain;
}
