/**
 * Hand-built hostile zip archives for tests, benchmarks and the fuzzer: deflate bombs whose members
 * lie about their size, members overlapping each other, and thousands of directory entries sharing
 * one compressed stream. Everything is built byte by byte here (no zip library), so the archives
 * can say things a well-behaved writer never would.
 */

/** Writes bits least-significant first, as deflate packs them; zero bits are just skipped. */
class BitWriter {
  private bit = 0;
  constructor(readonly out: Uint8Array) {}
  /** Writes `n` bits of `value`, lowest first (header fields, extra bits). */
  bits(value: number, n: number): void {
    for (let i = 0; i < n; i++) {
      if ((value >>> i) & 1) this.out[this.bit >> 3]! |= 1 << (this.bit & 7);
      this.bit++;
    }
  }
  /** Writes a Huffman code given as a string of bits, most significant first. */
  code(bits: string): void {
    for (const b of bits) this.bits(b === '1' ? 1 : 0, 1);
  }
  zeros(n: number): void {
    this.bit += n;
  }
  get length(): number {
    return (this.bit + 7) >> 3;
  }
}

/**
 * A raw deflate stream inflating to `1 + 258·copies` zero bytes: one dynamic-Huffman block whose
 * length-258 / distance-1 pair costs two bits, so it expands about 1,032 times (the format's
 * limit). The bulk of the stream is zero bytes.
 */
export function deflateBomb(copies: number): Uint8Array {
  const out = new Uint8Array(64 + Math.ceil((copies * 2) / 8));
  const w = new BitWriter(out);
  w.bits(1, 1); // BFINAL
  w.bits(2, 2); // dynamic Huffman
  w.bits(29, 5); // 286 literal/length codes
  w.bits(1, 5); // 2 distance codes
  w.bits(14, 4); // 18 code-length codes
  // Code-length code lengths in the format's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1:
  // symbol 18 gets 1 bit, symbols 1 and 2 get 2 bits.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLen: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const s of order) w.bits(clLen[s] ?? 0, 3);
  const cl = { 18: '0', 1: '10', 2: '11' } as const;
  const zerosRun = (n: number) => {
    w.code(cl[18]);
    w.bits(n - 11, 7);
  };
  // Literal/length lengths: 0 → 2 bits, 256 → 2 bits, 285 → 1 bit; distances 0 and 1 → 1 bit.
  w.code(cl[2]);
  zerosRun(138);
  zerosRun(117);
  w.code(cl[2]);
  zerosRun(28);
  w.code(cl[1]);
  w.code(cl[1]);
  w.code(cl[1]);
  // Canonical codes: 285 = 0, literal 0 = 10, end of block = 11; distance 0 = 0.
  w.code('10');
  w.zeros(copies * 2);
  w.code('11');
  return out.slice(0, w.length);
}

export interface RawMember {
  name: string;
  /** The bytes as stored in the archive (already compressed for method 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers claim. */
  declaredSize: number;
}

const enc = new TextEncoder();

function localHeader(m: RawMember): Uint8Array {
  const name = enc.encode(m.name);
  const h = new Uint8Array(30 + name.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(8, m.method, true);
  v.setUint32(18, m.data.length, true);
  v.setUint32(22, m.declaredSize, true);
  v.setUint16(26, name.length, true);
  h.set(name, 30);
  return h;
}

/** A central-directory entry; with `zip64`, sizes and offset move into a zip64 extra field. */
function centralEntry(m: RawMember, offset: number, zip64 = false): Uint8Array {
  const name = enc.encode(m.name);
  const h = new Uint8Array(46 + name.length + (zip64 ? 28 : 0));
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint16(10, m.method, true);
  v.setUint32(20, m.data.length, true);
  v.setUint32(24, m.declaredSize, true);
  v.setUint16(28, name.length, true);
  v.setUint32(42, offset, true);
  h.set(name, 46);
  if (zip64) {
    v.setUint32(20, 0xffffffff, true);
    v.setUint32(24, 0xffffffff, true);
    v.setUint32(42, 0xffffffff, true);
    v.setUint16(30, 28, true);
    const x = 46 + name.length;
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 24, true);
    v.setBigUint64(x + 4, BigInt(m.declaredSize), true);
    v.setBigUint64(x + 12, BigInt(m.data.length), true);
    v.setBigUint64(x + 20, BigInt(offset), true);
  }
  return h;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function endRecord(count: number, dirSize: number, dirOffset: number): Uint8Array {
  const h = new Uint8Array(22);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, dirSize, true);
  v.setUint32(16, dirOffset, true);
  return h;
}

/**
 * A zip of `members` laid out in order. `directory` lists what the central directory says: by
 * default one entry per member at its own offset; pass entries to point names at any member.
 */
export function buildZip(
  members: RawMember[],
  directory?: { member: number; name?: string }[],
  zip64 = false,
): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const m of members) {
    offsets.push(at);
    const local = localHeader(m);
    parts.push(local, m.data);
    at += local.length + m.data.length;
  }
  const entries: { member: number; name?: string }[] =
    directory ?? members.map((_, i) => ({ member: i }));
  const dir = entries.map((d) =>
    centralEntry(
      { ...members[d.member]!, name: d.name ?? members[d.member]!.name },
      offsets[d.member]!,
      zip64,
    ),
  );
  const dirBytes = concat(dir);
  return concat([...parts, dirBytes, endRecord(dir.length, dirBytes.length, at)]);
}

/** About 1 MB on disk; one member says it holds 1,000 bytes and inflates to about 1 GB. */
export function lyingSizeZip(compressedBytes = 1_000_000): Uint8Array {
  const data = deflateBomb(compressedBytes * 4);
  return buildZip([{ name: 'padding.npy', data, method: 8, declaredSize: 1000 }]);
}

/** `count` directory entries, each a different name, all pointing at one deflate bomb. */
export function sharedStreamZip(count = 4000): Uint8Array {
  const data = deflateBomb(64);
  const names = Array.from({ length: count }, (_, i) => ({ member: 0, name: `m${i}.npy` }));
  return buildZip([{ name: 'm.npy', data, method: 8, declaredSize: 1 + 64 * 258 }], names);
}

/** A stored member whose bytes contain a second, complete member: the two ranges overlap. */
export function overlappingZip(): Uint8Array {
  const inner: RawMember = {
    name: 'inner.npy',
    data: enc.encode('x'.repeat(64)),
    method: 0,
    declaredSize: 64,
  };
  const innerRecord = concat([localHeader(inner), inner.data]);
  const outer: RawMember = {
    name: 'outer.npy',
    data: innerRecord,
    method: 0,
    declaredSize: innerRecord.length,
  };
  const zip = buildZip([outer]);
  // Re-point: the directory gains a second entry at the inner record's offset (just past the
  // outer local header).
  const outerHeader = 30 + enc.encode(outer.name).length;
  const dir = concat([centralEntry(outer, 0), centralEntry(inner, outerHeader)]);
  const body = zip.subarray(0, outerHeader + innerRecord.length);
  return concat([body, dir, endRecord(2, dir.length, body.length)]);
}

/** Two members under one name. */
export function duplicateNameZip(): Uint8Array {
  const m = (text: string): RawMember => ({
    name: 'manifest.json',
    data: enc.encode(text),
    method: 0,
    declaredSize: text.length,
  });
  return buildZip([m('{"a":1}'), m('{"a":2}')]);
}
