import { describe, expect, it } from 'vitest';
import { sameFields } from '../../renderer/src/sameFields';

describe('sameFields', () => {
  const shared = { side: 4 };
  it('compares every field but the skipped ones, objects by reference', () => {
    const skip = new Set(['rate']);
    expect(sameFields({ a: 1, o: shared, rate: 0.2 }, { a: 1, o: shared, rate: 0.9 }, skip)).toBe(
      true,
    );
    expect(sameFields({ a: 1, o: shared }, { a: 1, o: { side: 4 } }, skip)).toBe(false);
    expect(sameFields({ a: 1, rate: 0.2 }, { a: 2, rate: 0.2 }, skip)).toBe(false);
    expect(sameFields({ a: 1, rate: 0.2 }, { a: 1, rate: 0.9 }, null)).toBe(false);
  });

  it('tells a field one side lacks, skipped ones aside', () => {
    const skip = new Set(['rate']);
    expect(sameFields({ a: 1 }, { a: 1, b: undefined }, skip)).toBe(false);
    expect(sameFields({ a: 1, b: 2 }, { a: 1 }, skip)).toBe(false);
    expect(sameFields({ a: 1 }, { a: 1, rate: 0.5 }, skip)).toBe(true);
  });
});
