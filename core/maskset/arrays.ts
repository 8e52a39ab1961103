/**
 * `.npy` members of a set summary as typed arrays: a zero-copy view when the data is aligned little-endian
 * float32/int32 (what the exporter writes), a conversion for any other dtype numpy may have written.
 */
import { decodeFloat16 } from '../maskfile/float16';
import type { NpyArray } from '../maskfile/npy';

/** Member names (without `.npy`) of the per-image rate arrays, by rate kind. */
export const RATE_MEMBERS = {
  spatial: 'spatial_rate',
  conv1: 'conv1_rate',
  conv2: 'conv2_rate',
  channel: 'channel_rate',
  gate: 'gate',
} as const;

/** Member names of the per-image class arrays. */
export const PREDICTED_MEMBER = 'predicted';
export const LABEL_MEMBER = 'label';

/** Member name of a block's mean decision map (float32, the grid shape). */
export function meanMapMember(key: string): string {
  return `mean_map/${key}`;
}

/** Member name of a block's mean channel-group decisions (float32, [groups]). */
export function meanChannelMember(key: string): string {
  return `mean_channel/${key}`;
}

/** The array's values as float32 (NaN preserved); null for a dtype that holds no real numbers. */
export function npyToFloat32(a: NpyArray): Float32Array | null {
  const b = a.bytes;
  switch (a.dtype) {
    case 'float32':
      if (b.byteOffset % 4 === 0) return new Float32Array(b.buffer, b.byteOffset, a.size);
      return new Float32Array(b.slice().buffer, 0, a.size);
    case 'float64': {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const out = new Float32Array(a.size);
      for (let i = 0; i < a.size; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    }
    case 'float16':
      return decodeFloat16(b, 0, a.size, a.bigEndian);
    case 'uint8':
    case 'bool':
      return Float32Array.from(b);
    default:
      return null;
  }
}

/** The array's values as int32; null for a floating-point dtype. */
export function npyToInt32(a: NpyArray): Int32Array | null {
  const b = a.bytes;
  switch (a.dtype) {
    case 'int32':
      if (b.byteOffset % 4 === 0) return new Int32Array(b.buffer, b.byteOffset, a.size);
      return new Int32Array(b.slice().buffer, 0, a.size);
    case 'int64': {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const out = new Int32Array(a.size);
      for (let i = 0; i < a.size; i++) {
        const v = view.getBigInt64(i * 8, true);
        out[i] = v < -1n || v > 2147483647n ? -1 : Number(v);
      }
      return out;
    }
    case 'uint8':
      return Int32Array.from(b);
    default:
      return null;
  }
}

/** Writes a version-1 `.npy` of float32 or int32 values, C order, laid out as `numpy.save` does. */
export function writeNpyTyped(
  data: Float32Array | Int32Array,
  shape: readonly number[],
): Uint8Array {
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
