/** Display formatting of the predictor's quantities (all inputs in SI units). */

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 100) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(3)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function formatSeconds(s: number): string {
  return formatMs(s * 1000);
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? r.toFixed(3) : '—';
}

/** A fraction as a percentage, e.g. 0.256 → "25.6 %". */
export function formatPercent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}
