/**
 * The metadata of a live LAUDNet ONNX model (formulation spec §9): the JSON the exporter
 * (`tools/laudmask-export --onnx`) stores under the ONNX metadata key `laudnet`, validated against the
 * app's architectures. Liberal in what it accepts (unknown keys ignored, optional fields defaulted to the
 * exporter's values), strict where the masks would be read wrong: unknown architecture, a model for
 * another input size, per-stage S/G that do not fit, blocks or outputs that are not the architecture's.
 */
import { z } from 'zod';
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { BUILTIN_ARCHITECTURES, listBlocks } from '../arch';
import { capMessage } from '../config/jsonSyntax';
import type { ArrayKind, DumpStageConfig } from '../maskfile/expected';
import {
  checkStageConfig,
  expectedBlockArrays,
  findArchitectureForDump,
  resolveStageConfig,
} from '../maskfile/expected';
import { manifestSchema } from '../maskfile/manifest';
import type { StageMode } from '../maskfile/types';
import { stageModeFromReference } from '../maskfile/types';

/** ONNX `metadata_props` key holding the JSON. */
export const LIVE_METADATA_KEY = 'laudnet';
export const LIVE_FORMAT = 'laudnet-live';
export const LIVE_VERSION = 1;

const num3 = z.array(z.number().finite()).length(3);

const inputSchema = z.object({
  name: z.string().max(256).default('input'),
  shape: z.array(z.number().int().min(1).max(65536)).max(8).nullish(),
  size: z.number().int().min(1).max(8192),
  resize_shorter: z.number().int().min(1).max(16384).default(256),
  crop: z.number().int().min(1).max(8192).nullish(),
  resample: z.string().max(64).default('pil-bilinear'),
  scale: z
    .number()
    .positive()
    .default(1 / 255),
  mean: num3.default([0.485, 0.456, 0.406]),
  std: num3.default([0.229, 0.224, 0.225]),
});

const blockSchema = z.object({
  key: z.string().max(64),
  module: z.string().max(512).nullish(),
  outputs: z.record(z.string().max(32), z.string().max(256)),
});

export const liveMetadataSchema = z.object({
  format: z.literal(LIVE_FORMAT),
  version: z.literal(LIVE_VERSION),
  model: manifestSchema.shape.model,
  temperature: z.number().nullish(),
  weights_dtype: z.string().max(32).nullish(),
  input: inputSchema,
  logits: z.string().max(256).default('logits'),
  blocks: z.array(blockSchema).max(1024),
});

