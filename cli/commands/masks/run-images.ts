/**
 * Images for `laudnet masks run`, found and named like the Python exporter does (tools/laudmask-export,
 * `laudmask_images.py`): one file, a flat folder, or an ImageFolder tree whose first-level folders are the
 * classes; sorted walk; dumps mirror the folders (`cat/x.jpg` → `cat/x.laudmask.npz`, a second image with
 * the same stem keeps its extension). Decoding: PNG with the project's decoder, JPEG with mozjpeg (wasm,
 * `@jsquash/jpeg`, EXIF orientation not applied, as Pillow's `Image.open` does not apply it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, sep } from 'node:path';
import { decodePng } from '../../../core/maskfile';
import { CliError } from '../../errors';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.bmp'];

export interface ImageItem {
  path: string;
  /** Relative to `--images`, '/'-separated. */
  rel: string;
  /** First-level folder (class), or null. */
  className: string | null;
}

const isImage = (name: string) =>
  !name.startsWith('.') && IMAGE_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

/** Every image below `root` (or `root` itself), sorted like the exporter; class names sorted. */
export function listImages(root: string): { items: ImageItem[]; classNames: string[] } {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new CliError(`--images ${root} is neither a folder nor a file`);
  }
  if (stat.isFile())
    return { items: [{ path: root, rel: basename(root), className: null }], classNames: [] };
  const items: ImageItem[] = [];
  const walk = (folder: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      const full = join(folder, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && isImage(e.name)) {
        const rel = relative(root, full).split(sep).join('/');
        const parts = rel.split('/');
        items.push({ path: full, rel, className: parts.length > 1 ? (parts[0] ?? null) : null });
      }
    }
  };
  walk(root);
  if (items.length === 0) {
    throw new CliError(`no images (${IMAGE_EXTENSIONS.join(', ')}) in ${root} or its folders`);
  }
  const key = (it: ImageItem) => it.rel.split('/');
  items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      if (ka[i] !== kb[i]) return (ka[i] as string) < (kb[i] as string) ? -1 : 1;
    }
    return ka.length - kb.length;
  });
  const classNames = [
    ...new Set(items.flatMap((it) => (it.className === null ? [] : [it.className]))),
  ].sort();
  return { items, classNames };
}

/** Dump path per image relative to `--out` ('/'-separated), as the exporter names them. */
export function dumpNames(items: readonly ImageItem[]): string[] {
  const taken = new Set<string>();
  return items.map((it) => {
    const slash = it.rel.lastIndexOf('/');
    const folder = slash >= 0 ? it.rel.slice(0, slash + 1) : '';
    const base = it.rel.slice(slash + 1);
    const dot = base.lastIndexOf('.');
    const stem = dot > 0 ? base.slice(0, dot) : base;
    let name = `${folder}${stem}.laudmask.npz`;
    if (taken.has(name)) name = `${folder}${base}.laudmask.npz`;
    taken.add(name);
    return name;
  });
}

export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
}

type JpegDecode = (
  buffer: ArrayBuffer,
) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
let jpegDecoder: Promise<JpegDecode> | null = null;

/** mozjpeg's decoder, initialised once from its .wasm bytes (Node has no fetch for file URLs). */
function loadJpegDecoder(): Promise<JpegDecode> {
  jpegDecoder ??= (async () => {
    // CommonJS (tsx, the bundled CLI) has `require`; ES modules (Vitest) resolve from their own URL.
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    const wasmPath = req.resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm');
    // The CLI's libraries have no WebAssembly types; Node has the API.
    const wasm = (
      globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<object> } }
    ).WebAssembly;
    const module = await wasm.compile(readFileSync(wasmPath));
    const jpeg = await import('@jsquash/jpeg/decode.js');
    await jpeg.init(module);
    return jpeg.default;
  })();
  return jpegDecoder;
}

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Decodes a PNG or JPEG to RGBA; throws an Error with a message naming the file otherwise. */
export async function decodeImageFile(path: string, bytes: Uint8Array): Promise<DecodedImage> {
  if (starts(bytes, PNG_MAGIC)) {
    const png = decodePng(bytes);
    if (!png.ok) throw new Error(`cannot read image ${path}: ${png.error}`);
    return png;
  }
  if (starts(bytes, JPEG_MAGIC)) {
    const decode = await loadJpegDecoder();
    try {
      const copy = bytes.slice().buffer;
      const image = await decode(copy);
      return { width: image.width, height: image.height, rgba: image.data };
    } catch (e) {
      throw new Error(
        `cannot read image ${path}: the JPEG decoder failed (${e instanceof Error ? e.message : String(e)})`,
        { cause: e },
      );
    }
  }
  throw new Error(
    `cannot read image ${path}: only PNG and JPEG images can be decoded here (no Python)`,
  );
}
