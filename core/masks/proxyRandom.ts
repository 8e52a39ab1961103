/**
 * Seeded, platform-independent randomness for proxy layer gates and channel groups: the same seed and
 * block key give the same decisions in a worker, the CLI and tests.
 */

/** 32-bit FNV-1a hash of a string mixed with a seed. */
export function hashKey(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small, well-mixed 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random permutation of 0…n−1 (Fisher–Yates) drawn from `seed` and `key`. */
export function seededPermutation(seed: number, key: string, n: number): Int32Array {
  const rng = mulberry32(hashKey(seed, key));
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}

/** One uniform draw in [0, 1) for `key`. */
export function seededUniform(seed: number, key: string): number {
  return mulberry32(hashKey(seed, key))();
}
