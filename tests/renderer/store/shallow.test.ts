import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/vanilla/shallow';
import { renderHook } from '@testing-library/react';
import { sameShallow, useShallow } from '../../../renderer/src/store/shallow';

const shared = { a: 1 };
const arr = [1, 2];

/** Pairs with the answer zustand's shallow gives (and the one written here). */
const cases: [string, unknown, unknown, boolean][] = [
  ['same reference', shared, shared, true],
  ['equal flat objects', { a: 1, b: 'x', c: shared }, { a: 1, b: 'x', c: shared }, true],
  ['keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
  ['a value differs', { a: 1, b: 2 }, { a: 1, b: 3 }, false],
  ['nested objects by reference', { c: { a: 1 } }, { c: { a: 1 } }, false],
  ['an extra key', { a: 1 }, { a: 1, b: undefined }, false],
  ['a missing key', { a: 1, b: undefined }, { a: 1 }, false],
  ['same count, other keys', { a: undefined }, { b: undefined }, false],
  ['NaN equals NaN', { a: NaN }, { a: NaN }, true],
  ['0 and -0 differ', { a: 0 }, { a: -0 }, false],
  ['equal arrays', [1, 'a', shared], [1, 'a', shared], true],
  ['arrays of other lengths', [1, 2], [1, 2, 3], false],
  ['arrays, one element differs', [1, 2], [1, 3], false],
  ['array and object', [1], { 0: 1 }, false],
  ['array in an object by reference', { arr }, { arr }, true],
  ['null against an object', null, {}, false],
  ['undefined against undefined', undefined, undefined, true],
  ['primitives', 3, 3, true],
  ['other primitives', 3, '3', false],
  ['equal Maps', new Map([['a', 1]]), new Map([['a', 1]]), true],
  ['other Maps', new Map([['a', 1]]), new Map([['a', 2]]), false],
  ['equal Sets', new Set([1, 2]), new Set([1, 2]), true],
  [
    'null-prototype objects',
    Object.assign(Object.create(null), { a: 1 }),
    Object.assign(Object.create(null), { a: 1 }),
    true,
  ],
  ['other prototypes', Object.create({ p: 1 }), {}, false],
];

describe('sameShallow', () => {
  it.each(cases)('%s', (_what, a, b, want) => {
    expect(sameShallow(a, b)).toBe(want);
    expect(sameShallow(b, a)).toBe(want);
    // The same answer as zustand's own shallow, which it replaces.
    expect(shallow(a, b)).toBe(want);
  });
});

describe('useShallow', () => {
  it('gives back the previous object while the selection is shallowly equal, a new one otherwise', () => {
    const { result } = renderHook(() =>
      useShallow((s: { a: number; b: number }) => ({ a: s.a, sum: s.a + s.b })),
    );
    const select = result.current;
    const first = select({ a: 1, b: 2 });
    expect(select({ a: 1, b: 2 })).toBe(first);
    expect(select({ a: 0, b: 3 })).toEqual({ a: 0, sum: 3 });
    const moved = select({ a: 0, b: 3 });
    expect(moved).not.toBe(first);
    expect(select({ a: 0, b: 3 })).toBe(moved);
  });
});
