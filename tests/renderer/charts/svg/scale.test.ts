import { describe, expect, it } from 'vitest';
import { bandScale, linearScale, logScale } from '../../../../renderer/src/charts/svg/scale';

describe('linearScale', () => {
  it('maps the domain onto a reversed range (a y axis) and back', () => {
    const y = linearScale([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(2.5)).toBe(75);
    expect(y(10)).toBe(0);
    expect(y(12)).toBe(-20);
    expect(y.invert(25)).toBe(7.5);
  });

  it('maps a negative domain', () => {
    const x = linearScale([-40, 20], [72, 372]);
    expect(x(-40)).toBe(72);
    expect(x(0)).toBe(272);
    expect(x(20)).toBe(372);
  });

  it('puts every value of a flat domain in the middle of the range', () => {
    const x = linearScale([3, 3], [0, 50]);
    expect(x(3)).toBe(25);
    expect(x(100)).toBe(25);
  });
});

describe('logScale', () => {
  it('spaces decades evenly', () => {
    const x = logScale([1, 1000], [0, 300]);
    expect(x(1)).toBeCloseTo(0, 12);
    expect(x(10)).toBeCloseTo(100, 12);
    expect(x(100)).toBeCloseTo(200, 12);
    expect(x(1000)).toBeCloseTo(300, 12);
    expect(x.invert(150)).toBeCloseTo(Math.sqrt(1000), 9);
  });

  it('puts zero and negative values at the start of the range', () => {
    const x = logScale([0.1, 10], [50, 250]);
    expect(x(0)).toBe(50);
    expect(x(-3)).toBe(50);
  });

  it('refuses a domain that is not positive, naming it', () => {
    expect(() => logScale([0, 10], [0, 1])).toThrow(
      'A log scale needs a positive domain; found [0, 10].',
    );
  });
});

describe('bandScale', () => {
  it('lays out bands with inner and outer padding', () => {
    // Step = 100 / (4 − 0.2 + 2 × 0.1) = 25; bands 20 wide, the first starting at 2.5.
    const b = bandScale(4, [0, 100], 0.2, 0.1);
    expect(b.step).toBe(25);
    expect(b.bandwidth).toBe(20);
    expect(b.start(0)).toBe(2.5);
    expect(b.start(1)).toBe(27.5);
    expect(b.center(3)).toBe(87.5);
  });

  it('finds the band under a pixel, gaps split between neighbours', () => {
    const b = bandScale(4, [0, 100], 0.2, 0.1);
    expect(b.indexAt(0)).toBe(0);
    expect(b.indexAt(24.9)).toBe(0);
    expect(b.indexAt(25.1)).toBe(1);
    expect(b.indexAt(99.9)).toBe(3);
    expect(b.indexAt(100.1)).toBe(-1);
    expect(b.indexAt(-0.1)).toBe(-1);
  });

  it('has no band when there are no categories', () => {
    const b = bandScale(0, [0, 100]);
    expect(b.count).toBe(0);
    expect(b.indexAt(50)).toBe(-1);
  });

  it('defaults to bands that touch', () => {
    const b = bandScale(5, [18, 288]);
    expect(b.step).toBe(54);
    expect(b.bandwidth).toBe(54);
    expect(b.center(0)).toBe(45);
  });
});
