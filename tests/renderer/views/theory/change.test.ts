import { describe, expect, it } from 'vitest';
import {
  changeOf,
  formatChange,
  formatPoints,
  movement,
} from '../../../../renderer/src/views/theory/change';

describe('Theory view sign convention', () => {
  it('a ratio above 1 is a rise with a plus sign, below 1 a fall with a true minus', () => {
    expect(formatChange(changeOf(2.23))).toBe('+123.0 %');
    expect(formatChange(changeOf(0.6))).toBe('−40.0 %');
    expect(formatChange(changeOf(1.324), 0)).toBe('+32 %');
    expect(movement(changeOf(1.324))).toBe('rises');
    expect(movement(changeOf(0.6))).toBe('falls');
  });

  it('a change that rounds to zero has no sign and stays level', () => {
    expect(formatChange(0.0004)).toBe('0.0 %');
    expect(formatChange(-0.0004)).toBe('0.0 %');
    expect(movement(0.004)).toBe('stays level');
    expect(formatPoints(-0.0001)).toBe('0.0 pt');
  });

  it('differences in points carry their own sign', () => {
    expect(formatPoints(0.085)).toBe('+8.5 pt');
    expect(formatPoints(-0.2)).toBe('−20.0 pt');
  });
});
