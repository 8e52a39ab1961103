import { describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig } from '../../../core/config';
import { applyDumpToConfig, readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { arch, content } from './helpers';

function dumpOf(modes: Parameters<typeof content>[1], S: number[], G: number[], id = 'resnet50') {
  const r = readMaskDump(writeMaskDump(content(arch(id), modes, S, G)));
  if (!r.ok) throw new Error(r.error);
  return r.dump;
}

describe('applyDumpToConfig', () => {
  it("adopts the dump's model, modes, granularities and measured rates, and stays valid", () => {
    const start = defaultConfig('resnet50', 'v100');
    const dump = dumpOf(
      ['spatial', 'both', 'channel', 'layer'],
      [8, 4, 7, 7],
      [2, 4, 2, 8],
      'resnet101',
    );
    const config = applyDumpToConfig(start, dump);
    expect(config.model).toEqual({ kind: 'builtin', id: 'resnet101' });
    expect(config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'spatial+channel',
      'channel',
      'layer',
    ]);
    expect(config.stages.map((s) => s.spatialGranularity)).toEqual([8, 4, 7, 7]);
    expect(config.stages.map((s) => s.channelGroupSize)).toEqual([2, 4, 2, 8]);
    // Helper masks: block k keeps its first k + 1 cells; even channel groups kept (rate 0.5).
    expect(config.blockRates['stage1/0']).toBe(1 / 49);
    expect(config.blockRates['stage2/1']).toBe(5 / 49);
    expect(config.blockRates['stage3/0']).toBe(0.5);
    expect(config.blockRates['stage4/0']).toBe(1); // layer gate: the single cell is kept
    expect(config.stages[1]!.channelRate).toBe(0.5);
    expect(config.stages[0]!.channelRate).toBeNull();
    expect(Object.keys(config.blockRates).length).toBe(33);
    expect(validateConfig(config)).toEqual([]);
    // Everything else is kept.
    expect(config.hardware).toEqual(start.hardware);
    expect(config.name).toBe(start.name);
  });
});
