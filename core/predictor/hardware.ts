/**
 * Hardware model of the latency predictor (latency spec §1): parameters, the paper's five presets, newer
 * devices from public spec sheets, and validation of user-supplied hardware.
 */
import { z } from 'zod';
import { HardwareError } from './errors';

export { HardwareError };
import { capMessage, listWithRest } from '../config/jsonSyntax';
import { lazily } from '../config/schemaLazy';

/** Constructor parameters of the reference GPU predictor, with units in the names. */
export interface HardwareParams {
  /** Processing elements (SMs), P. */
  nPes: number;
  /** fp32 lanes per PE, F. */
  peFp32s: number;
  /** Clock, f. */
  frequencyHz: number;
  /** DRAM bandwidth, BW. */
  memBandwidthBytesPerS: number;
  /** Latency-hiding depth k (only in the peak parallelism Π = F·k). */
  fp32Cycles: number;
  /** fp32 elements per memory transaction, m (8; 1 in the memory-concurrency variant). */
  memConcurrentFp32: number;
  /** Accepted and never used, as in the reference [Q1]. */
  memoryEfficiency: number;
  /** L2 bandwidth as a multiple of DRAM bandwidth, λ. */
  l2SpeedFrac: number;
  /** How compute and memory times combine: sum or overlap. */
  latencyMode: 'add' | 'max';
  /** Images per forward pass, B; every latency is per batch. */
  batchSize: number;
  /** Kernel launch overhead τ, added once per kernel. */
  launchTimeS: number;
}

/** A named hardware configuration. `validated` is false for presets never compared with measurements. */
export interface HardwarePreset {
  id: string;
  label: string;
  params: HardwareParams;
  validated: boolean;
  source: string;
}

/** Reference constructor defaults (spec §1.1), except `latencyMode`: see {@link resolveHardware}. */
export const HARDWARE_DEFAULTS = {
  fp32Cycles: 4,
  memConcurrentFp32: 8,
  memoryEfficiency: 0.9,
  l2SpeedFrac: 4,
  latencyMode: 'add',
  batchSize: 1,
  launchTimeS: 8e-6,
} as const satisfies Partial<HardwareParams>;

const make = (
  nPes: number,
  peFp32s: number,
  frequencyHz: number,
  memBandwidthBytesPerS: number,
  extra: Partial<HardwareParams>,
): HardwareParams => ({
  ...HARDWARE_DEFAULTS,
  nPes,
  peFp32s,
  frequencyHz,
  memBandwidthBytesPerS,
  ...extra,
});

const PAPER = 'LAUDNet eval_example.py presets (latency spec §1.3)';

/**
 * The five presets of the paper (exact constructor arguments), then newer devices from public spec sheets
 * (SMs, fp32 lanes per SM, boost clock, DRAM bandwidth; other parameters are the reference defaults and the
 * batch size follows the paper's convention: 128 for discrete GPUs, 1 for Jetson boards).
 */
export const HARDWARE_PRESETS: readonly HardwarePreset[] = Object.freeze([
  {
    id: 'v100',
    label: 'NVIDIA Tesla V100',
    params: make(80, 64, 1500e6, 700e9, { batchSize: 128 }),
    validated: true,
    source: PAPER,
  },
  {
    id: '3090',
    label: 'NVIDIA RTX 3090',
    // 10496 ⫽ 82 = 128 lanes per SM, as the reference computes it.
    params: make(82, Math.floor(10496 / 82), 1250e6, 936e9, { batchSize: 128, l2SpeedFrac: 1 }),
    validated: true,
    source: PAPER,
  },
  {
    id: '3060',
    label: 'NVIDIA RTX 3060',
    params: make(28, 3584 / 28, 1777e6, 360e9, { batchSize: 128 }),
    validated: true,
    source: PAPER,
  },
  {
    id: 'tx2',
    label: 'NVIDIA Jetson TX2',
    params: make(2, 128, 1300e6, 59.7e9, { batchSize: 1 }),
    validated: true,
    source: PAPER,
  },
  {
    id: 'nano',
    label: 'NVIDIA Jetson Nano',
    params: make(1, 128, 921e6, 25.6e9, { batchSize: 1 }),
    validated: true,
    source: PAPER,
  },
  {
    id: 'a100',
    label: 'NVIDIA A100 SXM4 40 GB (not validated against measurements)',
    // NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), Table 1: 108 SMs, 64 FP32 cores/SM,
    // boost 1410 MHz, HBM2 1555 GB/s.
    params: make(108, 64, 1410e6, 1555e9, { batchSize: 128 }),
    validated: false,
    source: 'NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), Table 1',
  },
  {
    id: 'h100-sxm',
    label: 'NVIDIA H100 SXM5 80 GB (not validated against measurements)',
    // NVIDIA H100 Tensor Core GPU datasheet / Hopper architecture whitepaper: 132 SMs, 128 FP32 cores/SM,
    // max boost 1980 MHz, HBM3 3.35 TB/s.
    params: make(132, 128, 1980e6, 3.35e12, { batchSize: 128 }),
    validated: false,
    source: 'NVIDIA H100 Tensor Core GPU datasheet and Hopper architecture whitepaper (2022)',
  },
  {
    id: 'rtx4090',
    label: 'NVIDIA GeForce RTX 4090 (not validated against measurements)',
    // NVIDIA Ada Lovelace GPU architecture whitepaper: 128 SMs, 128 FP32 cores/SM (16384), boost 2520 MHz,
    // 384-bit GDDR6X at 21 Gbps = 1008 GB/s.
    params: make(128, 128, 2520e6, 1008e9, { batchSize: 128 }),
    validated: false,
    source: 'NVIDIA Ada Lovelace GPU architecture whitepaper (2022), RTX 4090 specifications',
  },
  {
    id: 'agx-orin',
    label: 'NVIDIA Jetson AGX Orin 64 GB (not validated against measurements)',
    // Jetson AGX Orin series datasheet: 2048 CUDA cores in 16 SMs, GPU max 1.3 GHz, LPDDR5 204.8 GB/s.
    params: make(16, 128, 1300e6, 204.8e9, { batchSize: 1 }),
    validated: false,
    source: 'NVIDIA Jetson AGX Orin series data sheet (2022)',
  },
  {
    id: 'orin-nano',
    label: 'NVIDIA Jetson Orin Nano 8 GB (not validated against measurements)',
    // Jetson Orin Nano series datasheet: 1024 CUDA cores in 8 SMs, GPU max 625 MHz, LPDDR5 68 GB/s.
    params: make(8, 128, 625e6, 68e9, { batchSize: 1 }),
    validated: false,
    source: 'NVIDIA Jetson Orin Nano series data sheet (2023)',
  },
]);

