/**
 * `laudnet masks run --model M.onnx --images DIR --out DIR`: the Python exporter's dumps and set summary
 * without Python. Runs a live LAUDNet ONNX model (exported with `tools/laudmask-export --onnx`) with
 * onnxruntime in Node, preprocesses every image exactly as the exporter does (core/live), writes one
 * `.laudmask.npz` per image (same names, same members) and `summary.npz` (laudmask-set v1). A dump already
 * in `--out` for the same model and image (SHA-256) is kept, as the exporter does. `--check DIR` compares
 * every mask with the dumps of the same names in DIR (e.g. the Python exporter's), cell for cell.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { LiveModelMeta, LiveTensor } from '../../../core/live';
import {
  checkSessionNames,
  dumpContentOf,
  outputsToDump,
  parseLiveModel,
  preprocessRgba,
} from '../../../core/live';
import { DEFAULT_MAX_MODEL_BYTES } from '../../../core/live/onnxFile';
import type { MaskDump } from '../../../core/maskfile';
import { encodePngRgb, readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { createMaskSetBuilder, writeMaskSetSummary } from '../../../core/maskset';
import type { FlagSpecs } from '../../args';
import { defineCommand } from '../../command';
import { CliError } from '../../errors';
import type { CliIo } from '../../io';
import { compareDumps } from './run-check';
import type { ImageItem } from './run-images';
import { decodeImageFile, dumpNames, listImages } from './run-images';

export interface MasksRunOptions {
  model: string;
  images: string;
  out: string;
  /** Folder of reference dumps to compare with (same relative names). */
  check?: string;
  /** Largest model file accepted, bytes (default 1 GiB). */
  maxModelBytes?: number;
  /** onnxruntime intra-op threads (default: onnxruntime's choice). */
  threads?: number;
}

/** The onnxruntime-node surface used here (imported lazily: it is a native module). */
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, LiveTensor>>;
  release?(): Promise<void>;
}
interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array, options?: object): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}

async function loadOrt(): Promise<OrtModule> {
  try {
    return (await import('onnxruntime-node')) as unknown as OrtModule;
  } catch (e) {
    throw new CliError(
      `onnxruntime-node could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); it ships with the studio's CLI`,
      1,
    );
  }
}

function readModel(path: string, maxBytes: number): { bytes: Uint8Array; meta: LiveModelMeta } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`--model ${path} does not exist`);
  }
  if (size > maxBytes) {
    throw new CliError(
      `--model ${path}: the model is ${(size / 1048576).toFixed(1)} MB; models over ${(maxBytes / 1048576).toFixed(maxBytes < 10485760 ? 1 : 0)} MB are refused because they would not fit in memory here. Export it with --fp16 (half the size).`,
    );
  }
  const bytes = new Uint8Array(readFileSync(path));
  const parsed = parseLiveModel(bytes, { maxBytes });
  if (!parsed.ok) throw new CliError(`--model ${path}: ${parsed.error}`);
  return { bytes, meta: parsed.meta };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A kept dump from an earlier run: same model block and same image hash. */
function existingDump(path: string, meta: LiveModelMeta, hash: string): MaskDump | null {
  if (!existsSync(path)) return null;
  try {
    const read = readMaskDump(new Uint8Array(readFileSync(path)));
    if (!read.ok) return null;
    const m = read.dump.manifest;
    if (JSON.stringify(m.model) !== JSON.stringify(meta.raw.model) || m.input?.sha256 !== hash)
      return null;
    return read.dump;
  } catch {
    return null;
  }
}

function writeAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const meanRate = (dump: MaskDump) => {
  const rates = dump.blocks.map((b) => b.rates.spatial ?? b.rates.channel ?? 0);
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : Number.NaN;
};

/** One image → its dump (in memory). */
async function runImage(
  ort: OrtModule,
  session: OrtSession,
  meta: LiveModelMeta,
  item: ImageItem,
  bytes: Uint8Array,
): Promise<MaskDump> {
  const image = await decodeImageFile(item.path, bytes);
  const pre = preprocessRgba(image.rgba, image.width, image.height, meta.preprocessing);
  const size = meta.preprocessing.crop;
  const feeds = { [meta.inputName]: new ort.Tensor('float32', pre.input, meta.inputShape) };
  const outputs = await session.run(feeds);
  const made = outputsToDump(meta, outputs, {
    imagePng: encodePngRgb(pre.cropRgba, size, size),
    input: {
      file: item.rel.slice(item.rel.lastIndexOf('/') + 1),
      sha256: sha256(bytes),
      size,
      orig_size: [image.width, image.height],
      crop_box: pre.geometry.cropBox,
      normalize: { mean: [...meta.preprocessing.mean], std: [...meta.preprocessing.std] },
    },
  });
  if (!made.ok) throw new CliError(`--model: ${made.error}`);
  return made.dump;
}

