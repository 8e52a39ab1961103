import { describe, expect, it } from 'vitest';
import { keepMax } from '../../../../renderer/src/charts/svg';

describe('keepMax', () => {
  it('keeps the drawn top while the data fit under it and reach half of it', () => {
    expect(keepMax(1.6, 1.4)).toBe(1.6);
    expect(keepMax(1.6, 0.8)).toBe(1.6);
  });
  it('takes the data’s top when they outgrow it, shrink under half, or nothing is drawn', () => {
    expect(keepMax(1.6, 1.8)).toBe(1.8);
    expect(keepMax(1.6, 0.6)).toBe(0.6);
    expect(keepMax(null, 1.4)).toBe(1.4);
  });
});
