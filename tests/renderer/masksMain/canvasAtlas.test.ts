import { describe, expect, it } from 'vitest';
import { runs } from '../../../renderer/src/masksMain/canvasAtlas';

describe('runs', () => {
  it('groups ascending indices into runs of consecutive ones', () => {
    expect(runs([])).toEqual([]);
    expect(runs([4])).toEqual([[4, 5]]);
    expect(runs([0, 1, 2, 5, 6, 9])).toEqual([
      [0, 3],
      [5, 7],
      [9, 10],
    ]);
  });
});