/** Runs the model over the images; returns the exit status (2 when any image failed). */
export async function runMasksRun(opts: MasksRunOptions, io: CliIo): Promise<number> {
  const { bytes, meta } = readModel(opts.model, opts.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES);
  const { items, classNames } = listImages(opts.images);
  const names = dumpNames(items);
  const ort = await loadOrt();
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(
      bytes,
      opts.threads ? { intraOpNumThreads: opts.threads } : {},
    );
  } catch (e) {
    throw new CliError(
      `--model ${opts.model}: onnxruntime cannot load it (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const mismatch = checkSessionNames(meta, session.inputNames, session.outputNames);
  if (mismatch) throw new CliError(`--model ${opts.model}: ${mismatch}`);
  if (meta.weights === 'random-init') {
    io.err(
      'laudnet masks run: note: this model has RANDOMLY INITIALISED weights: its masks only test the pipeline.\n',
    );
  }
  const builder = createMaskSetBuilder();
  const rows: ImageItem[] = [];
  const check = { images: 0, cells: 0, differ: 0, missing: 0 };
  let failures = 0;
  let kept = 0;
  const started = Date.now();
  for (const [i, item] of items.entries()) {
    const name = names[i]!;
    const outPath = join(opts.out, ...name.split('/'));
    try {
      const imageBytes = new Uint8Array(readFileSync(item.path));
      let dump = existingDump(outPath, meta, sha256(imageBytes));
      if (dump) kept++;
      else {
        dump = await runImage(ort, session, meta, item, imageBytes);
        writeAtomic(outPath, writeMaskDump(dumpContentOf(dump)));
        io.out(
          `${item.rel} -> ${outPath} (${dump.blocks.length} blocks, mean rate ${meanRate(dump).toFixed(3)})\n`,
        );
      }
      const refused = builder.add(name, dump, item.className);
      if (refused) throw new Error(`${item.rel}: ${refused}`);
      rows.push(item);
      if (opts.check) {
        const compared = compareDumps(dump, join(opts.check, ...name.split('/')));
        check.images++;
        check.cells += compared.cells;
        check.differ += compared.differ;
        if (compared.error) {
          check.missing++;
          io.err(`laudnet masks run: check: ${item.rel}: ${compared.error}\n`);
        } else if (compared.differ > 0) {
          io.err(`laudnet masks run: check: ${item.rel}: ${compared.detail}\n`);
        }
      }
    } catch (e) {
      if (e instanceof CliError) throw e;
      failures++;
      io.err(`laudnet masks run: error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  await session.release?.();
  const seconds = (Date.now() - started) / 1000;
  const summary = builder.finish();
  if (summary) {
    const index = new Map(classNames.map((c, k) => [c, k]));
    summary.classNames = [...classNames];
    summary.label = Int32Array.from(rows, (r) =>
      r.className === null ? -1 : (index.get(r.className) ?? -1),
    );
    summary.sources = rows.map((r) => r.rel);
    const path = join(opts.out, 'summary.npz');
    writeAtomic(path, writeMaskSetSummary(summary));
    io.err(
      `laudnet masks run: ${rows.length - kept} exported, ${kept} kept, ${failures} failed in ${seconds.toFixed(1)} s; summary of ${rows.length} images: ${path}\n`,
    );
  } else {
    io.err(
      `laudnet masks run: 0 exported, ${failures} failed; no summary written (no image could be run)\n`,
    );
  }
  if (opts.check) {
    io.err(
      `laudnet masks run: check against ${opts.check}: ${check.images} images, ${check.cells} mask cells compared, ${check.differ} differ${check.missing ? `, ${check.missing} without a readable reference dump` : ''}\n`,
    );
  }
  return failures > 0 || (opts.check !== undefined && (check.differ > 0 || check.missing > 0))
    ? 2
    : 0;
}

const FLAGS = {
  model: {
    type: 'string',
    value: 'M.onnx',
    description: 'the model, exported with tools/laudmask-export --onnx',
  },
  images: {
    type: 'string',
    value: 'PATH',
    description: 'an image, a folder, or an ImageFolder tree (PNG, JPEG)',
  },
  out: {
    type: 'string',
    value: 'DIR',
    description: 'output folder of the dumps and summary.npz (created)',
  },
  check: {
    type: 'string',
    value: 'DIR',
    description: 'compare every mask with the dumps of the same names in DIR, cell for cell',
  },
  threads: {
    type: 'string',
    value: 'N',
    description: "onnxruntime threads (default: onnxruntime's choice)",
  },
  'max-model-mb': {
    type: 'string',
    value: 'MB',
    description: 'largest model file accepted (default 1024)',
  },
} as const satisfies FlagSpecs;

const USAGE = `Usage:
  laudnet masks run --model M.onnx --images PATH --out DIR [--check DIR]

Runs a LAUDNet ONNX model (exported with tools/laudmask-export/export.py --onnx) over images with
onnxruntime, no Python needed, and writes what the Python exporter writes: one .laudmask.npz per image
(the image's folder mirrored, <name>.laudmask.npz) and the set summary DIR/summary.npz. Images are
preprocessed exactly as the exporter does (resize 256 with Pillow's bilinear filter, centre crop 224,
ImageNet normalisation), so PNG images give the exporter's masks cell for cell; JPEG decoders differ by a
level on some pixels, so a few cells of near-tie decisions may differ. A dump already in --out for the
same model and image is kept. Unreadable images are reported and skipped (exit status 2).`;

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${flag} must be a positive integer, got '${text}'`);
  return n;
}

export const masksRunCommand = defineCommand({
  name: 'run',
  usage: USAGE,
  flags: FLAGS,
  async run(args, io) {
    const { model, images, out, check } = args.values;
    if (!model) throw new CliError('--model M.onnx is required');
    if (!images) throw new CliError('--images PATH is required (an image or a folder of images)');
    if (!out) throw new CliError('--out DIR is required (the folder of the dumps)');
    const mbText = args.values['max-model-mb'];
    const mb = mbText === undefined ? undefined : Number(mbText);
    if (mb !== undefined && !(mb > 0 && Number.isFinite(mb))) {
      throw new CliError(`--max-model-mb must be a positive number of megabytes, got '${mbText}'`);
    }
    return runMasksRun(
      {
        model,
        images,
        out,
        check,
        threads: positiveInt(args.values.threads, '--threads'),
        maxModelBytes: mb === undefined ? undefined : mb * 1048576,
      },
      io,
    );
  },
});
