import { describe, expect, it } from 'vitest';
import { estimatePayloadBytes } from '../../../../electron/main/lib/payloadSize';

describe('estimatePayloadBytes', () => {
  it('counts string length, byte length and keys', () => {
    expect(estimatePayloadBytes(undefined)).toBe(0);
    expect(estimatePayloadBytes('abcd')).toBe(4);
    expect(estimatePayloadBytes(new Uint8Array(1000))).toBe(1000);
    expect(estimatePayloadBytes({ text: 'abc' })).toBe(4 + 3);
    expect(estimatePayloadBytes([1, true, null])).toBe(8 + 1 + 0);
  });

  it('counts a shared or cyclic object once and terminates', () => {
    const a: Record<string, unknown> = { s: 'xx' };
    a.self = a;
    expect(estimatePayloadBytes(a)).toBe(1 + 2 + 4);
  });

  it('calls absurdly deep or wide payloads infinite', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(estimatePayloadBytes(deep)).toBe(Infinity);
    expect(estimatePayloadBytes(new Array(200_000).fill(0))).toBe(Infinity);
  });
});
