/**
 * The `manifest.json` member of a set summary (`summary.npz`, format "laudmask-set", version 1). Liberal:
 * unknown keys are ignored, and only what the data cannot do without is required (the model block).
 */
import { z } from 'zod';
import { capMessage } from '../config/jsonSyntax';
import { MASKSET_FORMAT, MASKSET_VERSION } from './types';

const perStage = (item: z.ZodType<number>) => z.array(item).min(1).max(8);
const posInt = z.number().int().min(1).max(4096);
const shape = z.array(z.number().int().min(0).max(1_000_000)).max(8);
const dynMode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['spatial', 'channel', 'layer', 'both']),
);

const blockSchema = z.object({
  key: z.string().max(64),
  module: z.string().max(1024).nullish(),
  spatial_shape: shape.nullish(),
  channel_shape: shape.nullish(),
});

export const maskSetManifestSchema = z.object({
  format: z.literal(MASKSET_FORMAT),
  version: z.literal(MASKSET_VERSION),
  model: z.object({
    arch: z.string().min(1).max(128),
    dyn_mode: z.array(dynMode).min(1).max(8),
    mask_spatial_granularity: perStage(posInt),
    channel_dyn_granularity: perStage(posInt).nullish(),
    spatial_mask_channel_group: perStage(z.number().int().min(1).max(64)).nullish(),
    checkpoint: z.string().max(4096).nullish(),
    weights: z.string().max(4096).nullish(),
  }),
  /** Number of images; when present it must agree with the arrays. */
  images: z.number().int().min(0).nullish(),
  blocks: z.array(blockSchema).max(1024).nullish(),
  class_names: z.array(z.string().max(4096)).max(1_000_000).nullish(),
  /** Per image, the dump's path relative to the summary ('' or null: none). */
  dumps: z.array(z.string().max(4096).nullable()).nullish(),
  /** Per image, the source image's path relative to the exported folder. */
  sources: z.array(z.string().max(4096).nullable()).nullish(),
});

export type MaskSetManifest = z.infer<typeof maskSetManifestSchema>;

export type ParseMaskSetManifestResult =
  | { ok: true; manifest: MaskSetManifest }
  | {
      ok: false;
      code: 'manifest-json' | 'wrong-format' | 'wrong-version' | 'manifest-invalid';
      error: string;
    };

/** Lists with one entry per image or class. */
const PATH_LISTS = ['class_names', 'dumps', 'sources'] as const;

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Decodes and validates the summary manifest's text. Never throws. */
export function parseMaskSetManifest(text: string): ParseMaskSetManifestResult {
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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'manifest-json', error: 'manifest.json is not a JSON object.' };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== MASKSET_FORMAT) {
    const hint =
      obj.format === 'laudmask' ? ' (this is a per-image mask dump, not a set summary)' : '';
    return {
      ok: false,
      code: 'wrong-format',
      error: `Not a mask set summary: manifest.json has format ${describe(obj.format)}, expected "${MASKSET_FORMAT}"${hint}.`,
    };
  }
  if (obj.version !== MASKSET_VERSION) {
    return {
      ok: false,
      code: 'wrong-version',
      error: `Unsupported mask set summary version ${describe(obj.version)}: this app reads version ${MASKSET_VERSION}.`,
    };
  }
  // Per-image lists are checked by hand: zod over 100,000 strings would dominate opening a large set.
  const lists: Record<string, (string | null)[] | undefined> = {};
  const rest: Record<string, unknown> = { ...obj };
  for (const key of PATH_LISTS) {
    const list = obj[key];
    delete rest[key];
    if (list === undefined || list === null) continue;
    if (
      !Array.isArray(list) ||
      !list.every((v) => typeof v === 'string' || (v === null && key !== 'class_names'))
    )
      return {
        ok: false,
        code: 'manifest-invalid',
        error: `manifest.json is invalid at ${key}: expected a list of strings.`,
      };
    lists[key] = list as (string | null)[];
  }
  const parsed = maskSetManifestSchema.safeParse(rest);
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
  return {
    ok: true,
    manifest: {
      ...parsed.data,
      class_names: lists.class_names as string[] | undefined,
      dumps: lists.dumps,
      sources: lists.sources,
    },
  };
}