/** How the app must turn an image into the network input (the exporter's recipe). */
export interface LivePreprocessing {
  /** Shorter side after the resize (256). */
  resizeShorter: number;
  /** Side of the centre crop = the network input (224). */
  crop: number;
  /** Resampling of the resize; only `pil-bilinear` (Pillow's antialiased bilinear on uint8) is known. */
  resample: 'pil-bilinear';
  /** Pixel scale before normalising (1/255). */
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

/** One block of the model and the names of its outputs (by dump array kind). */
export interface LiveBlock {
  geometry: BlockGeometry;
  module: string;
  mode: StageMode;
  outputs: Partial<Record<ArrayKind, string>>;
}

/** A validated live model description. */
export interface LiveModelMeta {
  /** The metadata as parsed (keys the app does not know dropped). */
  raw: z.infer<typeof liveMetadataSchema>;
  arch: ArchitectureSpec;
  config: DumpStageConfig;
  modes: StageMode[];
  inputName: string;
  /** [1, 3, size, size]. */
  inputShape: [number, number, number, number];
  preprocessing: LivePreprocessing;
  logitsName: string;
  blocks: LiveBlock[];
  weights: 'checkpoint' | 'random-init';
  weightsText: string | null;
  checkpoint: string | null;
  /** `float16` when the exporter stored the weights as float16. */
  weightsDtype: string;
}

/** Machine-readable reason the metadata was refused (the message says it in words). */
export type LiveMetadataErrorCode =
  | 'metadata-missing'
  | 'metadata-json'
  | 'wrong-format'
  | 'wrong-version'
  | 'metadata-invalid'
  | 'unknown-arch'
  | 'input-size'
  | 'bad-config'
  | 'blocks'
  | 'outputs';

export type ParseLiveMetadataResult =
  { ok: true; meta: LiveModelMeta } | { ok: false; code: LiveMetadataErrorCode; error: string };

export interface ParseLiveMetadataOptions {
  /** Architectures the model may name (built-ins by default). */
  architectures?: readonly ArchitectureSpec[];
}

const fail = (code: LiveMetadataErrorCode, error: string): ParseLiveMetadataResult => ({
  ok: false,
  code,
  error: capMessage(error, 1000),
});

const describe = (v: unknown) => capMessage(JSON.stringify(v) ?? 'missing', 40);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HOW_TO_EXPORT =
  'export it with tools/laudmask-export/export.py --onnx, which stores the configuration';

/**
 * Parses and validates the `laudnet` metadata JSON of an ONNX model (`null`/`undefined`: the model has
 * none). Never throws.
 */
export function parseLiveMetadata(
  jsonText: string | null | undefined,
  opts: ParseLiveMetadataOptions = {},
): ParseLiveMetadataResult {
  if (jsonText === null || jsonText === undefined || jsonText.trim() === '') {
    return fail(
      'metadata-missing',
      `This ONNX model has no LAUDNet metadata (key "${LIVE_METADATA_KEY}"), so its masks cannot be mapped to blocks: ${HOW_TO_EXPORT}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('metadata-json', `The model's LAUDNet metadata is not valid JSON (${detail}).`);
  }
  if (!isRecord(raw))
    return fail('metadata-json', "The model's LAUDNet metadata is not a JSON object.");
  if (raw.format !== LIVE_FORMAT) {
    return fail(
      'wrong-format',
      `The model's metadata has format ${describe(raw.format)}, expected "${LIVE_FORMAT}".`,
    );
  }
  if (raw.version !== LIVE_VERSION) {
    return fail(
      'wrong-version',
      `Unsupported live model version ${describe(raw.version)}: this app reads version ${LIVE_VERSION}.`,
    );
  }
  const parsed = liveMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => capMessage(String(p), 40)).join('.');
    return fail(
      'metadata-invalid',
      `The model's LAUDNet metadata is invalid at ${path || 'top level'}: ${capMessage(issue?.message ?? 'unknown problem', 200)}.`,
    );
  }
  return validate(parsed.data, opts.architectures ?? BUILTIN_ARCHITECTURES);
}

function validate(
  data: z.infer<typeof liveMetadataSchema>,
  known: readonly ArchitectureSpec[],
): ParseLiveMetadataResult {
  const arch = findArchitectureForDump(data.model.arch, known);
  if (!arch) {
    const names = known.map((a) => a.trainingArch ?? a.id).join(', ');
    return fail(
      'unknown-arch',
      `The model is a "${capMessage(data.model.arch, 60)}", which this app does not know (known: ${names}).`,
    );
  }
  const input = data.input;
  const crop = input.crop ?? input.size;
  const shape = input.shape ?? [1, 3, input.size, input.size];
  const shapeOk =
    shape.length === 4 &&
    shape[0] === 1 &&
    shape[1] === 3 &&
    shape[2] === input.size &&
    shape[3] === input.size;
  if (input.size !== arch.inputSize || crop !== input.size || !shapeOk) {
    return fail(
      'input-size',
      `The model takes ${input.size}×${input.size} images (input shape [${shape.join(', ')}], crop ${crop}); ${arch.label} here takes 1×3×${arch.inputSize}×${arch.inputSize}. Export it for ${arch.inputSize}×${arch.inputSize} input.`,
    );
  }
  if (input.resize_shorter < crop) {
    return fail(
      'metadata-invalid',
      `The model's preprocessing resizes the shorter side to ${input.resize_shorter}, smaller than its ${crop} crop.`,
    );
  }
  if (input.resample !== 'pil-bilinear') {
    return fail(
      'metadata-invalid',
      `The model's preprocessing uses resampling "${capMessage(input.resample, 40)}"; only "pil-bilinear" is known.`,
    );
  }
  const resolved = resolveStageConfig(arch, data.model);
  if (typeof resolved === 'string')
    return fail('bad-config', `The model's configuration does not fit ${arch.label}: ${resolved}.`);
  const problem = checkStageConfig(arch, resolved);
  if (problem)
    return fail('bad-config', `The model's configuration does not fit ${arch.label}: ${problem}.`);
  const blocks = matchBlocks(arch, resolved, data.blocks);
  if (!blocks.ok) return blocks;
  const weightsText = data.model.weights ?? null;
  return {
    ok: true,
    meta: {
      raw: data,
      arch,
      config: resolved,
      modes: resolved.modes.map(stageModeFromReference),
      inputName: input.name,
      inputShape: [1, 3, input.size, input.size],
      preprocessing: {
        resizeShorter: input.resize_shorter,
        crop,
        resample: 'pil-bilinear',
        scale: input.scale,
        mean: [input.mean[0]!, input.mean[1]!, input.mean[2]!],
        std: [input.std[0]!, input.std[1]!, input.std[2]!],
      },
      logitsName: data.logits,
      blocks: blocks.blocks,
      weights: weightsText !== null && /random/i.test(weightsText) ? 'random-init' : 'checkpoint',
      weightsText,
      checkpoint: data.model.checkpoint ?? null,
      weightsDtype: data.weights_dtype ?? 'float32',
    },
  };
}

