/**
 * The Theory view's one sign convention: every figure is a change against the static network, signed
 * as it moves: "latency +12.0 %" when it rises, "FLOPs −40.0 %" when they fall. Banner, chart and table
 * all format through here, so a rise is never described as a smaller fall.
 */

/** The change of a dynamic/static ratio: ratio − 1 (negative: the dynamic network costs less). */
export function changeOf(ratio: number): number {
  return ratio - 1;
}

/** A signed percentage with a true minus sign ("−40.0 %", "+12.0 %", "0.0 %" when it rounds to zero). */
export function formatChange(change: number, digits = 1): string {
  const text = Math.abs(change * 100).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)} %`;
  return `${change < 0 ? '−' : '+'}${text} %`;
}

/** A reduction (1 − ratio) shown as the signed change the whole view uses. */
export function asChange(reduction: number): string {
  return formatChange(-reduction);
}

/** A signed difference of two changes in percentage points ("+8.5 pt"). */
export function formatPoints(diff: number, digits = 1): string {
  const text = Math.abs(diff * 100).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)} pt`;
  return `${diff < 0 ? '−' : '+'}${text} pt`;
}

/** The verb for a change: "rises", "falls" or "stays level". */
export function movement(change: number, digits = 0): 'rises' | 'falls' | 'stays level' {
  if (Number(Math.abs(change * 100).toFixed(digits)) === 0) return 'stays level';
  return change > 0 ? 'rises' : 'falls';
}
