/**
 * The `manifest.json` of a `.laudmask.npz` dump (formulation spec §7), as a zod schema. The format and
 * version are checked before the schema so that a file from elsewhere gets a plain message rather than a
 * list of schema complaints. Liberal (issue 10): unknown keys are dropped, fields that do not apply or
 * that a writer left out are optional or nullable; the reader decides what a configuration needs.
 */
import { z } from 'zod';
import { capMessage } from '../config/jsonSyntax';

export const LAUDMASK_FORMAT = 'laudmask';
export const LAUDMASK_VERSION = 1;

const posInt = z.number().int().min(1).max(4096);
/**
 * A per-stage list; entries may be null (or the list absent) where a stage's mode does not use the value.
 * Whether a stage that needs a value has one is checked against the modes afterwards (see `read.ts`).
 */
const perStage = (item: z.ZodType<number>) => z.array(item.nullable()).length(4).nullish();
const rate = z.number().min(0).max(1).nullish();
const shape = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(1 << 20),
  )
  .max(8);

/** The reference script's `--dyn_mode` values; `spatial+channel` (the app's name) is read as `both`. */
const dynMode = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const t = v.trim().toLowerCase();
    return t === 'spatial+channel' ? 'both' : t;
  },
  z.enum(['spatial', 'channel', 'layer', 'both']),
);

// Objects strip keys they do not know: extra keys from other writers are ignored, never refused.
const blockSchema = z.object({
  key: z.string().max(64),
  module: z.string().max(512).nullish(),
  spatial_shape: shape.nullish(),
  spatial_rate: rate,
  conv2_rate: rate,
  conv1_rate: rate,
  channel_shape: shape.nullish(),
  channel_rate: rate,
});

export const manifestSchema = z.object({
  format: z.literal(LAUDMASK_FORMAT),
  version: z.literal(LAUDMASK_VERSION),
  model: z.object({
    arch: z.string().max(128),
    dyn_mode: z.array(dynMode).length(4),
    mask_spatial_granularity: perStage(posInt),
    channel_dyn_granularity: perStage(posInt),
    spatial_mask_channel_group: perStage(z.number().int().min(1).max(64)),
    checkpoint: z.string().max(1024).nullish(),
    /** Free text ("checkpoint", "random-init (masks meaningless)", …); mentions of "random" are flagged. */
    weights: z.string().max(1024).nullish(),
  }),
  input: z
    .object({
      file: z.string().max(1024).nullish(),
      sha256: z.string().max(256).nullish(),
      /** The network input side (224), or [height, width] of a square input. */
      size: z.union([z.number().int(), z.tuple([z.number().int(), z.number().int()])]).nullish(),
      /** [width, height] of the original image in pixels. */
      orig_size: z.tuple([posIntLarge(), posIntLarge()]).nullish(),
      /** [left, top, right, bottom] of the 224 crop, in original-image pixels. */
      crop_box: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullish(),
      normalize: z
        .object({ mean: z.array(z.number()).length(3), std: z.array(z.number()).length(3) })
        .nullish(),
    })
    .nullish(),
  prediction: z
    .object({
      top5_index: z.array(z.number().int().min(0)).max(5).nullish(),
      top5_prob: z.array(z.number().min(0).max(1)).max(5).nullish(),
    })
    .nullish(),
  /** Per block the exporter's claims; absent: the blocks come from the architecture. */
  blocks: z.array(blockSchema).max(1024).nullish(),
  /** Dtype and shape per array; absent: the `.npy` headers alone say them. */
  arrays: z
    .record(
      z.string().max(128),
      z.object({ dtype: z.string().max(32).nullish(), shape: shape.nullish() }),
    )
    .nullish(),
});

function posIntLarge() {
  return z.number().int().min(1).max(1_000_000);
}

export type LaudmaskManifest = z.infer<typeof manifestSchema>;
export type ManifestBlock = z.infer<typeof blockSchema>;

/** True when the `weights` text says the model was randomly initialised ("random-init", "random weights"). */
export function isRandomInitWeights(weights: string | null | undefined): boolean {
  return typeof weights === 'string' && /random/i.test(weights);
}

export type ParseManifestResult =
  | { ok: true; manifest: LaudmaskManifest }
  | {
      ok: false;
      code: 'manifest-json' | 'wrong-format' | 'wrong-version' | 'manifest-invalid';
      error: string;
    };

/** A short rendering of an unknown JSON value for messages. */
function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decodes and validates manifest text. Never throws. */
export function parseManifest(text: string): ParseManifestResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      code: 'manifest-json',
      error: `manifest.json is not valid JSON (${detail}).`,
    };
  }
  if (!isRecord(raw)) {
    return { ok: false, code: 'manifest-json', error: 'manifest.json is not a JSON object.' };
  }
  if (raw.format !== LAUDMASK_FORMAT) {
    return {
      ok: false,
      code: 'wrong-format',
      error: `Not a LAUDNet mask dump: manifest.json has format ${describeValue(raw.format)}, expected "${LAUDMASK_FORMAT}".`,
    };
  }
  if (raw.version !== LAUDMASK_VERSION) {
    return {
      ok: false,
      code: 'wrong-version',
      error: `Unsupported mask dump version ${describeValue(raw.version)}: this app reads version ${LAUDMASK_VERSION}.`,
    };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => capMessage(String(p), 40)).join('.');
    const where = path === '' ? 'manifest' : capMessage(path, 200);
    return {
      ok: false,
      code: 'manifest-invalid',
      error: `manifest.json is invalid at ${where}: ${capMessage(issue?.message ?? 'unknown problem', 200)}.`,
    };
  }
  return { ok: true, manifest: parsed.data };
}
