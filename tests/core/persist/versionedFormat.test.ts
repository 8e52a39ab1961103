import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { olderVersion, versionedFormat } from '../../../core/persist/versionedFormat';

// A toy format with three versions: v1 had `n`, v2 renamed it to `count`, v3 added `unit`.
const v1 = z.object({ format: z.literal('toy'), version: z.literal(1), n: z.number() });
const v2 = z.object({ format: z.literal('toy'), version: z.literal(2), count: z.number() });
const v3 = z.object({
  format: z.literal('toy'),
  version: z.literal(3),
  count: z.number(),
  unit: z.string(),
});

const toy = versionedFormat({
  label: 'toy file',
  format: 'toy',
  current: { version: 3, schema: v3 },
  older: [
    olderVersion(1, v1, (a) => ({ format: a.format, version: 2, count: a.n })),
    olderVersion(2, v2, (b) => ({ ...b, version: 3, unit: 'items' })),
  ],
});

describe('versionedFormat', () => {
  it('reads the current version as it is', () => {
    expect(toy.parse('{"format":"toy","version":3,"count":4,"unit":"kg"}')).toEqual({
      ok: true,
      value: { format: 'toy', version: 3, count: 4, unit: 'kg' },
    });
    expect(toy.current).toBe(3);
  });

  it('migrates every older version step by step', () => {
    expect(toy.parse('{"format":"toy","version":1,"n":7}')).toEqual({
      ok: true,
      value: { format: 'toy', version: 3, count: 7, unit: 'items' },
    });
    expect(toy.read({ format: 'toy', version: 2, count: 5 })).toEqual({
      ok: true,
      value: { format: 'toy', version: 3, count: 5, unit: 'items' },
    });
  });

  it('refuses a newer version, naming the version found and the newest supported', () => {
    const r = toy.parse('{"format":"toy","version":4,"count":1,"unit":"x"}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/version 4/);
      expect(r.error).toMatch(/newest this release reads \(3\)/);
    }
  });

  it('names what is wrong with a damaged file', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"format":"toy",', /toy file is not valid JSON: line 1/],
      ['[1]', /toy file is not a JSON object/],
      ['{"version":3}', /format missing, expected "toy"/],
      ['{"format":"other","version":3}', /format "other", expected "toy"/],
      ['{"format":"toy"}', /version missing, expected a whole number from 1 to 3/],
      ['{"format":"toy","version":1.5}', /version 1.5, expected a whole number/],
      ['{"format":"toy","version":0}', /version 0, expected a whole number/],
      ['{"format":"toy","version":3,"count":"4","unit":"kg"}', /toy file is damaged: count:/],
      ['{"format":"toy","version":1,"count":4}', /toy file \(version 1\) is damaged: n:/],
    ];
    for (const [text, message] of cases) {
      const r = toy.parse(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error, text).toMatch(message);
    }
  });

  it('reports a migration whose output the next version rejects', () => {
    const broken = versionedFormat({
      label: 'toy file',
      format: 'toy',
      current: { version: 2, schema: v2 },
      older: [olderVersion(1, v1, (a) => ({ ...a, version: 2 }))],
    });
    const r = broken.parse('{"format":"toy","version":1,"n":7}');
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(
        /toy file \(version 1\) could not be migrated: count:/,
      ) as string,
    });
  });

  it('will not build a format with a gap in its migrations', () => {
    expect(() =>
      versionedFormat({ label: 'toy file', format: 'toy', current: { version: 3, schema: v3 } }),
    ).toThrow(/no migration from version 1/);
  });
});
