/**
 * Issue 13: the short fixed-seed pass of `npm run fuzz` (the long pass is run by hand). Every
 * loader answers accepted or refused for every mutation; none throws.
 */
import { describe, expect, it } from 'vitest';
import { fuzzAll } from '../../scripts/fuzz/engine';

describe('npm run fuzz, short pass', () => {
  const report = fuzzAll({ runs: 150, seed: 20250301 });

  it.each(report.loaders.map((l) => [l.name, l] as const))('%s never crashes', (_name, l) => {
    expect(l.crashes).toEqual([]);
    expect(l.crashed).toBe(0);
    expect(l.accepted + l.refused).toBe(l.runs + (l.name === 'hostile zips' ? 0 : 1));
  });

  it('reaches both outcomes in every mutation-fuzzed loader, and refuses every hostile zip', () => {
    for (const l of report.loaders.filter((r) => r.name !== 'hostile zips')) {
      expect(l.accepted, l.name).toBeGreaterThan(0);
      expect(l.refused, l.name).toBeGreaterThan(0);
    }
    expect(report.loaders.find((l) => l.name === 'hostile zips')).toMatchObject({
      runs: 5,
      refused: 5,
    });
  });
});
