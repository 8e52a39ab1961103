/**
 * User-defined architectures: a JSON document of the same shape as `ArchitectureSpec`, checked field by
 * field (zod) and then for consistency between stages (channels and resolutions must chain), so that the
 * FLOPs counter and the predictor can trust every architecture they receive.
 */
import { z } from 'zod';
import { formatZodIssues } from './schemaErrors';
import type { ArchitectureSpec } from './types';

const positiveInt = z.number().int().positive();

const stemSchema = z.strictObject({
  kind: z.enum(['resnet', 'regnet']),
  outChannels: positiveInt,
  kernel: z.number().int().positive().max(15),
  stride: z.number().int().positive().max(4),
  maxPool: z.boolean(),
});

const stageSchema = z.strictObject({
  inChannels: positiveInt,
  outChannels: positiveInt,
  blocks: z.number().int().min(1).max(64),
  firstStride: z.number().refine((v) => [1, 2].includes(v), 'must be 1 or 2'),
  outResolution: positiveInt,
});

/** Field-level schema of an architecture (consistency between stages is checked separately). */
export const architectureSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
      'letters, digits, "_", "." or "-" (1 to 64 characters)',
    ),
  label: z.string().min(1).max(120),
  trainingArch: z.string().min(1).nullable(),
  inputSize: z.number().int().min(8).max(4096),
  bottleneckRatio: z.number().positive().max(64),
  groupWidth: positiveInt.nullable(),
  se: z.boolean(),
  seRatio: z.number().positive().max(1),
  stem: stemSchema,
  numClasses: positiveInt,
  stages: z.array(stageSchema).min(1).max(8),
});

/** Result of parsing an architecture: the spec, or one message per problem naming the field. */
export type ArchitectureParseResult =
  { ok: true; arch: ArchitectureSpec } | { ok: false; error: string };

/** Side of the map that leaves the stem (input ÷ conv stride ÷ 2 when a max-pool follows). */
export function stemOutputSize(arch: ArchitectureSpec): number {
  return arch.inputSize / arch.stem.stride / (arch.stem.maxPool ? 2 : 1);
}

/**
 * Cross-field checks: stage channels and resolutions must chain, and the inner width and group width
 * must divide evenly. Returns one message per problem (empty when consistent).
 */
export function architectureProblems(arch: ArchitectureSpec, prefix = ''): string[] {
  const problems: string[] = [];
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const stemOut = stemOutputSize(arch);
  if (!Number.isInteger(stemOut)) {
    problems.push(
      `${at('inputSize')}: ${arch.inputSize} is not divisible by the stem's downsampling ` +
        `(${arch.stem.stride * (arch.stem.maxPool ? 2 : 1)})`,
    );
  }
  let prevChannels = arch.stem.outChannels;
  let prevRes = stemOut;
  let prevName = 'stem.outChannels';
  arch.stages.forEach((stage, i) => {
    const s = `stages[${i}]`;
    if (stage.inChannels !== prevChannels) {
      problems.push(
        `${at(`${s}.inChannels`)}: must equal ${prevName} (${prevChannels}), got ${stage.inChannels}`,
      );
    }
    const expectedRes = prevRes / stage.firstStride;
    if (stage.outResolution !== expectedRes) {
      problems.push(
        `${at(`${s}.outResolution`)}: must be ${Number.isInteger(expectedRes) ? expectedRes : 'an integer'} ` +
          `(input side ${prevRes} ÷ firstStride ${stage.firstStride}), got ${stage.outResolution}`,
      );
    }
    const mid = stage.outChannels / arch.bottleneckRatio;
    if (!Number.isInteger(mid)) {
      problems.push(
        `${at(`${s}.outChannels`)}: ${stage.outChannels} is not divisible by bottleneckRatio ${arch.bottleneckRatio}`,
      );
    } else if (arch.groupWidth !== null && mid % arch.groupWidth !== 0) {
      problems.push(
        `${at('groupWidth')}: ${arch.groupWidth} does not divide the inner width ${mid} of stage ${i + 1}`,
      );
    }
    prevChannels = stage.outChannels;
    prevRes = stage.outResolution;
    prevName = `stages[${i}].outChannels`;
  });
  return problems;
}

/**
 * Parses a user-defined architecture from JSON text or an already-parsed value.
 * Never throws: malformed JSON, wrong types, unknown fields and inconsistent stages all come back as
 * `{ok: false, error}` with the offending field path in each line.
 */
export function parseArchitectureJson(input: unknown): ArchitectureParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const parsed = architectureSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, error: formatZodIssues(parsed.error) };
  const arch: ArchitectureSpec = parsed.data;
  const problems = architectureProblems(arch);
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  return { ok: true, arch };
}
