/**
 * Validation of a dump's arrays against the manifest and the architecture, and assembly of the blocks.
 * Each check returns the first problem as a specific message; the reader stops there.
 */
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import type { DumpStageConfig, ExpectedArray } from './expected';
import { expectedBlockArrays } from './expected';
import type { LaudmaskManifest, ManifestBlock } from './manifest';
import type { NpyArray } from './npy';
import { npyFloat16Values, parseNpy } from './npy';
import type { BlockRates, DumpBlock, MaskDumpErrorCode, MaskPlane, ScorePlane } from './types';
import { stageModeFromReference } from './types';

export type Failure = { ok: false; code: MaskDumpErrorCode; error: string };
const failure = (code: MaskDumpErrorCode, error: string): Failure => ({ ok: false, code, error });

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

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

/** Every expected array of every block, checked against the manifest's `arrays` table. */
export function checkManifestArrays(
  arch: ArchitectureSpec,
  blocks: readonly BlockGeometry[],
  config: DumpStageConfig,
  manifest: LaudmaskManifest,
): { ok: true; expected: Map<string, { block: BlockGeometry; array: ExpectedArray }> } | Failure {
  const expected = new Map<string, { block: BlockGeometry; array: ExpectedArray }>();
  for (const block of blocks) {
    for (const array of expectedBlockArrays(block, config))
      expected.set(array.name, { block, array });
  }
  for (const [name, { block, array }] of expected) {
    const listed = Object.hasOwn(manifest.arrays, name) ? manifest.arrays[name] : undefined;
    if (!listed) return failure('manifest-invalid', `manifest.json does not list array ${name}.`);
    if (listed.dtype !== array.dtype) {
      return failure(
        'wrong-dtype',
        `manifest.json gives ${name} dtype ${listed.dtype}; it must be ${array.dtype}.`,
      );
    }
    if (!sameShape(listed.shape, array.shape)) {
      return failure(
        'wrong-shape',
        `manifest.json gives ${name} shape ${shapeText(listed.shape)}; ${shapeReason(arch, block, array, config)} needs ${shapeText(array.shape)}.`,
      );
    }
  }
  for (const name of Object.keys(manifest.arrays)) {
    if (!expected.has(name)) {
      return failure(
        'unexpected-member',
        `manifest.json lists array ${name}, which ${arch.label} in this configuration does not have.`,
      );
    }
  }
  return { ok: true, expected };
}

/** Parses and checks one member against its expected dtype and shape. */
export function checkMember(
  arch: ArchitectureSpec,
  block: BlockGeometry,
  expected: ExpectedArray,
  config: DumpStageConfig,
  bytes: Uint8Array | undefined,
): { ok: true; array: NpyArray } | Failure {
  const name = expected.name;
  if (!bytes)
    return failure(
      'member-missing',
      `Array ${name} is missing from the dump (no member ${name}.npy).`,
    );
  const parsed = parseNpy(bytes);
  if (!parsed.ok)
    return failure('npy-invalid', `Array ${name} is not a usable .npy array: ${parsed.error}.`);
  const array = parsed.array;
  if (array.dtype === 'bool' && expected.dtype === 'uint8') {
    return failure(
      'bool-mask',
      `Array ${name} is stored as bool; masks must be uint8 (0/1). Re-export the dump with the project's exporter.`,
    );
  }
  if (array.dtype !== expected.dtype) {
    return failure(
      'wrong-dtype',
      `Array ${name} has dtype ${array.dtype}; it must be ${expected.dtype}.`,
    );
  }
  if (!sameShape(array.shape, expected.shape)) {
    return failure(
      'wrong-shape',
      `Array ${name} has shape ${shapeText(array.shape)}; ${shapeReason(arch, block, expected, config)} needs ${shapeText(expected.shape)}.`,
    );
  }
  if (array.dtype === 'uint8') {
    const data = array.bytes;
    for (let i = 0; i < data.length; i++) {
      if ((data[i] as number) > 1) {
        return failure(
          'mask-values',
          `Array ${name} holds the value ${data[i]}; masks hold only 0 and 1.`,
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

function plane(array: NpyArray): MaskPlane {
  const [groups = 1, height = 1, width = 1] = array.shape;
  return { groups, height, width, data: array.bytes };
}

function scorePlane(array: NpyArray): ScorePlane {
  const [groups = 1, height = 1, width = 1] = array.shape;
  return { groups, height, width, data: npyFloat16Values(array) };
}

/** Builds one dump block from its validated arrays (keyed by kind). */
export function assembleBlock(
  block: BlockGeometry,
  config: DumpStageConfig,
  arrays: Partial<Record<ExpectedArray['kind'], NpyArray>>,
  entry: ManifestBlock,
): DumpBlock {
  const referenceMode = config.modes[block.stage] ?? 'spatial';
  const mode = stageModeFromReference(referenceMode);
  const grid = arrays.spatial ? plane(arrays.spatial) : null;
  const conv2 = arrays.conv2 ? plane(arrays.conv2) : null;
  const conv1 = arrays.conv1 ? plane(arrays.conv1) : null;
  const channel = arrays.channel ? arrays.channel.bytes : null;
  const rates: BlockRates = {
    spatial: grid ? density(grid.data) : null,
    conv2: conv2 ? density(conv2.data) : null,
    conv1: conv1 ? density(conv1.data) : null,
    channel: channel ? density(channel) : null,
  };
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
    gridScore: arrays.spatial_logit ? scorePlane(arrays.spatial_logit) : null,
    conv2,
    conv1,
    channel,
    rates,
    module: entry.module,
    manifestRates: {
      spatial: entry.spatial_rate,
      conv2: entry.conv2_rate,
      conv1: entry.conv1_rate,
      channel: entry.channel_rate,
    },
  };
}
