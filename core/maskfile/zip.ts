/**
 * Size- and work-limited unzipping. An archive's directory can lie: a member may declare 1 kB and
 * inflate to a gigabyte, or thousands of entries may point at one compressed stream so that the
 * same bytes are inflated again and again. So this reader parses the central directory itself,
 * refuses overlapping, duplicate or out-of-file entries before inflating anything, and inflates
 * each member with fflate's streaming `Inflate` in small input slices, counting the bytes as they
 * come and stopping as soon as a member passes its declared size or a limit. The work done is
 * therefore bounded by the file's size plus the limits, whatever the directory says.
 */
import { Inflate, inflateSync, strFromU8 } from 'fflate';
import type { MaskDumpErrorCode } from './types';

/** Limits applied while unzipping; the defaults fit any real dump by a wide margin. */
export interface UnzipLimits {
  /** Most members accepted (a 33-block dump has about 170). */
  maxMembers: number;
  /** Most bytes one member may expand to. */
  maxMemberBytes: number;
  /** Most bytes all members together may expand to. */
  maxTotalBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxMembers: 4096,
  maxMemberBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export type SafeUnzipResult =
  | { ok: true; members: Map<string, Uint8Array> }
  | { ok: false; code: MaskDumpErrorCode; error: string };

class LimitError extends Error {
  constructor(
    readonly code: MaskDumpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MB = 1024 * 1024;
/** Deflate's largest expansion: a 258-byte copy costs two bits at best. */
const MAX_RATIO = 1032;
/** Compressed bytes handed to the streaming inflater at once: at most ~1 MB comes out. */
const INPUT_SLICE = 1024;
/**
 * Small members inflate in one call into a buffer of their declared size (fast: no streaming
 * state). fflate keeps decoding past a full buffer, so that call's work is bounded only by the
 * member's compressed size × {@link MAX_RATIO}; this is the most such worst-case work one archive
 * may spend on the fast path before every further member is streamed.
 */
const FAST_PATH_WORK = 256 * MB;
const FAST_PATH_MAX_INPUT = 16 * 1024;
const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** One central-directory entry, with sizes and offset already widened from zip64 fields. */
interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const corrupt = (detail: string) =>
  new LimitError(
    'zip-corrupt',
    `The file is truncated or corrupt: it cannot be read as a zip archive (${detail}).`,
  );

/** True when the bytes start like a zip archive (a local header, or the end record of an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

class Reader {
  constructor(readonly b: Uint8Array) {}
  u16(at: number): number {
    if (at < 0 || at + 2 > this.b.length) throw corrupt('a record runs past the end of the file');
    return this.b[at]! | (this.b[at + 1]! << 8);
  }
  u32(at: number): number {
    return (this.u16(at) | (this.u16(at + 2) << 16)) >>> 0;
  }
  /** A little-endian 64-bit value; anything past 2^53 is far beyond every limit anyway. */
  u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 0x1_0000_0000;
  }
}

function findEndRecord(r: Reader): number {
  const b = r.b;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let at = b.length - 22; at >= stop; at--) {
    if (b[at] === 0x50 && b[at + 1] === 0x4b && r.u32(at) === EOCD_SIG) return at;
  }
  throw corrupt('no end-of-directory record');
}

/** Reads the directory location, following the zip64 end record where the classic one overflows. */
function directoryLocation(r: Reader, limits: UnzipLimits) {
  const end = findEndRecord(r);
  let count = r.u16(end + 10);
  let size = r.u32(end + 12);
  let offset = r.u32(end + 16);
  const locator = end - 20;
  if (locator >= 0 && r.u32(locator) === EOCD64_LOCATOR_SIG) {
    const at = r.u64(locator + 8);
    if (at + 56 > end || r.u32(at) !== EOCD64_SIG) throw corrupt('a damaged zip64 end record');
    count = r.u64(at + 32);
    size = r.u64(at + 40);
    offset = r.u64(at + 48);
  }
  if (count > limits.maxMembers) {
    throw new LimitError(
      'too-many-members',
      `The archive has more than ${limits.maxMembers} members; a mask dump has a few hundred at most.`,
    );
  }
  if (offset + size > r.b.length) throw corrupt('the directory lies outside the file');
  return { count, offset };
}

/** Widens 0xFFFFFFFF sizes and offset from the entry's zip64 extra field (id 0x0001). */
function applyZip64(r: Reader, extraAt: number, extraLen: number, e: Entry): void {
  const needed = [e.size, e.compressedSize, e.localOffset].filter((v) => v === 0xffffffff).length;
  if (needed === 0) return;
  let at = extraAt;
  while (at + 4 <= extraAt + extraLen) {
    const id = r.u16(at);
    const len = r.u16(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + len) throw corrupt(`${e.name} has a short zip64 field`);
        const v = r.u64(field);
        field += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    at += 4 + len;
  }
  throw corrupt(`${e.name} lacks its zip64 sizes`);
}

