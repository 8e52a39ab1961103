/** Milliseconds with five significant digits, as the paper and the spec quote them (2.2036, 44.385). */
export function formatMsPrecise(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 100) return `${ms.toFixed(2)} ms`;
  if (ms >= 10) return `${ms.toFixed(3)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(4)} ms`;
  return `${(ms * 1000).toFixed(2)} µs`;
}

/** A latency ratio to static, three decimals. */
export function formatRatio3(r: number): string {
  return Number.isFinite(r) ? r.toFixed(3) : '—';
}
