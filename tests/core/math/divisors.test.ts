import { describe, expect, it } from 'vitest';
import { divisors } from '../../../core/math/divisors';

/** Every d in 1…n that divides n: the definition, checked independently of the O(√n) walk. */
function bruteForce(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

describe('divisors', () => {
  it('lists the divisors of the feature-map sides and widths the models use', () => {
    expect(divisors(56)).toEqual([1, 2, 4, 7, 8, 14, 28, 56]);
    expect(divisors(7)).toEqual([1, 7]);
    expect(divisors(1)).toEqual([1]);
    expect(divisors(49)).toEqual([1, 7, 49]);
    expect(divisors(64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  it('agrees with the definition for every n up to 3000 (squares and primes included)', () => {
    for (let n = 1; n <= 3000; n++) expect(divisors(n)).toEqual(bruteForce(n));
  });

  it('has no divisors for what is not a positive integer', () => {
    for (const n of [0, -4, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])
      expect(divisors(n)).toEqual([]);
  });
});
