/** Integer helpers shared by the configuration, the predictor, the mask reader and the UI. */

/**
 * Positive divisors of `n` in ascending order, in O(√n): each divisor d ≤ √n pairs with n / d.
 * The one function for "which granularities tile a side" and "which group sizes divide a width".
 * @param n a positive integer; anything else (0, negative, fractional, NaN, ∞) has no divisors: `[]`.
 */
export function divisors(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 1) return [];
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    small.push(d);
    if (d * d !== n) large.push(n / d);
  }
  return small.concat(large.reverse());
}