function readDirectory(r: Reader, limits: UnzipLimits): Entry[] {
  const { count, offset } = directoryLocation(r, limits);
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== CENTRAL_SIG) throw corrupt(`directory entry ${i + 1} is damaged`);
    const nameLen = r.u16(at + 28);
    const extraLen = r.u16(at + 30);
    const commentLen = r.u16(at + 32);
    const flags = r.u16(at + 8);
    if (at + 46 + nameLen > r.b.length) throw corrupt(`directory entry ${i + 1} is cut short`);
    const e: Entry = {
      name: strFromU8(r.b.subarray(at + 46, at + 46 + nameLen), (flags & 0x800) === 0),
      method: r.u16(at + 10),
      flags,
      compressedSize: r.u32(at + 20),
      size: r.u32(at + 24),
      localOffset: r.u32(at + 42),
    };
    applyZip64(r, at + 46 + nameLen, extraLen, e);
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function vetEntries(r: Reader, entries: Entry[], limits: UnzipLimits): Map<Entry, number> {
  const names = new Set<string>();
  const dataStart = new Map<Entry, number>();
  let total = 0;
  for (const e of entries) {
    if (names.has(e.name)) {
      throw corrupt(`the member ${e.name} appears twice; a damaged or crafted archive`);
    }
    names.add(e.name);
    if (e.flags & 1) {
      throw new LimitError('zip-unsupported', `Member ${e.name} is encrypted; it cannot be read.`);
    }
    if (e.method !== 0 && e.method !== 8) {
      throw new LimitError(
        'zip-unsupported',
        `Member ${e.name} uses zip compression method ${e.method}; only stored and deflate are supported.`,
      );
    }
    if (e.method === 0 && e.compressedSize !== e.size) {
      throw corrupt(`the stored member ${e.name} gives two different sizes`);
    }
    if (e.size > limits.maxMemberBytes) {
      throw new LimitError(
        'decompressed-too-large',
        `Member ${e.name} expands to ${(e.size / MB).toFixed(1)} MB, over the ${limits.maxMemberBytes / MB} MB limit for one member.`,
      );
    }
    total += e.size;
    if (total > limits.maxTotalBytes) {
      throw new LimitError(
        'decompressed-too-large',
        `The archive expands to more than ${limits.maxTotalBytes / MB} MB; a mask dump is far smaller.`,
      );
    }
    if (r.u32(e.localOffset) !== LOCAL_SIG) throw corrupt(`the header of ${e.name} is missing`);
    const start = e.localOffset + 30 + r.u16(e.localOffset + 26) + r.u16(e.localOffset + 28);
    if (start + e.compressedSize > r.b.length) throw corrupt(`${e.name} runs past the end`);
    dataStart.set(e, start);
  }
  // Each member must own its bytes: entries sharing or overlapping one stream would make the
  // same compressed data inflate many times over.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (cur.localOffset < dataStart.get(prev)! + prev.compressedSize) {
      throw corrupt(
        `the members ${prev.name} and ${cur.name} overlap; a damaged or crafted archive`,
      );
    }
  }
  return dataStart;
}

const overDeclared = (e: Entry) =>
  new LimitError(
    'decompressed-too-large',
    `Member ${e.name} inflates past its declared ${e.size} bytes; the archive is damaged or crafted.`,
  );

/** One-call inflation into a buffer one byte larger than declared, so an overrun shows. */
function inflateSmall(e: Entry, data: Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: new Uint8Array(e.size + 1) });
  } catch (err) {
    // A stored block past the buffer's end makes fflate's copy throw a RangeError.
    if (err instanceof RangeError) throw overDeclared(e);
    throw err;
  }
  if (out.length > e.size) throw overDeclared(e);
  if (out.length !== e.size) {
    throw corrupt(`${e.name} inflates to ${out.length} bytes, not the ${e.size} it declares`);
  }
  return out;
}

/** Inflates one member, counting output as it comes; stops past the declared size or the budget. */
function inflateStreaming(
  e: Entry,
  data: Uint8Array,
  budget: number,
  limits: UnzipLimits,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > e.size) throw overDeclared(e);
    if (produced > budget) {
      throw new LimitError(
        'decompressed-too-large',
        `The archive expands to more than ${limits.maxTotalBytes / MB} MB; a mask dump is far smaller.`,
      );
    }
    if (chunk.length > 0) chunks.push(chunk);
  });
  for (let at = 0; at < data.length || at === 0; at += INPUT_SLICE) {
    const end = Math.min(data.length, at + INPUT_SLICE);
    inflater.push(data.subarray(at, end), end >= data.length);
    if (end >= data.length) break;
  }
  if (produced !== e.size) {
    throw corrupt(`${e.name} inflates to ${produced} bytes, not the ${e.size} it declares`);
  }
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Unzips `bytes` within `limits`. Never throws. */
export function safeUnzip(
  bytes: Uint8Array,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
): SafeUnzipResult {
  try {
    const r = new Reader(bytes);
    const entries = readDirectory(r, limits);
    const dataStart = vetEntries(r, entries, limits);
    const members = new Map<string, Uint8Array>();
    let budget = limits.maxTotalBytes;
    let fastWork = 0;
    for (const e of entries) {
      const start = dataStart.get(e)!;
      const data = bytes.subarray(start, start + e.compressedSize);
      let member: Uint8Array;
      if (e.method === 0) member = data.slice();
      else if (
        data.length <= FAST_PATH_MAX_INPUT &&
        fastWork + data.length * MAX_RATIO <= FAST_PATH_WORK
      ) {
        fastWork += data.length * MAX_RATIO;
        member = inflateSmall(e, data);
      } else member = inflateStreaming(e, data, budget, limits);
      budget -= member.length;
      members.set(e.name, member);
    }
    return { ok: true, members };
  } catch (e) {
    if (e instanceof LimitError) return { ok: false, code: e.code, error: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      code: 'zip-corrupt',
      error: `The file is truncated or corrupt: it cannot be read as a zip archive (${detail}).`,
    };
  }
}
