import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  validateJsonObjectBytes,
  validateJsonObjectText,
  validateMaskDump,
} from '../../../../electron/main/lib/documentCheck';

/** A minimal .npy v1.0 file: header padded to 64 bytes, then `data` as uint8. */
function npy(shape: string, data: number[]): Uint8Array {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': ${shape}, }`;
  header = header.padEnd(64 - 10 - 1, ' ') + '\n';
  const bytes = new Uint8Array(10 + header.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
  bytes.set(new TextEncoder().encode(header), 10);
  bytes.set(data, 10 + header.length);
  return bytes;
}

describe('validateJsonObjectText', () => {
  it('accepts any JSON object, even one that is not a configuration', () => {
    expect(validateJsonObjectText('{"anything":1}')).toBeNull();
  });
  it('calls truncated JSON, arrays and scalars damaged', () => {
    expect(validateJsonObjectText('{"a":')).toMatch(/^not valid JSON/);
    expect(validateJsonObjectText('[1]')).toBe('not a JSON object');
    expect(validateJsonObjectText('null')).toBe('not a JSON object');
  });
  it('decodes bytes leniently (invalid UTF-8 inside a string is not damage)', () => {
    expect(
      validateJsonObjectBytes(
        new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      ),
    ).toBeNull();
  });
});

describe('validateMaskDump', () => {
  it('accepts a zip of readable .npy arrays', () => {
    const dump = zipSync({
      'stage1/0/spatial.npy': npy('(2, 2)', [1, 0, 0, 1]),
      'manifest.json': new Uint8Array([123, 125]),
    });
    expect(validateMaskDump(dump)).toBeNull();
  });
  it('names what is damaged', () => {
    expect(validateMaskDump(new TextEncoder().encode('hello'))).toBe('not a zip (.npz) file');
    const truncated = zipSync({ 'a.npy': npy('(4,)', [1, 1, 1, 1]) }).slice(0, 40);
    expect(validateMaskDump(truncated)).toMatch(/truncated or corrupt/);
    const badArray = zipSync({ 'a.npy': npy('(4,)', [1, 1]) });
    expect(validateMaskDump(badArray)).toMatch(/^a\.npy: /);
  });
});
