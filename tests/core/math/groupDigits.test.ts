import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../core/math/groupDigits';

describe('groupDigits', () => {
  it('writes thousands separators as en-US does', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(65536)).toBe('65,536');
    expect(groupDigits(262144)).toBe('262,144');
    expect(groupDigits(1000000)).toBe('1,000,000');
    expect(groupDigits(-1234567)).toBe('-1,234,567');
    expect(groupDigits(1.5)).toBe('1.5');
  });
});
