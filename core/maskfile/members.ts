/**
 * Validation of a dump's arrays against the manifest and the architecture, and assembly of the blocks.
 * Liberal in spelling (any dtype spelling, bool masks, size-1 axes added or dropped), strict where the data
 * would be wrong: shapes that do not fit the architecture, values other than 0/1, missing or truncated
 * members. Each check returns the first problem as a specific message; the reader stops there.
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import { deriveConvMasks } from './derive';
import type { NpyDtype } from './dtype';
import { isMaskDtype, isScoreDtype, normalizeDtype } from './dtype';
import type { DumpStageConfig, ExpectedArray } from './expected';
import { expectedBlockArrays } from './expected';
import type { LaudmaskManifest, ManifestBlock } from './manifest';
import type { NpyArray } from './npy';
import { npyFloatValues, parseNpy } from './npy';
import type { BlockRates, DumpBlock, MaskDumpErrorCode, MaskPlane, ScorePlane } from './types';
import { stageModeFromReference } from './types';

export type Failure = { ok: false; code: MaskDumpErrorCode; error: string };
const failure = (code: MaskDumpErrorCode, error: string): Failure => ({ ok: false, code, error });

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
/** Shapes equal up to axes of size 1 (`[14, 14]`, `[1, 14, 14]` and `[1, 1, 14, 14]` hold the same data). */
const sameShape = (a: readonly number[], b: readonly number[]) => {
  const sa = a.filter((d) => d !== 1);
  const sb = b.filter((d) => d !== 1);
  const size = (s: readonly number[]) => s.reduce((x, y) => x * y, 1);
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]) && size(a) === size(b);
};

/** Names of the arrays a block of the spec may hold: `stage{s}/{b}/{kind}`. */
export const BLOCK_ARRAY_NAME = /^stage\d+\/\d+\/[A-Za-z0-9_]+$/;

/** Where an expected shape comes from, for messages ("ResNet-50, stage 1, S = 4"). */
function shapeReason(
  arch: ArchitectureSpec,
  block: BlockGeometry,
  e: ExpectedArray,
  config: DumpStageConfig,
) {
  const s = block.stage;
  if (e.kind === 'channel')
    return `${arch.label}, stage ${s + 1}, G = ${config.channelGroupSize[s]}`;
  if (config.modes[s] === 'layer') return `${arch.label}, stage ${s + 1}, layer mode`;
  if (e.kind === 'conv1') return `${arch.label}, ${block.key} input resolution ${block.inSize}`;
  return `${arch.label}, stage ${s + 1}, S = ${config.spatialGranularity[s]}`;
}

/** What a dtype must be for an array kind, in words for messages. */
function dtypeRule(e: ExpectedArray): string {
  return e.kind === 'spatial_logit' ? 'float16 (or float32/float64)' : 'uint8 (or bool)';
}

function dtypeFits(e: ExpectedArray, dtype: { dtype: NpyDtype } | null): boolean {
  if (!dtype) return false;
  return e.kind === 'spatial_logit' ? isScoreDtype(dtype.dtype) : isMaskDtype(dtype.dtype);
}

export interface ExpectedMembers {
  expected: Map<string, { block: BlockGeometry; array: ExpectedArray }>;
  /** Arrays the manifest's `arrays` table lists: listed but absent means the file is incomplete. */
  declared: Set<string>;
}

/**
 * Every array the configuration implies, checked against the manifest's `arrays` table where there is
 * one: a listed array must have a mask (or score) dtype in any spelling and a shape that fits. An array
 * the table lists that this configuration does not have is refused when it is named like a block's
 * array (the configuration or architecture is then wrong); other names are ignored.
 */
export function checkManifestArrays(
  arch: ArchitectureSpec,
  blocks: readonly BlockGeometry[],
  config: DumpStageConfig,
  manifest: LaudmaskManifest,
): ({ ok: true } & ExpectedMembers) | Failure {
  const expected = new Map<string, { block: BlockGeometry; array: ExpectedArray }>();
  for (const block of blocks) {
    for (const array of expectedBlockArrays(block, config))
      expected.set(array.name, { block, array });
  }
  const declared = new Set<string>();
  const table = manifest.arrays ?? {};
  for (const [name, listed] of Object.entries(table)) {
    const entry = expected.get(name);
    if (!entry) {
      if (!BLOCK_ARRAY_NAME.test(name)) continue;
      return failure(
        'unexpected-member',
        `manifest.json lists array ${name}, which ${arch.label} in this configuration does not have.`,
      );
    }
    declared.add(name);
    const { block, array } = entry;
    if (
      listed.dtype !== null &&
      listed.dtype !== undefined &&
      !dtypeFits(array, normalizeDtype(listed.dtype))
    ) {
      return failure(
        'wrong-dtype',
        `manifest.json gives ${name} dtype ${listed.dtype}; it must be ${dtypeRule(array)}.`,
      );
    }
    if (
      listed.shape !== null &&
      listed.shape !== undefined &&
      !sameShape(listed.shape, array.shape)
    ) {
      return failure(
        'wrong-shape',
        `manifest.json gives ${name} shape ${shapeText(listed.shape)}; ${shapeReason(arch, block, array, config)} needs ${shapeText(array.shape)}.`,
      );
    }
  }
  return { ok: true, expected, declared };
}

