import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseConfig,
  resolveBlockRates,
  resolveChannelRates,
  serializeConfig,
} from '../../../core/config';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'config');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('frozen version-1 fixtures', () => {
  it('v1-resnet50-mixed loads with the values written in the file', () => {
    const res = parseConfig(read('v1-resnet50-mixed.json'));
    if (!res.ok) throw new Error(res.error);
    const c = res.config;
    expect(c.version).toBe(1);
    expect(c.model).toEqual({ kind: 'builtin', id: 'resnet50' });
    expect(c.hardware).toEqual({ kind: 'preset', id: 'v100', overrides: { batchSize: 64 } });
    expect(c.stages.map((s) => s.mode)).toEqual(['spatial', 'spatial+channel', 'channel', 'layer']);
    // Rates: stage 1 follows the target 0.5 except the stage1/2 override; stage 3 uses 0.4 except stage3/5;
    // stage 4 follows the target; static blocks would be 1.
    expect(resolveBlockRates(c)).toEqual([
      [0.5, 0.5, 0.3],
      [0.6, 0.6, 0.6, 0.6],
      [0.4, 0.4, 0.4, 0.4, 0.4, 0.9],
      [0.5, 0.5, 0.5],
    ]);
    expect(resolveChannelRates(c)[1]).toEqual([0.75, 0.75, 0.75, 0.75]);
    expect(resolveChannelRates(c)[0]).toEqual([1, 1, 1]);
  });

  it('v1-custom-hardware-and-arch loads a custom architecture and custom hardware', () => {
    const res = parseConfig(read('v1-custom-hardware-and-arch.json'));
    if (!res.ok) throw new Error(res.error);
    expect(res.config.model.kind).toBe('custom');
    expect(res.config.hardware.kind).toBe('custom');
    expect(resolveBlockRates(res.config)).toEqual([
      [1, 1],
      [0.7, 0.7],
      [0.5, 0.5],
      [0.7, 0.7],
    ]);
  });

  it('the canonical fixture serialises back byte for byte', () => {
    const text = read('v1-resnet50-mixed.json');
    const res = parseConfig(text);
    if (!res.ok) throw new Error(res.error);
    expect(serializeConfig(res.config)).toBe(text);
  });
});