function matchBlocks(
  arch: ArchitectureSpec,
  config: DumpStageConfig,
  listed: z.infer<typeof blockSchema>[],
): { ok: true; blocks: LiveBlock[] } | { ok: false; code: LiveMetadataErrorCode; error: string } {
  const geometry = listBlocks(arch);
  const byKey = new Map(listed.map((b) => [b.key, b]));
  const unknown = listed.filter((b) => !geometry.some((g) => g.key === b.key)).map((b) => b.key);
  if (unknown.length > 0 || byKey.size !== listed.length || listed.length !== geometry.length) {
    const extra =
      unknown.length > 0
        ? ` (${arch.label} has no ${capMessage(unknown.slice(0, 3).join(', '), 80)})`
        : '';
    return {
      ok: false,
      code: 'blocks',
      error: `The model's metadata lists ${listed.length} blocks${extra}; ${arch.label} has ${geometry.length} (stage1/0 … ${geometry[geometry.length - 1]?.key}).`,
    };
  }
  const blocks: LiveBlock[] = [];
  for (const g of geometry) {
    const entry = byKey.get(g.key)!;
    const outputs: Partial<Record<ArrayKind, string>> = {};
    for (const expected of expectedBlockArrays(g, config)) {
      const name = entry.outputs[expected.kind];
      if (name !== undefined) outputs[expected.kind] = name;
      else if (expected.required) {
        return {
          ok: false,
          code: 'outputs',
          error: `The model's metadata gives block ${g.key} no "${expected.kind}" output, but every ${config.modes[g.stage]} block has one.`,
        };
      }
    }
    blocks.push({
      geometry: g,
      module: entry.module ?? '',
      mode: stageModeFromReference(config.modes[g.stage] ?? 'spatial'),
      outputs,
    });
  }
  return { ok: true, blocks };
}

/**
 * Checks an ONNX session's input and output names against the metadata. Returns a message, or null when
 * every name the metadata promises exists.
 */
export function checkSessionNames(
  meta: LiveModelMeta,
  inputNames: readonly string[],
  outputNames: readonly string[],
): string | null {
  if (!inputNames.includes(meta.inputName)) {
    return `The model's metadata names its input "${capMessage(meta.inputName, 60)}", but the graph's inputs are ${capMessage(inputNames.join(', ') || 'none', 120)}.`;
  }
  const have = new Set(outputNames);
  const wanted = [meta.logitsName, ...meta.blocks.flatMap((b) => Object.values(b.outputs))];
  const missing = wanted.filter((n) => !have.has(n));
  if (missing.length > 0) {
    return `The model's graph lacks ${missing.length} output${missing.length === 1 ? '' : 's'} its metadata names (${capMessage(missing.slice(0, 3).join(', '), 120)}${missing.length > 3 ? ', …' : ''}).`;
  }
  return null;
}

/** Every output name the app reads, logits first (pass to `session.run` to fetch only these). */
export function liveOutputNames(meta: LiveModelMeta): string[] {
  return [meta.logitsName, ...meta.blocks.flatMap((b) => Object.values(b.outputs))];
}
