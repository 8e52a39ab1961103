/**
 * User-defined architectures: a JSON document of the same shape as `ArchitectureSpec`, checked field by
 * field (zod) and then for consistency between stages (channels and resolutions must chain), so that the
 * FLOPs counter and the predictor can trust every architecture they receive.
 */
import { groupDigits } from '../math/groupDigits';
import { z } from 'zod';
import { parseJsonText } from '../config/jsonSyntax';
import { formatZodIssues } from './schemaErrors';
import { lazily } from '../config/schemaLazy';
import type { ArchitectureSpec } from './types';

/**
 * Bounds on every number, from real networks with a wide margin: the widest ImageNet CNNs have
 * about 7,400 channels (RegNetY-128GF) and 21,841 classes (ImageNet-21k); inner widths are the
 * stage width ÷ bottleneckRatio (ResNet 4, RegNet 1, inverted bottlenecks 1/6). Without them a
 * typo such as `outChannels: 1e10` would stall every divisor search and FLOPs count for minutes.
 */
export const ARCH_LIMITS = {
  maxChannels: 65_536,
  maxInnerWidth: 262_144,
  maxClasses: 1_000_000,
  minBottleneckRatio: 1 / 64,
  maxBottleneckRatio: 64,
  minSeRatio: 1 / 1024,
  maxResolution: 4096,
} as const;

const count = (max: number, what: string) =>
  z
    .number()
    .int()
    .positive()
    .max(max, `must be at most ${groupDigits(max)} (${what})`);
const channels = () => count(ARCH_LIMITS.maxChannels, 'the widest real networks have about 7,400');

const stemSchema = () =>
  z.strictObject({
    kind: z.enum(['resnet', 'regnet']),
    outChannels: channels(),
    kernel: z.number().int().positive().max(15),
    stride: z.number().int().positive().max(4),
    maxPool: z.boolean(),
  });

const stageSchema = () =>
  z.strictObject({
    inChannels: channels(),
    outChannels: channels(),
    blocks: z.number().int().min(1).max(64),
    firstStride: z.number().refine((v) => [1, 2].includes(v), 'must be 1 or 2'),
    outResolution: count(ARCH_LIMITS.maxResolution, 'the largest input size'),
  });

/**
 * Field-level schema of an architecture (consistency between stages is checked separately), built on
 * first use.
 */
export const architectureSchema = lazily(() =>
  z.strictObject({
    id: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
        'letters, digits, "_", "." or "-" (1 to 64 characters)',
      ),
    label: z.string().min(1).max(120),
    trainingArch: z.string().min(1).nullable(),
    inputSize: z.number().int().min(8).max(4096),
    bottleneckRatio: z
      .number()
      .min(ARCH_LIMITS.minBottleneckRatio, 'must be at least 1/64 (real networks use 1/6 to 4)')
      .max(ARCH_LIMITS.maxBottleneckRatio, 'must be at most 64 (real networks use 1/6 to 4)'),
    groupWidth: count(ARCH_LIMITS.maxInnerWidth, 'the largest inner width').nullable(),
    se: z.boolean(),
    seRatio: z
      .number()
      .min(ARCH_LIMITS.minSeRatio, 'must be at least 1/1024 (RegNet uses 0.25)')
      .max(1, 'must be at most 1'),
    stem: stemSchema(),
    numClasses: count(ARCH_LIMITS.maxClasses, 'ImageNet-21k has 21,841'),
    stages: z.array(stageSchema()).min(1).max(8),
  }),
);

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
    if (mid > ARCH_LIMITS.maxInnerWidth) {
      problems.push(
        `${at(`${s}.outChannels`)}: the inner width ${stage.outChannels} ÷ bottleneckRatio ` +
          `${arch.bottleneckRatio} is over ${groupDigits(ARCH_LIMITS.maxInnerWidth)}`,
      );
    } else if (!Number.isInteger(mid)) {
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
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, error: `not valid JSON: ${parsed.error}` };
    value = parsed.value;
  }
  const parsed = architectureSchema().safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, error: formatZodIssues(parsed.error) };
  const arch: ArchitectureSpec = parsed.data;
  const problems = architectureProblems(arch);
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  return { ok: true, arch };
}
