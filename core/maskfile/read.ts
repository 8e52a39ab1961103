/**
 * Reader for `.laudmask.npz` dumps (formulation spec §7). Validates everything before returning, and
 * never throws: every failure comes back as `{ ok: false, code, error }` with a message for the user.
 */
import type { ArchitectureSpec } from '../arch';
import { BUILTIN_ARCHITECTURES, listBlocks } from '../arch';
import { capMessage } from '../config/jsonSyntax';
import type { DumpStageConfig } from './expected';
import { checkStageConfig, findArchitectureForDump, resolveStageConfig } from './expected';
import { isRandomInitWeights, parseManifest } from './manifest';
import type { BlockArrays, Failure } from './members';
import { BLOCK_ARRAY_NAME, assembleBlock, checkManifestArrays, checkMember } from './members';
import { matchManifestBlocks } from './blocks';
import { readPngHeader } from './png';
import type { DumpBlock, MaskDumpErrorCode, ReadMaskDumpResult } from './types';
import { stageModeFromReference } from './types';
import { dumpWarnings } from './warnings';
import type { UnzipLimits } from './zip';
import { DEFAULT_UNZIP_LIMITS, looksLikeZip, safeUnzip } from './zip';

export interface ReadMaskDumpOptions {
  /** Reject a dump made for another model than this architecture id (`resnet50`). */
  expectedModelId?: string;
  /** Architectures a dump may name (built-ins by default; add user-defined ones here). */
  architectures?: readonly ArchitectureSpec[];
  /** Largest accepted file, in bytes (default 64 MB). */
  maxFileBytes?: number;
  /** Unzip limits (see {@link DEFAULT_UNZIP_LIMITS}). */
  limits?: Partial<UnzipLimits>;
}

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MANIFEST = 'manifest.json';
const IMAGE = 'image.png';
/** A 33-block manifest is about 20 kB; parsing megabytes of JSON would only stall the worker. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Every message is capped: the file's own values can be echoed in it. */
const fail = (code: MaskDumpErrorCode, error: string): Failure => ({
  ok: false,
  code,
  error: capMessage(error, 1000),
});

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads and validates a mask dump: the zip, the manifest (format, version, schema), the architecture it
 * names, every array member (name, dtype, shape, 0/1 values) and the embedded 224×224 PNG. Rates on the
 * returned blocks are computed from the arrays; the manifest's claims sit beside them.
 */
export function readMaskDump(
  bytes: Uint8Array,
  opts: ReadMaskDumpOptions = {},
): ReadMaskDumpResult {
  try {
    return readUnchecked(bytes, opts);
  } catch (e) {
    // Defensive: every path above returns a message; this only guards against an oversight.
    const detail = e instanceof Error ? e.message : String(e);
    return fail('zip-corrupt', `The file could not be read (${detail}).`);
  }
}

