/**
 * A cheap upper-bound estimate of an IPC argument's size, computed before zod sees it so a
 * renderer cannot make main walk or copy a huge structure. Strings count one byte per UTF-16 code
 * unit (exact for ASCII, which is what configurations are), binary counts its byteLength.
 */

/** Stop walking once this many values were visited: a payload that wide is rejected anyway. */
const MAX_NODES = 100_000;

/**
 * Estimated payload size in bytes; `Infinity` when the structure is too wide or too deep to be
 * a legitimate request (so the size check rejects it).
 */
export function estimatePayloadBytes(value: unknown, maxDepth = 16): number {
  let nodes = 0;
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): number => {
    if (++nodes > MAX_NODES || depth > maxDepth) return Infinity;
    if (v === null || v === undefined) return 0;
    switch (typeof v) {
      case 'string':
        return v.length;
      case 'number':
      case 'bigint':
        return 8;
      case 'boolean':
        return 1;
      case 'object':
        break;
      default:
        return 0;
    }
    if (ArrayBuffer.isView(v)) return v.byteLength;
    if (v instanceof ArrayBuffer) return v.byteLength;
    // Structured clone can carry cycles; count each object once.
    if (seen.has(v)) return 0;
    seen.add(v);
    let total = 0;
    if (Array.isArray(v)) {
      for (const item of v) total += visit(item, depth + 1);
      return total;
    }
    if (v instanceof Map || v instanceof Set) {
      for (const item of v) total += visit(item, depth + 1);
      return total;
    }
    for (const [key, item] of Object.entries(v)) total += key.length + visit(item, depth + 1);
    return total;
  };
  return visit(value, 0);
}