/** Ids of all presets, in display order. */
export const HARDWARE_PRESET_IDS: readonly string[] = HARDWARE_PRESETS.map((p) => p.id);

/**
 * A finite number within bounds taken from real devices with a wide margin (a Jetson Nano has 1
 * SM at 921 MHz and 25.6 GB/s; an H100 132 SMs, 1.98 GHz and 3.35 TB/s). Outside them the
 * latency is meaningless or not even finite (batchSize 1e308, memConcurrentFp32 1e-320), so each
 * field's message names its range.
 */
const within = (what: string, min: number, max: number, why = '') =>
  z
    .number({ error: `${what} must be a number` })
    .refine(
      (v) => Number.isFinite(v) && v >= min && v <= max,
      `${what} must be between ${min} and ${max}${why}`,
    );

/** Limits of every hardware number (inclusive). */
export const HARDWARE_LIMITS = {
  nPes: [1, 100_000],
  peFp32s: [1, 16_384],
  frequencyHz: [1e6, 1e11],
  memBandwidthBytesPerS: [1e6, 1e15],
  fp32Cycles: [0.001, 1000],
  memConcurrentFp32: [0.001, 100_000],
  memoryEfficiency: [0.001, 1],
  l2SpeedFrac: [0.001, 1000],
  batchSize: [1, 65_536],
  launchTimeS: [0, 1],
} as const satisfies Record<string, readonly [number, number]>;

const field = (key: keyof typeof HARDWARE_LIMITS, what: string = key, why = '') =>
  within(what, HARDWARE_LIMITS[key][0], HARDWARE_LIMITS[key][1], why);

/**
 * Full hardware parameters: every number finite and within {@link HARDWARE_LIMITS}, batch an integer
 * (built on first use, like every schema here).
 */
export const hardwareParamsSchema = lazily(() =>
  z.strictObject({
    nPes: field('nPes', 'nPes (number of SMs)'),
    peFp32s: field('peFp32s', 'peFp32s (fp32 lanes per SM)'),
    frequencyHz: field('frequencyHz', 'frequencyHz', ' (1 MHz to 100 GHz)'),
    memBandwidthBytesPerS: field(
      'memBandwidthBytesPerS',
      'memBandwidthBytesPerS',
      ' (1 MB/s to 1 PB/s)',
    ),
    fp32Cycles: field('fp32Cycles'),
    memConcurrentFp32: field('memConcurrentFp32'),
    memoryEfficiency: field('memoryEfficiency'),
    l2SpeedFrac: field('l2SpeedFrac'),
    latencyMode: z.enum(['add', 'max'], { error: "latencyMode must be 'add' or 'max'" }),
    batchSize: field('batchSize').refine(Number.isInteger, 'batchSize must be an integer'),
    launchTimeS: field('launchTimeS', 'launchTimeS', ' seconds'),
  }),
);

/** Partial parameters (overrides, or a custom device on top of the defaults), same rules per field. */
export const hardwareOverridesSchema = lazily(() => hardwareParamsSchema().partial());

/** A custom-hardware JSON object: optional `preset` to start from, then parameter overrides. */
export const customHardwareSchema = lazily(() =>
  hardwareOverridesSchema().extend({
    preset: z.string().optional(),
  }),
);

