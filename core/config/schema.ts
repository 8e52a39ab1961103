/**
 * The studio configuration, version 1: everything the researcher tunes, as one versioned JSON document
 * (`{format: "laudnet-studio-config", version: 1, …}`). This file is the field-level schema; semantic checks
 * that need the architecture (valid S and G, block keys) live in `validate.ts`.
 */
import { z } from 'zod';
import { ARCH_LIMITS, architectureSchema } from '../arch/json';
import { parseInputSize } from '../arch/inputSize';
import { hardwareOverridesSchema, hardwareParamsSchema } from '../predictor/hardware';
import { lazily } from './schemaLazy';

/** `format` field of every configuration file. */
export const CONFIG_FORMAT = 'laudnet-studio-config';
/** Version written by this build. Bump it together with a migration in `migrate.ts` and a frozen fixture. */
export const CONFIG_VERSION = 1;

/** Stage modes, in the order the UI lists them (spatial+channel is the reference code's "both"). */
export const STAGE_MODES = ['static', 'spatial', 'channel', 'layer', 'spatial+channel'] as const;

const rate = () =>
  z
    .number({ error: 'must be a number between 0 and 1' })
    .min(0, 'must be between 0 and 1')
    .max(1, 'must be between 0 and 1');

/** Largest threshold offset magnitude (as core/live's offsets accept). */
export const MAX_THRESHOLD_OFFSET = 1000;

const thresholdOffset = () =>
  z
    .number({ error: 'must be a number' })
    .finite()
    .min(-MAX_THRESHOLD_OFFSET, `must be at least -${MAX_THRESHOLD_OFFSET}`)
    .max(MAX_THRESHOLD_OFFSET, `must be at most ${MAX_THRESHOLD_OFFSET}`);

const positiveInt = () =>
  z.number({ error: 'must be a positive integer' }).int('must be an integer').positive();

/**
 * Input size, height × width: a number for a square input (as every file before non-square inputs),
 * `[height, width]` otherwise. Also reads "800x1333", "800×1333" and `{height, width}`; always written in
 * the canonical form (a number when square). Each side 32 to 4096 pixels.
 */
const inputSizeSchema = () =>
  z.unknown().transform((value, ctx): number | [number, number] => {
    const parsed = parseInputSize(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    const { height, width } = parsed.size;
    return height === width ? height : [height, width];
  });

/** One stage's dynamic setting (built on first use, like every schema here). */
export const stageConfigSchema = lazily(() =>
  z.strictObject({
    mode: z.enum(STAGE_MODES, { error: `must be one of ${STAGE_MODES.join(', ')}` }),
    /** Spatial granularity S: a divisor of the stage resolution. Kept in every mode so switching back restores it. */
    spatialGranularity: positiveInt().max(
      ARCH_LIMITS.maxResolution,
      `must be at most ${ARCH_LIMITS.maxResolution} (a divisor of the stage resolution)`,
    ),
    /** Channel group size G: a divisor of the block's inner width m. */
    channelGroupSize: positiveInt().max(
      ARCH_LIMITS.maxInnerWidth,
      `must be at most ${ARCH_LIMITS.maxInnerWidth} (a divisor of the block's inner width)`,
    ),
    /** Activation rate of the stage; null follows the global `targetRate`. */
    rate: rate().nullable(),
    /** Channel rate of a spatial+channel stage; null follows the block's (spatial) rate. */
    channelRate: rate().nullable(),
  }),
);

const modelSchema = () =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('builtin'), id: z.string().min(1) }),
      z.strictObject({ kind: z.literal('custom'), architecture: architectureSchema() }),
    ],
    { error: "must be {kind: 'builtin', id} or {kind: 'custom', architecture}" },
  );

const hardwareSchema = () =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('preset'),
        id: z.string().min(1),
        overrides: hardwareOverridesSchema(),
      }),
      z.strictObject({
        kind: z.literal('custom'),
        label: z.string().max(120),
        params: hardwareParamsSchema(),
      }),
    ],
    { error: "must be {kind: 'preset', id, overrides} or {kind: 'custom', label, params}" },
  );

/** Version 1 of the configuration file (field-level rules). */
export const studioConfigV1Schema = lazily(() =>
  z.strictObject({
    format: z.literal(CONFIG_FORMAT, { error: `must be "${CONFIG_FORMAT}"` }),
    version: z.literal(1, { error: 'must be 1' }),
    name: z.string().max(200),
    notes: z.string().max(100_000),
    model: modelSchema(),
    /** Input size: a side (square) or [height, width]; read liberally ("800x1333", {height, width}). */
    inputSize: inputSizeSchema(),
    hardware: hardwareSchema(),
    targetRate: rate(),
    stages: z.array(stageConfigSchema()).min(1).max(8),
    blockRates: z.record(
      z.string().regex(/^stage\d+\/\d+$/, 'block keys look like "stage1/0"'),
      rate(),
    ),
    /**
     * Threshold offsets of a live (ONNX) model's what-if: a block keeps a cell when its soft score
     * (keep − skip) is ≥ global + its own offset. Absent: no offsets (the model's own decisions).
     */
    thresholdOffsets: z
      .strictObject({
        global: thresholdOffset(),
        perBlock: z.record(
          z.string().regex(/^stage\d+\/\d+$/, 'block keys look like "stage1/0"'),
          thresholdOffset(),
        ),
      })
      .optional(),
  }),
);

/** A stage's dynamic setting. */
export type StageConfig = z.infer<ReturnType<typeof stageConfigSchema>>;
/** Stage mode of the configuration. */
export type ConfigStageMode = StageConfig['mode'];
/** The configuration document, version 1 (the current version). */
export type StudioConfigV1 = z.infer<ReturnType<typeof studioConfigV1Schema>>;
/** The configuration the rest of the application works with (always the latest version). */
export type StudioConfig = StudioConfigV1;
