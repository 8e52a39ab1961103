/** The batch pool's layout: two one-thread workers by default, or what the override says. */
import { describe, expect, it } from 'vitest';
import { batchLayout } from '../../../../renderer/src/live/batch/batchLayout';

describe('batchLayout', () => {
  it('uses two workers of one thread on two cores, one on a single core', () => {
    expect(batchLayout({ isolated: true, cores: 2, override: null })).toEqual({
      workers: 2,
      threads: 1,
    });
    expect(batchLayout({ isolated: true, cores: 1, override: null })).toEqual({
      workers: 1,
      threads: 1,
    });
  });

  it('follows an override: off, or workers:threads (threads only where isolated)', () => {
    expect(batchLayout({ isolated: true, cores: 2, override: 'off' })).toBeNull();
    expect(batchLayout({ isolated: true, cores: 2, override: '1:2' })).toEqual({
      workers: 1,
      threads: 2,
    });
    expect(batchLayout({ isolated: false, cores: 8, override: '3:2' })).toEqual({
      workers: 3,
      threads: 1,
    });
  });

  it('ignores an override it cannot read and uses the default', () => {
    for (const override of ['two', '0:1', '2:0', '99:1', ''])
      expect(batchLayout({ isolated: true, cores: 2, override })).toEqual({
        workers: 2,
        threads: 1,
      });
  });
});