function readUnchecked(bytes: Uint8Array, opts: ReadMaskDumpOptions): ReadMaskDumpResult {
  if (bytes.length === 0) return fail('empty', 'The file is empty.');
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxFileBytes) {
    return fail(
      'too-large',
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; mask dumps over ${maxFileBytes / 1048576} MB are refused.`,
    );
  }
  if (!looksLikeZip(bytes)) {
    return fail(
      'not-zip',
      'This is not a mask dump: a .laudmask.npz file is a zip archive, and this file is not one.',
    );
  }
  const unzipped = safeUnzip(bytes, { ...DEFAULT_UNZIP_LIMITS, ...opts.limits });
  if (!unzipped.ok) return unzipped;
  const members = unzipped.members;

  const manifestBytes = members.get(MANIFEST);
  if (!manifestBytes)
    return fail(
      'manifest-missing',
      'The archive has no manifest.json: it is not a LAUDNet mask dump.',
    );
  if (manifestBytes.length > MAX_MANIFEST_BYTES) {
    return fail(
      'manifest-invalid',
      `manifest.json is ${manifestBytes.length} bytes, implausibly large for a mask dump.`,
    );
  }
  const text = decodeUtf8(manifestBytes);
  if (text === null) return fail('manifest-json', 'manifest.json is not valid UTF-8 text.');
  const parsed = parseManifest(text);
  if (!parsed.ok) return parsed;
  const manifest = parsed.manifest;

  const known = opts.architectures ?? BUILTIN_ARCHITECTURES;
  const arch = findArchitectureForDump(manifest.model.arch, known);
  if (!arch) {
    const names = known.map((a) => a.trainingArch ?? a.id).join(', ');
    return fail(
      'unknown-arch',
      `The dump is for architecture "${capMessage(manifest.model.arch, 60)}", which this app does not know (known: ${names}).`,
    );
  }
  if (opts.expectedModelId !== undefined && opts.expectedModelId !== arch.id) {
    const expected =
      known.find((a) => a.id === opts.expectedModelId)?.label ?? opts.expectedModelId;
    return fail('other-arch', `The dump is for ${arch.label}, not ${expected}.`);
  }
  const size = manifest.input?.size;
  const sizes = size === null || size === undefined ? [] : typeof size === 'number' ? [size] : size;
  if (sizes.some((v) => v !== arch.inputSize)) {
    return fail(
      'bad-config',
      `The dump's input size is ${capMessage(JSON.stringify(size), 60)}; ${arch.label} takes ${arch.inputSize}.`,
    );
  }
  const resolved = resolveStageConfig(arch, manifest.model);
  if (typeof resolved === 'string') {
    return fail('bad-config', `The dump's configuration does not fit ${arch.label}: ${resolved}.`);
  }
  const config: DumpStageConfig = resolved;
  const configProblem = checkStageConfig(arch, config);
  if (configProblem)
    return fail(
      'bad-config',
      `The dump's configuration does not fit ${arch.label}: ${configProblem}.`,
    );

  const geometry = listBlocks(arch);
  const entries = matchManifestBlocks(arch, geometry, manifest);
  if (!entries.ok) return entries;

  const listed = checkManifestArrays(arch, geometry, config, manifest);
  if (!listed.ok) return listed;
  const ignored: string[] = [];
  for (const name of members.keys()) {
    if (name === MANIFEST || name === IMAGE || name.endsWith('/')) continue;
    const arrayName = name.endsWith('.npy') ? name.slice(0, -4) : null;
    if (arrayName !== null && listed.expected.has(arrayName)) continue;
    if (arrayName !== null && BLOCK_ARRAY_NAME.test(arrayName)) {
      return fail(
        'unexpected-member',
        `The archive holds ${name}, which a ${arch.label} dump in this configuration does not have.`,
      );
    }
    ignored.push(name);
  }

  const byBlock = new Map<string, BlockArrays>();
  for (const [name, { block, array }] of listed.expected) {
    const checked = checkMember(
      arch,
      block,
      array,
      config,
      members.get(`${name}.npy`),
      listed.declared.has(name),
    );
    if (!checked.ok) return checked;
    if (!checked.array) continue;
    const entry = byBlock.get(block.key) ?? {};
    entry[array.kind] = { array: checked.array, expected: array };
    byBlock.set(block.key, entry);
  }
  const blocks: DumpBlock[] = geometry.map((block) =>
    assembleBlock(block, config, byBlock.get(block.key) ?? {}, entries.byKey.get(block.key)),
  );

  const imagePng = members.get(IMAGE);
  if (!imagePng)
    return fail('image-missing', 'The dump has no image.png (the network input it was made from).');
  const png = readPngHeader(imagePng);
  if (!png) return fail('image-not-png', "The dump's image.png is not a PNG image.");
  if (png.width !== arch.inputSize || png.height !== arch.inputSize) {
    return fail(
      'image-size',
      `The dump's image.png is ${png.width}×${png.height}; the network input is ${arch.inputSize}×${arch.inputSize}.`,
    );
  }

  const randomInit = isRandomInitWeights(manifest.model.weights);
  return {
    ok: true,
    dump: {
      manifest,
      arch,
      modes: config.modes.map(stageModeFromReference),
      referenceModes: [...config.modes],
      spatialGranularity: [...config.spatialGranularity],
      channelGroupSize: [...config.channelGroupSize],
      spatialMaskChannelGroup: [...config.spatialMaskChannelGroup],
      weights: randomInit ? 'random-init' : 'checkpoint',
      weightsText: manifest.model.weights ?? null,
      checkpoint: manifest.model.checkpoint ?? null,
      origSize: manifest.input?.orig_size ?? null,
      cropBox: manifest.input?.crop_box ?? null,
      blocks,
      imagePng,
      warnings: dumpWarnings(blocks, { randomInit, ignoredMembers: ignored }),
    },
  };
}
