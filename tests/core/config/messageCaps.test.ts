/**
 * Issue 13: a rejection message stays short whatever the input: unknown keys are counted past the
 * first few, echoed keys and values are cut with "…".
 */
import { describe, expect, it } from 'vitest';
import { parseArchitectureJson, findBuiltinArchitecture } from '../../../core/arch';
import { defaultConfig, parseConfig, serializeConfig } from '../../../core/config';
import { HardwareError, resolveHardware } from '../../../core/predictor';

type Doc = Record<string, unknown> & {
  model: Record<string, unknown>;
  hardware: Record<string, unknown>;
};

function configWith(edit: (doc: Doc) => void): string {
  const doc = JSON.parse(serializeConfig(defaultConfig())) as Doc;
  edit(doc);
  return JSON.stringify(doc);
}

function refusal(text: string): string {
  const r = parseConfig(text);
  if (r.ok) throw new Error('accepted');
  return r.error;
}

const manyKeys = (n: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, i]));
const MB = 'x'.repeat(1 << 20);

describe('message caps', () => {
  it('a config with 5,000 unknown keys names five and counts the rest', () => {
    const error = refusal(configWith((d) => Object.assign(d, manyKeys(5000))));
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('"extra0", "extra1", "extra2", "extra3", "extra4"');
    expect(error).toContain('and 4995 more unknown keys');
  });

  it('5,000 unknown keys inside the hardware params are counted too', () => {
    const error = refusal(
      configWith((d) => {
        d.hardware = {
          kind: 'custom',
          label: 'lab',
          params: { ...resolveHardware('v100'), ...manyKeys(5000) },
        };
      }),
    );
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('and 4995 more unknown keys');
  });

  it('a 1 MB key or a 1 MB string value is cut with an ellipsis', () => {
    const longKey = refusal(configWith((d) => (d[MB] = 1)));
    expect(longKey.length).toBeLessThan(1000);
    expect(longKey).toMatch(/unknown field "x{37}…"$/);

    for (const edit of [
      (d: Doc) => (d.format = MB),
      (d: Doc) => (d.version = MB),
      (d: Doc) => (d.model = { kind: 'builtin', id: MB }),
      (d: Doc) => (d.hardware = { kind: 'preset', id: MB, overrides: {} }),
      (d: Doc) => (d.blockRates = { [MB]: 0.5 }),
    ]) {
      const error = refusal(configWith(edit));
      expect(error.length).toBeLessThan(1000);
      expect(error).toContain('…');
    }
  });

  it('5,000 block-rate keys that name no block: five named, the rest counted', () => {
    const error = refusal(
      configWith((d) => {
        d.blockRates = Object.fromEntries(
          Array.from({ length: 5000 }, (_, i) => [`stage9/${i}`, 0.5]),
        );
      }),
    );
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('blockRates["stage9/0"]: no stage 9');
    expect(error).toContain('and 4995 more keys that name no block');
  });

  it('hardware: unknown fields and an unknown preset stay short', () => {
    const keys = (): string => {
      try {
        resolveHardware({ preset: 'v100', ...manyKeys(5000) });
      } catch (e) {
        if (e instanceof HardwareError) return e.message;
      }
      throw new Error('accepted');
    };
    expect(keys().length).toBeLessThan(1000);
    expect(keys()).toContain('extra0, extra1, extra2, extra3, extra4 and 4995 more unknown keys');
    expect(() => resolveHardware(MB)).toThrow(/^unknown hardware 'x{59}…' \(valid: v100/);
  });

  it('an architecture with 5,000 unknown keys names five and counts the rest', () => {
    const arch = { ...findBuiltinArchitecture('resnet50'), ...manyKeys(5000) };
    const r = parseArchitectureJson(JSON.stringify(arch));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.length).toBeLessThan(1000);
      expect(r.error).toContain('and 4995 more unknown keys');
    }
  });
});
