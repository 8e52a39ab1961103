import { describe, expect, it } from 'vitest';
import { readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { arch, content } from './helpers';

/** xorshift32, so that a failing mutation can be replayed from its index. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

describe('readMaskDump under mutation', () => {
  // Stored members (no deflate) so that mutations hit headers and array bytes, not only compressed noise.
  const good = writeMaskDump({
    ...content(
      arch('resnet50'),
      ['spatial', 'both', 'channel', 'layer'],
      [4, 4, 2, 7],
      [2, 2, 2, 2],
    ),
    compress: false,
  });
  const compressed = writeMaskDump(
    content(
      arch('resnet50'),
      ['spatial', 'spatial', 'spatial', 'spatial'],
      [4, 4, 2, 1],
      [2, 2, 2, 2],
    ),
  );

  it('never throws, always answers ok or a message (600 mutations)', () => {
    const random = rng(12345);
    const codes = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const base = i % 2 === 0 ? good : compressed;
      let bytes = base.slice();
      const kind = i % 4;
      if (kind === 0) {
        for (let k = 0; k < 1 + Math.floor(random() * 8); k++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      } else if (kind === 1) {
        bytes = bytes.slice(0, Math.floor(random() * bytes.length));
      } else if (kind === 2) {
        // Corrupt a 4-byte field (sizes, offsets, counts) with an extreme value.
        const at = Math.floor(random() * (bytes.length - 4));
        bytes.set(random() < 0.5 ? [0xff, 0xff, 0xff, 0xff] : [0, 0, 0, 0x7f], at);
      } else {
        const at = Math.floor(random() * bytes.length);
        const len = Math.floor(random() * 64);
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + len)]);
      }
      let result: ReturnType<typeof readMaskDump> | undefined;
      expect(() => (result = readMaskDump(bytes)), `mutation ${i}`).not.toThrow();
      expect(result).toBeDefined();
      if (result && !result.ok) {
        expect(result.error.length).toBeGreaterThan(10);
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
      }
    }
    // The mutations reach more than the zip layer.
    expect(codes.size).toBeGreaterThanOrEqual(4);
  });
});
