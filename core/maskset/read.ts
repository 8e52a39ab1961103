/**
 * Reader of set summaries (`summary.npz`, format "laudmask-set" v1). Never throws: every failure comes back
 * as `{ ok: false, code, error }` naming the member, what was expected and what was found. Liberal where
 * nothing is lost (missing optional members, extra manifest keys, any numeric dtype numpy writes), strict
 * where the data would be wrong (shapes, rates outside [0, 1], labels without a class).
 */
import type { ArchitectureSpec } from '../arch';
import { BUILTIN_ARCHITECTURES } from '../arch';
import { capMessage } from '../config/jsonSyntax';
import { findArchitectureForDump } from '../maskfile/expected';
import { parseNpy } from '../maskfile/npy';
import { looksLikeZip, safeUnzip } from '../maskfile/zip';
import {
  LABEL_MEMBER,
  PREDICTED_MEMBER,
  RATE_MEMBERS,
  meanChannelMember,
  meanMapMember,
  npyToFloat32,
  npyToInt32,
} from './arrays';
import { setBlocks, setStageConfig, setWarnings } from './blocks';
import { parseMaskSetManifest } from './manifest';
import { storedZipMembers } from './zip';
import type {
  MaskSetErrorCode,
  MaskSetRateKind,
  MaskSetRates,
  MaskSetSummary,
  ReadMaskSetResult,
} from './types';
import { MASKSET_RATE_KINDS } from './types';

export interface ReadMaskSetOptions {
  /** Architectures a summary may name (built-ins by default). */
  architectures?: readonly ArchitectureSpec[];
}

type Failure = { ok: false; code: MaskSetErrorCode; error: string };
/** Every message is capped: the file's own values can be echoed in it. */
const fail = (code: MaskSetErrorCode, error: string): Failure => ({
  ok: false,
  code,
  error: capMessage(error, 1000),
});
const isFailure = (v: Float32Array | null | Failure): v is Failure =>
  v !== null && !(v instanceof Float32Array);

/** A 50,000-image ResNet-101 summary is about 35 MB; these limits leave room for far larger sets. */
const LIMITS = { maxMembers: 8192, maxMemberBytes: 1 << 30, maxTotalBytes: 2 ** 31 };
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Reads a set summary from the bytes of `summary.npz`. Arrays are views into the unzipped members
 * (no per-image objects), so opening 50,000 images costs milliseconds of parsing.
 */
export function readMaskSetSummary(
  bytes: Uint8Array,
  opts: ReadMaskSetOptions = {},
): ReadMaskSetResult {
  try {
    return readUnchecked(bytes, opts);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('zip', `The summary could not be read (${detail}).`);
  }
}