/** The issues as one line: at most 4 named, unknown keys shortened, the whole capped. */
function formatIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 4).map((i) => {
    if (i.code === 'unrecognized_keys') {
      const keys = listWithRest(i.keys, 5, 'unknown keys');
      return `unknown field(s) ${keys} (valid: ${Object.keys(hardwareParamsSchema().shape).join(', ')}, preset)`;
    }
    return capMessage(i.message, 200);
  });
  const rest = error.issues.length - parts.length;
  if (rest > 0) parts.push(`and ${rest} more problem${rest > 1 ? 's' : ''}`);
  return capMessage(parts.join('; '), 1000);
}

/**
 * Finds a preset by id; throws a {@link HardwareError} naming the valid ids otherwise.
 * [Q2] The reference leaves its predictor undefined (and crashes later) for an unknown name.
 */
export function findHardwarePreset(id: string): HardwarePreset {
  const preset = HARDWARE_PRESETS.find((p) => p.id === id);
  if (!preset) {
    throw new HardwareError(
      `unknown hardware '${capMessage(id, 60)}' (valid: ${HARDWARE_PRESET_IDS.join(', ')}; or a custom JSON object)`,
    );
  }
  return preset;
}

/**
 * Resolves a preset id or a custom parameter object, then applies `overrides`, and validates the result.
 * A custom object may start from a preset (`{"preset": "v100", "batchSize": 1}`) or must give at least
 * `nPes`, `peFp32s`, `frequencyHz` and `memBandwidthBytesPerS`; missing fields take the reference
 * constructor defaults, except `latencyMode`, which defaults to 'add' like every shipped preset (the
 * reference constructor's own default is 'max').
 * @throws HardwareError naming the valid preset ids or the offending field.
 */
export function resolveHardware(
  spec: string | (Partial<HardwareParams> & { preset?: string }),
  overrides?: Partial<HardwareParams>,
): HardwareParams {
  let base: Partial<HardwareParams>;
  if (typeof spec === 'string') base = findHardwarePreset(spec).params;
  else {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new HardwareError('custom hardware must be a JSON object');
    }
    const parsed = customHardwareSchema().safeParse(spec);
    if (!parsed.success) throw new HardwareError(`invalid hardware: ${formatIssues(parsed.error)}`);
    const { preset, ...rest } = parsed.data;
    base =
      preset !== undefined
        ? { ...findHardwarePreset(preset).params, ...rest }
        : { ...HARDWARE_DEFAULTS, ...rest };
  }
  if (overrides !== undefined) {
    const parsed = hardwareOverridesSchema().safeParse(overrides);
    if (!parsed.success)
      throw new HardwareError(`invalid hardware override: ${formatIssues(parsed.error)}`);
    base = { ...base, ...parsed.data };
  }
  const missing = ['nPes', 'peFp32s', 'frequencyHz', 'memBandwidthBytesPerS'].filter(
    (k) => base[k as keyof HardwareParams] === undefined,
  );
  if (missing.length > 0) {
    throw new HardwareError(
      `custom hardware needs ${missing.join(', ')} (or a "preset" to start from)`,
    );
  }
  const plain = plainValidParams(base);
  if (plain) return plain;
  const full = hardwareParamsSchema().safeParse(base);
  if (!full.success) throw new HardwareError(`invalid hardware: ${formatIssues(full.error)}`);
  return full.data;
}

/** The parameter names in the order of {@link hardwareParamsSchema}'s output. */
const PARAM_KEYS = [
  'nPes',
  'peFp32s',
  'frequencyHz',
  'memBandwidthBytesPerS',
  'fp32Cycles',
  'memConcurrentFp32',
  'memoryEfficiency',
  'l2SpeedFrac',
  'latencyMode',
  'batchSize',
  'launchTimeS',
] as const satisfies readonly (keyof HardwareParams)[];

/**
 * The same rules as {@link hardwareParamsSchema} checked without zod, for the common case of valid
 * parameters (every preset): a fresh object in the schema's key order, or null when anything is off,
 * so the schema then names the problem. It keeps the schema (and its compilation) off a cold start.
 */
export function plainValidParams(base: Partial<HardwareParams>): HardwareParams | null {
  const keys = Object.keys(base);
  if (keys.length !== PARAM_KEYS.length) return null;
  for (const key of keys) if (!(PARAM_KEYS as readonly string[]).includes(key)) return null;
  const out: Record<string, number | string> = {};
  for (const key of PARAM_KEYS) {
    if (!Object.hasOwn(base, key)) return null;
    const v: unknown = base[key];
    if (key === 'latencyMode') {
      if (v !== 'add' && v !== 'max') return null;
    } else {
      const [min, max] = HARDWARE_LIMITS[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return null;
      if (key === 'batchSize' && !Number.isInteger(v)) return null;
    }
    out[key] = v;
  }
  return out as unknown as HardwareParams;
}

/** Stable key of a parameter set: memo tables are shared by equal parameters, never by object identity. */
export function hardwareKey(hw: HardwareParams): string {
  return [
    hw.nPes,
    hw.peFp32s,
    hw.frequencyHz,
    hw.memBandwidthBytesPerS,
    hw.fp32Cycles,
    hw.memConcurrentFp32,
    hw.l2SpeedFrac,
    hw.latencyMode,
    hw.batchSize,
    hw.launchTimeS,
  ].join('|');
}