/**
 * Parses and checks one member against its expected kind and shape. An optional member (logits, conv1,
 * conv2) may be absent unless the manifest lists it; then the result's array is null.
 */
export function checkMember(
  arch: ArchitectureSpec,
  block: BlockGeometry,
  expected: ExpectedArray,
  config: DumpStageConfig,
  bytes: Uint8Array | undefined,
  declared: boolean,
): { ok: true; array: NpyArray | null } | Failure {
  const name = expected.name;
  if (!bytes) {
    if (!expected.required && !declared) return { ok: true, array: null };
    const why = expected.required
      ? `every ${config.modes[block.stage]} block has one`
      : 'manifest.json lists it';
    return failure(
      'member-missing',
      `Array ${name} is missing from the dump (no member ${name}.npy, but ${why}).`,
    );
  }
  const parsed = parseNpy(bytes);
  if (!parsed.ok)
    return failure('npy-invalid', `Array ${name} is not a usable .npy array: ${parsed.error}.`);
  const array = parsed.array;
  if (!dtypeFits(expected, array)) {
    return failure(
      'wrong-dtype',
      `Array ${name} has dtype ${array.dtype}; it must be ${dtypeRule(expected)}.`,
    );
  }
  if (!sameShape(array.shape, expected.shape)) {
    return failure(
      'wrong-shape',
      `Array ${name} has shape ${shapeText(array.shape)}; ${shapeReason(arch, block, expected, config)} needs ${shapeText(expected.shape)}.`,
    );
  }
  if (isMaskDtype(array.dtype)) {
    const data = array.bytes;
    for (let i = 0; i < data.length; i++) {
      if ((data[i] as number) > 1) {
        return failure(
          'mask-values',
          `Array ${name} holds the value ${data[i]} at index ${i}; masks hold only 0 and 1.`,
        );
      }
    }
  }
  return { ok: true, array };
}

function density(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i] as number;
  return data.length === 0 ? 0 : n / data.length;
}

/** A plane in the layout the spec names (`[g, h, w]`), whatever size-1 axes the file added or dropped. */
function plane(shape: readonly number[], data: Uint8Array): MaskPlane {
  const [groups = 1, height = 1, width = 1] = shape;
  return { groups, height, width, data };
}

function scorePlane(shape: readonly number[], array: NpyArray): ScorePlane {
  const [groups = 1, height = 1, width = 1] = shape;
  return { groups, height, width, data: npyFloatValues(array) };
}

/** Validated arrays of one block, keyed by kind, with the shapes the spec names. */
export type BlockArrays = Partial<
  Record<ExpectedArray['kind'], { array: NpyArray; expected: ExpectedArray }>
>;

/** Builds one dump block from its validated arrays; absent conv masks are derived from the grid. */
export function assembleBlock(
  block: BlockGeometry,
  config: DumpStageConfig,
  arrays: BlockArrays,
  entry: ManifestBlock | undefined,
): DumpBlock {
  const referenceMode = config.modes[block.stage] ?? 'spatial';
  const mode = stageModeFromReference(referenceMode);
  const get = (kind: ExpectedArray['kind']) => {
    const a = arrays[kind];
    return a ? plane(a.expected.shape, a.array.bytes) : null;
  };
  const grid = get('spatial');
  let conv2 = get('conv2');
  let conv1 = get('conv1');
  const derived: ('conv1' | 'conv2')[] = [];
  if (grid && (!conv2 || !conv1)) {
    const made = deriveConvMasks(block, grid);
    if (!conv2) {
      conv2 = made.conv2;
      derived.push('conv2');
    }
    if (!conv1) {
      conv1 = made.conv1;
      derived.push('conv1');
    }
  }
  const channel = arrays.channel ? arrays.channel.array.bytes : null;
  const rates: BlockRates = {
    spatial: grid ? density(grid.data) : null,
    conv2: conv2 ? density(conv2.data) : null,
    conv1: conv1 ? density(conv1.data) : null,
    channel: channel ? density(channel) : null,
  };
  const logit = arrays.spatial_logit;
  return {
    key: block.key,
    stage: block.stage,
    index: block.index,
    globalIndex: block.globalIndex,
    mode,
    granularity: grid
      ? referenceMode === 'layer'
        ? block.outSize
        : (config.spatialGranularity[block.stage] ?? null)
      : null,
    channelGroupSize: channel ? (config.channelGroupSize[block.stage] ?? null) : null,
    grid,
    gridScore: logit ? scorePlane(logit.expected.shape, logit.array) : null,
    conv2,
    conv1,
    channel,
    rates,
    module: entry?.module ?? '',
    manifestRates: {
      spatial: entry?.spatial_rate ?? null,
      conv2: entry?.conv2_rate ?? null,
      conv1: entry?.conv1_rate ?? null,
      channel: entry?.channel_rate ?? null,
    },
    derived,
  };
}