function readUnchecked(bytes: Uint8Array, opts: ReadMaskSetOptions): ReadMaskSetResult {
  if (bytes.length === 0) return fail('empty', 'The file is empty.');
  if (!looksLikeZip(bytes))
    return fail(
      'not-zip',
      'This is not a mask set summary: summary.npz is a zip archive, and this file is not one.',
    );
  let members = storedZipMembers(bytes);
  if (!members) {
    const unzipped = safeUnzip(bytes, LIMITS);
    if (!unzipped.ok) return fail('zip', unzipped.error);
    members = unzipped.members;
  }
  const manifestBytes = members.get('manifest.json');
  if (!manifestBytes)
    return fail(
      'manifest-missing',
      'The archive has no manifest.json: it is not a mask set summary.',
    );
  if (manifestBytes.length > MAX_MANIFEST_BYTES)
    return fail(
      'manifest-invalid',
      `manifest.json is ${manifestBytes.length} bytes, implausibly large.`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes);
  } catch {
    return fail('manifest-json', 'manifest.json is not valid UTF-8 text.');
  }
  const parsed = parseMaskSetManifest(text);
  if (!parsed.ok) return parsed;
  const manifest = parsed.manifest;

  const known = opts.architectures ?? BUILTIN_ARCHITECTURES;
  const arch = findArchitectureForDump(manifest.model.arch, known);
  if (!arch) {
    const names = known.map((a) => a.trainingArch ?? a.id).join(', ');
    return fail(
      'unknown-arch',
      `The summary is for architecture "${capMessage(manifest.model.arch, 60)}", which this app does not know (known: ${names}).`,
    );
  }
  const config = setStageConfig(arch, manifest.model);
  if (!config.ok)
    return fail(
      'bad-config',
      `The summary's configuration does not fit ${arch.label}: ${config.error}.`,
    );
  const blocks = setBlocks(arch, config.config);
  const B = blocks.length;
  if (manifest.blocks) {
    const keys = manifest.blocks.map((b) => b.key);
    if (keys.length !== B || keys.some((k, i) => k !== blocks[i]!.key)) {
      return fail(
        'manifest-invalid',
        `manifest.json lists ${keys.length} blocks (${keys
          .slice(0, 3)
          .map((k) => capMessage(k, 40))
          .join(', ')}${keys.length > 3 ? ', …' : ''}); ${arch.label} has ${B} (${blocks
          .slice(0, 3)
          .map((b) => b.key)
          .join(', ')}, …).`,
      );
    }
    manifest.blocks.forEach((b, i) => {
      blocks[i]!.module = b.module ?? '';
    });
  }

  // Per image × block rates.
  let N: number | null = manifest.images ?? null;
  const found: Partial<MaskSetRates> = {};
  for (const kind of MASKSET_RATE_KINDS) {
    const name = `${RATE_MEMBERS[kind]}.npy`;
    const member = members.get(name);
    if (!member) continue;
    const npy = parseNpy(member);
    if (!npy.ok) return fail('npy-invalid', `Member ${name} is not usable: ${npy.error}.`);
    const { shape } = npy.array;
    if (shape.length !== 2 || shape[1] !== B || (N !== null && shape[0] !== N)) {
      return fail(
        'wrong-shape',
        `Member ${name} has shape ${shapeText(shape)}; expected [${N ?? 'images'}, ${B}] (images × blocks of ${arch.label}).`,
      );
    }
    N = shape[0]!;
    const values = npyToFloat32(npy.array);
    if (!values)
      return fail(
        'wrong-dtype',
        `Member ${name} has dtype ${npy.array.descr}; expected float32 rates (<f4).`,
      );
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < 0 || v > 1) {
        const image = Math.floor(i / B);
        return fail(
          'bad-values',
          `Member ${name} holds ${v} for image ${image}, block ${blocks[i % B]!.key}; rates lie in [0, 1] (NaN where not applicable).`,
        );
      }
    }
    found[kind] = values;
  }
  if (N === null)
    return fail(
      'member-missing',
      'The summary has no spatial_rate.npy, conv1_rate.npy, conv2_rate.npy, channel_rate.npy or gate.npy: it holds no rates.',
    );
  const rates = completeRates(found, blocks, N);
  if (typeof rates === 'string') return fail('member-missing', rates);

  const predicted = readClassArray(members, PREDICTED_MEMBER, N);
  if (!(predicted instanceof Int32Array)) return predicted;
  const label = readClassArray(members, LABEL_MEMBER, N);
  if (!(label instanceof Int32Array)) return label;
  const classNames = manifest.class_names ?? [];
  for (let i = 0; i < N; i++) {
    const l = label[i]!;
    if (l < -1 || (l >= 0 && classNames.length > 0 && l >= classNames.length)) {
      return fail(
        'bad-values',
        `Member label.npy gives image ${i} the label ${l}; expected -1 (unknown) or a class index below ${classNames.length}.`,
      );
    }
  }

  for (const block of blocks) {
    if (block.gridShape) {
      const r = readMean(members, meanMapMember(block.key), block.gridShape);
      if (isFailure(r)) return r;
      block.meanMap = r;
    }
    if (block.channelGroups !== null) {
      const r = readMean(members, meanChannelMember(block.key), [block.channelGroups]);
      if (isFailure(r)) return r;
      block.meanChannel = r;
    }
  }

  const paths = (list: (string | null)[] | null | undefined, what: string): string[] | Failure => {
    if (!list) return new Array<string>(N).fill('');
    if (list.length !== N)
      return fail(
        'manifest-invalid',
        `manifest.json lists ${list.length} ${what} for ${N} images.`,
      );
    return list.map((p) => p ?? '');
  };
  const dumps = paths(manifest.dumps, 'dumps');
  if (!Array.isArray(dumps)) return dumps;
  const sources = paths(manifest.sources, 'sources');
  if (!Array.isArray(sources)) return sources;

  const summary: MaskSetSummary = {
    model: {
      arch: manifest.model.arch,
      dynMode: [...config.config.modes],
      spatialGranularity: [...config.config.spatialGranularity],
      channelGroupSize: [...config.config.channelGroupSize],
      spatialMaskChannelGroup: [...config.config.spatialMaskChannelGroup],
      checkpoint: manifest.model.checkpoint ?? null,
      weights: manifest.model.weights ?? 'unknown',
    },
    arch,
    modes: config.appModes,
    images: N,
    blocks,
    rates,
    predicted,
    label,
    classNames,
    dumps,
    sources,
    warnings: [],
  };
  summary.warnings = setWarnings(summary);
  return { ok: true, summary };
}

