import { describe, expect, it } from 'vitest';
import { growDomain, keepDomain } from '../../../../renderer/src/views/theory/theoryGeometry';

describe('keepDomain', () => {
  it('starts from the points’ domain with 10 points of headroom on each side', () => {
    expect(keepDomain(null, [-50, 10])).toEqual([-60, 20]);
  });

  it('keeps the drawn domain while it holds every point', () => {
    expect(keepDomain([-60, 20], [-50, 20])).toEqual([-60, 20]);
    // 40 of 80 points of span: half, still kept.
    expect(keepDomain([-60, 20], [-40, 0])).toEqual([-60, 20]);
  });

  it('stretches only the side a point leaves, with headroom', () => {
    expect(keepDomain([-60, 20], [-40, 30])).toEqual([-60, 40]);
    expect(keepDomain([-60, 20], [-70, 0])).toEqual([-80, 20]);
  });

  it('starts again from the points when they would span under half of it', () => {
    // Drawn 100 wide, points 30 wide.
    expect(keepDomain([-80, 20], [-30, 0])).toEqual([-40, 10]);
  });
});

describe('growDomain (during a drag)', () => {
  it('starts from the points like keepDomain and stretches a side a point leaves', () => {
    expect(growDomain(null, [-50, 10])).toEqual([-60, 20]);
    expect(growDomain([-60, 20], [-40, 30])).toEqual([-60, 40]);
    expect(growDomain([-60, 20], [-70, 0])).toEqual([-80, 20]);
  });

  it('never narrows, where keepDomain would start again from the points', () => {
    expect(keepDomain([-80, 20], [-30, 0])).toEqual([-40, 10]);
    expect(growDomain([-80, 20], [-30, 0])).toEqual([-80, 20]);
  });
});
