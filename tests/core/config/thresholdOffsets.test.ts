/**
 * `thresholdOffsets` (issue 15, the live model's what-if) is an optional, additive key of the
 * configuration: absent it changes nothing, present it round-trips, bad values are refused by name.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, serializeConfig } from '../../../core/config';
import type { StudioConfig } from '../../../core/config';

describe('configuration: threshold offsets', () => {
  it('is left out of a configuration without offsets', () => {
    const text = serializeConfig(defaultConfig());
    expect(text).not.toContain('thresholdOffsets');
    const res = parseConfig(text);
    expect(res.ok && 'thresholdOffsets' in res.config).toBe(false);
  });

  it('round-trips global and per-block offsets', () => {
    const config: StudioConfig = {
      ...defaultConfig(),
      thresholdOffsets: { global: -0.25, perBlock: { 'stage2/1': 1.5, 'stage4/0': -3 } },
    };
    const text = serializeConfig(config);
    expect(JSON.parse(text)).toMatchObject({
      thresholdOffsets: { global: -0.25, perBlock: { 'stage2/1': 1.5, 'stage4/0': -3 } },
    });
    expect(parseConfig(text)).toEqual({ ok: true, config });
    expect(serializeConfig((parseConfig(text) as { config: StudioConfig }).config)).toBe(text);
  });

  it('refuses offsets that are not finite numbers in range, or keys that are not blocks', () => {
    const doc = (offsets: unknown) =>
      JSON.stringify({
        ...JSON.parse(serializeConfig(defaultConfig())),
        thresholdOffsets: offsets,
      });
    const bad = [
      [{ global: 'high', perBlock: {} }, 'thresholdOffsets.global'],
      [{ global: 0, perBlock: { 'stage1/0': 5000 } }, 'must be at most 1000'],
      [{ global: 0, perBlock: { block7: 1 } }, 'thresholdOffsets.perBlock.block7'],
      [{ global: 0, perBlock: {}, extra: 1 }, 'extra'],
    ] as const;
    for (const [offsets, fragment] of bad) {
      const res = parseConfig(doc(offsets));
      expect(res.ok, JSON.stringify(offsets)).toBe(false);
      if (!res.ok) expect(res.error).toContain(fragment);
    }
  });
});