/** Fills rate columns a summary may leave out: NaN when no block uses them, the gate from spatial rates. */
function completeRates(
  found: Partial<MaskSetRates>,
  blocks: MaskSetSummary['blocks'],
  N: number,
): MaskSetRates | string {
  const B = blocks.length;
  const uses = (kind: MaskSetRateKind, b: MaskSetSummary['blocks'][number]) =>
    kind === 'channel'
      ? b.channelGroups !== null
      : kind === 'gate'
        ? b.mode === 'layer'
        : b.gridShape !== null;
  const out = {} as MaskSetRates;
  for (const kind of MASKSET_RATE_KINDS) {
    const have = found[kind];
    if (have) {
      out[kind] = have;
      continue;
    }
    const column = new Float32Array(N * B).fill(Number.NaN);
    const users = blocks.filter((b) => uses(kind, b));
    if (users.length > 0) {
      if (kind !== 'gate' || !found.spatial)
        return `The summary has no ${RATE_MEMBERS[kind]}.npy, but block ${users[0]!.key} (${users[0]!.mode}) has such masks.`;
      for (const b of users)
        for (let i = 0; i < N; i++)
          column[i * B + b.globalIndex] = found.spatial[i * B + b.globalIndex]!;
    }
    out[kind] = column;
  }
  return out;
}

function readClassArray(
  members: Map<string, Uint8Array>,
  member: string,
  N: number,
): Int32Array | Failure {
  const bytes = members.get(`${member}.npy`);
  if (!bytes) return new Int32Array(N).fill(-1);
  const npy = parseNpy(bytes);
  if (!npy.ok) return fail('npy-invalid', `Member ${member}.npy is not usable: ${npy.error}.`);
  if (npy.array.size !== N || npy.array.shape.length !== 1)
    return fail(
      'wrong-shape',
      `Member ${member}.npy has shape ${shapeText(npy.array.shape)}; expected [${N}] (one class index per image).`,
    );
  const values = npyToInt32(npy.array);
  if (!values)
    return fail(
      'wrong-dtype',
      `Member ${member}.npy has dtype ${npy.array.descr}; expected integers (<i4).`,
    );
  return values;
}

function readMean(
  members: Map<string, Uint8Array>,
  member: string,
  shape: readonly number[],
): Float32Array | null | Failure {
  const bytes = members.get(`${member}.npy`);
  if (!bytes) return null;
  const npy = parseNpy(bytes);
  if (!npy.ok) return fail('npy-invalid', `Member ${member}.npy is not usable: ${npy.error}.`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (npy.array.size !== size)
    return fail(
      'wrong-shape',
      `Member ${member}.npy has shape ${shapeText(npy.array.shape)}; expected ${shapeText(shape)}.`,
    );
  const values = npyToFloat32(npy.array);
  if (!values)
    return fail(
      'wrong-dtype',
      `Member ${member}.npy has dtype ${npy.array.descr}; expected float32.`,
    );
  for (const v of values)
    if (!(v >= 0 && v <= 1))
      return fail('bad-values', `Member ${member}.npy holds ${v}; mean decisions lie in [0, 1].`);
  return values;
}
