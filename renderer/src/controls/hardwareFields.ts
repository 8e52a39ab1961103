import type { HardwareParams } from '../../../core/predictor/hardware';

/** One editable hardware parameter: how it is shown (unit, scale) and stored (SI). */
export interface HardwareField {
  key: Exclude<keyof HardwareParams, 'latencyMode' | 'memoryEfficiency'>;
  label: string;
  unit: string;
  /** Stored value = shown value × scale. */
  scale: number;
  step: number;
  integer?: boolean;
  help: string;
}

export const HARDWARE_FIELDS: readonly HardwareField[] = [
  {
    key: 'nPes',
    label: 'SMs',
    unit: 'count',
    scale: 1,
    step: 1,
    integer: true,
    help: 'Processing elements P (streaming multiprocessors).',
  },
  {
    key: 'peFp32s',
    label: 'FP32 lanes',
    unit: 'per SM',
    scale: 1,
    step: 1,
    help: 'FP32 lanes per SM, F.',
  },
  { key: 'frequencyHz', label: 'Clock', unit: 'MHz', scale: 1e6, step: 1, help: 'Core clock f.' },
  {
    key: 'memBandwidthBytesPerS',
    label: 'DRAM bandwidth',
    unit: 'GB/s',
    scale: 1e9,
    step: 0.1,
    help: 'DRAM bandwidth BW.',
  },
  {
    key: 'l2SpeedFrac',
    label: 'L2 speed',
    unit: '× DRAM',
    scale: 1,
    step: 0.5,
    help: 'L2 bandwidth as a multiple of DRAM bandwidth, λ.',
  },
  {
    key: 'memConcurrentFp32',
    label: 'Sector size',
    unit: 'fp32 / txn',
    scale: 1,
    step: 1,
    help: 'fp32 elements per memory transaction, m (1 disables the memory-concurrency penalty).',
  },
  {
    key: 'fp32Cycles',
    label: 'Latency hiding',
    unit: 'cycles',
    scale: 1,
    step: 1,
    help: 'Latency-hiding depth k; peak parallelism Π = F·k.',
  },
  {
    key: 'launchTimeS',
    label: 'Kernel launch',
    unit: 'µs',
    scale: 1e-6,
    step: 0.5,
    help: 'Launch overhead τ added once per kernel.',
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    unit: 'images',
    scale: 1,
    step: 1,
    integer: true,
    help: 'Images per forward pass B; latencies are per batch.',
  },
];

/** Shown value of a stored parameter, rounded to hide binary noise (1500e6 Hz → 1500 MHz). */
export function shownValue(field: HardwareField, stored: number): number {
  return Number((stored / field.scale).toPrecision(10));
}

/** Parses a shown value; returns an error sentence instead when it is not acceptable. */
export function parseShown(
  field: HardwareField,
  text: string,
): { value: number } | { error: string } {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v))
    return { error: `${field.label} must be a number` };
  if (field.key === 'launchTimeS' ? v < 0 : v <= 0) {
    return {
      error: `${field.label} must be ${field.key === 'launchTimeS' ? 'zero or more' : 'positive'}`,
    };
  }
  if (field.integer && !Number.isInteger(v))
    return { error: `${field.label} must be a whole number` };
  if (v * field.scale > 1e15) return { error: `${field.label} is absurdly large` };
  return { value: field.integer ? v : v * field.scale };
}
