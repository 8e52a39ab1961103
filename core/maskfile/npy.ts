/**
 * A small, defensive `.npy` reader and writer (NumPy format versions 1–3). We use our own instead of
 * npyjs because the reader must never throw or allocate absurd buffers on hostile input (it is fuzzed),
 * must report *why* a member is unusable (bool masks, wrong byte order, truncated data), and must work
 * on a `Uint8Array` slice without copying.
 */
import type { NpyDtype } from './dtype';
import { normalizeDtype } from './dtype';
import { decodeFloat16, encodeFloat16 } from './float16';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** Headers are a short Python dict; anything larger is not a file we wrote. */
const MAX_HEADER_BYTES = 65_536;
const MAX_DIMS = 8;

/** A parsed `.npy` member: the raw element bytes (a view into the input) and how to read them. */
export interface NpyArray {
  dtype: NpyDtype;
  /** The header's `descr` verbatim (`|u1`, `<f2`, …). */
  descr: string;
  shape: number[];
  /** Number of elements (product of `shape`). */
  size: number;
  bigEndian: boolean;
  /** Element bytes, exactly `size · itemBytes` long. */
  bytes: Uint8Array;
}

export type ParseNpyResult = { ok: true; array: NpyArray } | { ok: false; error: string };

function fail(error: string): ParseNpyResult {
  return { ok: false, error };
}

/** Parses the Python-literal header dict that NumPy writes; only the three keys NumPy defines. */
function parseHeader(text: string): { descr: string; fortran: boolean; shape: number[] } | string {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]{1,16})['"]/.exec(text)?.[1];
  if (descr === undefined) return 'its header has no descr';
  const fortranText = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  if (fortranText === undefined) return 'its header has no fortran_order';
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]{0,200})\)/.exec(text)?.[1];
  if (shapeText === undefined) return 'its header has no shape';
  const parts = shapeText
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length > MAX_DIMS) return `its shape has more than ${MAX_DIMS} dimensions`;
  const shape: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,10}L?$/.test(p)) return `its shape entry "${p}" is not a size`;
    shape.push(Number.parseInt(p, 10));
  }
  return { descr, fortran: fortranText === 'True', shape };
}

/**
 * Parses one `.npy` file. Never throws; every failure names the problem (in words that fit after
 * "member X is not usable: …").
 */
export function parseNpy(bytes: Uint8Array): ParseNpyResult {
  if (bytes.length < 10) return fail('it is too short to be a .npy array');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) return fail('it does not start with the .npy signature');
  }
  const major = bytes[6] as number;
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = (bytes[8] as number) | ((bytes[9] as number) << 8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) return fail('it is too short to be a .npy array');
    headerLength =
      ((bytes[8] as number) |
        ((bytes[9] as number) << 8) |
        ((bytes[10] as number) << 16) |
        ((bytes[11] as number) << 24)) >>>
      0;
    headerStart = 12;
  } else {
    return fail(`its .npy format version ${major} is not supported`);
  }
  if (headerLength > MAX_HEADER_BYTES) return fail('its .npy header is implausibly long');
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) return fail('its .npy header is truncated');
  let text = '';
  for (let i = headerStart; i < dataStart; i++) text += String.fromCharCode(bytes[i] as number);
  const header = parseHeader(text);
  if (typeof header === 'string') return fail(header);
  const known = normalizeDtype(header.descr);
  if (!known) return fail(`its dtype ${header.descr} is not supported`);
  let size = 1;
  for (const d of header.shape) size *= d;
  const dataBytes = size * known.itemBytes;
  const available = bytes.length - dataStart;
  if (available < dataBytes) {
    return fail(`its data is truncated (${available} of ${dataBytes} bytes)`);
  }
  if (available > dataBytes) {
    return fail(`it has ${available - dataBytes} bytes after its data`);
  }
  if (header.fortran && header.shape.filter((d) => d > 1).length > 1) {
    return fail('it is stored in Fortran order');
  }
  return {
    ok: true,
    array: {
      dtype: known.dtype,
      descr: header.descr,
      shape: header.shape,
      size,
      bigEndian: known.bigEndian,
      bytes: bytes.subarray(dataStart, dataStart + dataBytes),
    },
  };
}

/** The float values of a float16 array. */
export function npyFloat16Values(array: NpyArray): Float32Array {
  return decodeFloat16(array.bytes, 0, array.size, array.bigEndian);
}

/** The values of a float16, float32 or float64 array (either byte order) as float32. */
export function npyFloatValues(array: NpyArray): Float32Array {
  if (array.dtype === 'float16') return npyFloat16Values(array);
  const out = new Float32Array(array.size);
  const view = new DataView(array.bytes.buffer, array.bytes.byteOffset, array.bytes.byteLength);
  const little = !array.bigEndian;
  if (array.dtype === 'float32') {
    for (let i = 0; i < array.size; i++) out[i] = view.getFloat32(i * 4, little);
  } else if (array.dtype === 'float64') {
    for (let i = 0; i < array.size; i++) out[i] = view.getFloat64(i * 8, little);
  } else {
    throw new TypeError(`npyFloatValues: ${array.dtype} is not a float type`);
  }
  return out;
}

/** What {@link writeNpy} can write: enough for real dumps and for the bad-file corpus. */
export type NpyWritable =
  | { dtype: 'uint8' | 'bool'; shape: readonly number[]; data: ArrayLike<number> }
  | { dtype: 'float16' | 'float32'; shape: readonly number[]; data: ArrayLike<number> };

const DTYPE_TO_DESCR: Record<NpyWritable['dtype'], string> = {
  uint8: '|u1',
  bool: '|b1',
  float16: '<f2',
  float32: '<f4',
};

/** Serialises an array as a version-1 `.npy` file, C order, exactly as `numpy.save` lays it out. */
export function writeNpy(array: NpyWritable): Uint8Array {
  const shapeText =
    array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DTYPE_TO_DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // NumPy pads the header with spaces so that the data starts on a 64-byte boundary, ending in '\n'.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  let body: Uint8Array;
  if (array.dtype === 'float16') {
    body = encodeFloat16(array.data);
  } else if (array.dtype === 'float32') {
    body = new Uint8Array(Float32Array.from(array.data).buffer);
  } else {
    body = Uint8Array.from(array.data);
  }
  const out = new Uint8Array(10 + header.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out;
}
