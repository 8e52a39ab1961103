/**
 * Zero-copy access to a zip whose members are *stored* (what the exporter and numpy's `np.savez` write):
 * the central directory is parsed and each member is a subarray of the input, so a 36 MB summary opens
 * without copying it. Anything else (deflated members, zip64, a directory that does not add up) returns
 * null and the caller falls back to core/maskfile's size-limited `safeUnzip`.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Members of a stored-only zip as views into `bytes`; null when the archive needs the general reader. */
export function storedZipMembers(
  bytes: Uint8Array,
  maxMembers = 100_000,
): Map<string, Uint8Array> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  // The end record is in the last 22 + 65535 bytes (comment).
  let eocd = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 65535); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff || count > maxMembers) return null;
  if (dirOffset + dirSize > eocd) return null;
  const members = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) return null;
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (method !== 0 || compressed !== size || size === 0xffffffff || local === 0xffffffff)
      return null;
    if (p + 46 + nameLength > eocd) return null;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > n || view.getUint32(local, true) !== LOCAL) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > n) return null;
    members.set(name, bytes.subarray(start, start + size));
  }
  return members;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (zip's polynomial) of `data`. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Extra-field id of the alignment padding (the one Android's zipalign uses; readers skip it). */
const ALIGN_EXTRA_ID = 0xd935;

/**
 * A zip of stored members whose data start on `align`-byte boundaries (padding in the local header's
 * extra field), so a reader can view float32 arrays in place. numpy and Python's zipfile read it as usual.
 */
export function writeStoredZip(files: readonly [string, Uint8Array][], align = 64): Uint8Array {
  const encoder = new TextEncoder();
  const entries = files.map(([name, data]) => ({
    name: encoder.encode(name),
    data,
    crc: crc32(data),
  }));
  const locals: { offset: number; extra: number }[] = [];
  let size = 0;
  for (const e of entries) {
    const base = size + 30 + e.name.length + 4;
    const pad = (align - (base % align)) % align;
    locals.push({ offset: size, extra: 4 + pad });
    size = base + pad + e.data.length;
  }
  const dirOffset = size;
  for (const e of entries) size += 46 + e.name.length;
  const out = new Uint8Array(size + 22);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    const { offset, extra } = locals[i]!;
    view.setUint32(offset, 0x04034b50, true);
    view.setUint16(offset + 4, 20, true); // version needed
    view.setUint16(offset + 8, 0, true); // stored
    view.setUint32(offset + 14, e.crc, true);
    view.setUint32(offset + 18, e.data.length, true);
    view.setUint32(offset + 22, e.data.length, true);
    view.setUint16(offset + 26, e.name.length, true);
    view.setUint16(offset + 28, extra, true);
    out.set(e.name, offset + 30);
    view.setUint16(offset + 30 + e.name.length, ALIGN_EXTRA_ID, true);
    view.setUint16(offset + 32 + e.name.length, extra - 4, true);
    out.set(e.data, offset + 30 + e.name.length + extra);
  });
  let p = dirOffset;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.name.length, true);
    view.setUint32(p + 42, locals[i]!.offset, true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dirOffset, true);
  view.setUint32(p + 16, dirOffset, true);
  return out;
}
