import { describe, expect, it } from 'vitest';
import { decodeFloat16, encodeFloat16, floatToHalfBits } from '../../../core/maskfile/float16';
import { npyFloat16Values, parseNpy, writeNpy } from '../../../core/maskfile/npy';

/** A .npy file laid out by hand from the format description (magic, version, header length, header, data). */
function handMadeNpy(header: string, data: number[], version = 1): Uint8Array {
  const headerBytes = Array.from(header, (c) => c.charCodeAt(0));
  const prefix =
    version === 1
      ? [0x93, 78, 85, 77, 80, 89, 1, 0, headerBytes.length & 0xff, headerBytes.length >> 8]
      : [0x93, 78, 85, 77, 80, 89, 2, 0, headerBytes.length & 0xff, headerBytes.length >> 8, 0, 0];
  return Uint8Array.from([...prefix, ...headerBytes, ...data]);
}

describe('parseNpy', () => {
  it('reads a hand-made uint8 array', () => {
    const r = parseNpy(
      handMadeNpy(
        "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }\n",
        [0, 1, 1, 0, 0, 1],
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.array.dtype).toBe('uint8');
    expect(r.array.shape).toEqual([2, 3]);
    expect(Array.from(r.array.bytes)).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('reads version 2 headers and 1-d shapes', () => {
    const r = parseNpy(
      handMadeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }", [1, 0, 1, 1], 2),
    );
    expect(r.ok && r.array.shape).toEqual([4]);
  });

  it('decodes little- and big-endian float16', () => {
    // 1.0 = 0x3c00, -2.0 = 0xc000
    const le = parseNpy(
      handMadeNpy(
        "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
        [0x00, 0x3c, 0x00, 0xc0],
      ),
    );
    const be = parseNpy(
      handMadeNpy(
        "{'descr': '>f2', 'fortran_order': False, 'shape': (2,), }",
        [0x3c, 0x00, 0xc0, 0x00],
      ),
    );
    expect(le.ok && Array.from(npyFloat16Values(le.array))).toEqual([1, -2]);
    expect(be.ok && Array.from(npyFloat16Values(be.array))).toEqual([1, -2]);
  });

  it('names bool arrays as bool', () => {
    const r = parseNpy(
      handMadeNpy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", [1, 0]),
    );
    expect(r.ok && r.array.dtype).toBe('bool');
  });

  it.each([
    ['short input', new Uint8Array(5), 'too short'],
    ['no magic', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'signature'],
    ['version 9', Uint8Array.from([0x93, 78, 85, 77, 80, 89, 9, 0, 0, 0]), 'version 9'],
    [
      'truncated data',
      handMadeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 3), }", [1, 1]),
      'truncated (2 of 9 bytes)',
    ],
    [
      'extra data',
      handMadeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", [1, 1]),
      '1 bytes after',
    ],
    [
      'unknown dtype',
      handMadeNpy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", []),
      'dtype <c16',
    ],
    ['no shape', handMadeNpy("{'descr': '|u1', 'fortran_order': False}", []), 'no shape'],
    [
      'bad shape entry',
      handMadeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (x,), }", []),
      '"x"',
    ],
    [
      'fortran order',
      handMadeNpy("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 2), }", [1, 0, 1, 0]),
      'Fortran',
    ],
    [
      'header beyond file',
      Uint8Array.from([0x93, 78, 85, 77, 80, 89, 1, 0, 0xff, 0x00]),
      'header is truncated',
    ],
  ])('rejects %s with a reason', (_label, bytes, reason) => {
    const r = parseNpy(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it('does not allocate for absurd shapes', () => {
    const r = parseNpy(
      handMadeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999, 99999999), }", [1]),
    );
    expect(r.ok).toBe(false);
  });
});

describe('writeNpy', () => {
  it('lays the header out like numpy (64-byte aligned, ends in newline)', () => {
    const bytes = writeNpy({ dtype: 'uint8', shape: [1, 14, 14], data: new Uint8Array(196) });
    const headerLength = (bytes[8] as number) | ((bytes[9] as number) << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
    expect(
      header.startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 14, 14), }"),
    ).toBe(true);
    expect(header.endsWith('\n')).toBe(true);
    expect(bytes.length).toBe(10 + headerLength + 196);
  });

  it('round-trips every writable dtype', () => {
    for (const dtype of ['uint8', 'bool', 'float16', 'float32'] as const) {
      const r = parseNpy(writeNpy({ dtype, shape: [3], data: [0, 1, 1] }));
      expect(r.ok && r.array.dtype).toBe(dtype);
      expect(r.ok && r.array.shape).toEqual([3]);
    }
    const f = parseNpy(writeNpy({ dtype: 'float16', shape: [3], data: [0.5, -1.25, 3] }));
    expect(f.ok && Array.from(npyFloat16Values(f.array))).toEqual([0.5, -1.25, 3]);
  });
});

describe('float16', () => {
  it('decodes the classic bit patterns', () => {
    const bits = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x7c00, 0xfc00, 0x0000, 0x3555];
    const bytes = new Uint8Array(bits.flatMap((b) => [b & 0xff, b >> 8]));
    const v = decodeFloat16(bytes, 0, bits.length);
    expect(Array.from(v.subarray(0, 8))).toEqual([
      1,
      -2,
      65504,
      2 ** -24,
      2 ** -14,
      Infinity,
      -Infinity,
      0,
    ]);
    expect(v[8]).toBeCloseTo(0.33325, 5);
    expect(Number.isNaN(decodeFloat16(Uint8Array.of(0x01, 0x7c), 0, 1)[0])).toBe(true);
  });

  it('encodes with round-half-to-even and saturation', () => {
    expect(floatToHalfBits(1)).toBe(0x3c00);
    expect(floatToHalfBits(1 / 3)).toBe(0x3555);
    expect(floatToHalfBits(2049)).toBe(floatToHalfBits(2048)); // tie between 2048 and 2050 → even
    expect(floatToHalfBits(2051)).toBe(floatToHalfBits(2052));
    expect(floatToHalfBits(1e6)).toBe(0x7c00);
    expect(floatToHalfBits(-1e6)).toBe(0xfc00);
    expect(floatToHalfBits(2 ** -24)).toBe(0x0001);
    expect(floatToHalfBits(65504)).toBe(0x7bff);
  });

  it('round-trips all finite halves', () => {
    const all = new Uint8Array(65536 * 2);
    for (let h = 0; h < 65536; h++) {
      all[2 * h] = h & 0xff;
      all[2 * h + 1] = h >> 8;
    }
    const values = decodeFloat16(all, 0, 65536);
    const again = encodeFloat16(values);
    let mismatches = 0;
    for (let h = 0; h < 65536; h++) {
      const exponent = (h >> 10) & 0x1f;
      if (exponent === 0x1f) continue; // Inf/NaN
      if (again[2 * h] !== all[2 * h] || again[2 * h + 1] !== all[2 * h + 1]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
