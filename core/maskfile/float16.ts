/**
 * IEEE 754 half-precision conversion. Logits are stored as float16 (spec §7) and JavaScript has no
 * Float16Array in every runtime we target (Node 20, older Chromium workers), so we decode by table.
 */

let table: Float32Array | null = null;

function halfBitsToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** A 65,536-entry lookup table: decoding a dump's logits is then one load per value. */
function halfTable(): Float32Array {
  if (table) return table;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) t[h] = halfBitsToFloat(h);
  table = t;
  return t;
}

/**
 * Decodes `count` float16 values starting at byte `offset` of `bytes` (little-endian unless
 * `bigEndian`). The caller guarantees `offset + 2·count ≤ bytes.length`.
 */
export function decodeFloat16(
  bytes: Uint8Array,
  offset: number,
  count: number,
  bigEndian = false,
): Float32Array {
  const t = halfTable();
  const out = new Float32Array(count);
  for (let i = 0, p = offset; i < count; i++, p += 2) {
    const lo = bytes[bigEndian ? p + 1 : p] as number;
    const hi = bytes[bigEndian ? p : p + 1] as number;
    out[i] = t[lo | (hi << 8)] as number;
  }
  return out;
}

/** float32 → float16 bits, round to nearest even; overflow saturates to ±Infinity like numpy. */
export function floatToHalfBits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === Infinity || a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -25) return sign;
  if (a < 2 ** -14) {
    // Subnormal: the value in units of 2^-24, rounded half to even.
    return sign | roundHalfEvenInt(a * 2 ** 24);
  }
  let exponent = Math.floor(Math.log2(a));
  // log2 can be off by one ulp near powers of two.
  if (2 ** exponent > a) exponent--;
  else if (2 ** (exponent + 1) <= a) exponent++;
  let mantissa = roundHalfEvenInt((a / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent++;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | mantissa;
}

function roundHalfEvenInt(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Encodes values as little-endian float16 bytes. */
export function encodeFloat16(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const h = floatToHalfBits(values[i] as number);
    out[2 * i] = h & 0xff;
    out[2 * i + 1] = h >> 8;
  }
  return out;
}
