import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import { computeProxyMasks } from '../../../core/masks/proxy';
import { proxyConfigFromStudio } from '../../../core/masks/proxyConfig';

describe('proxyConfigFromStudio', () => {
  it('resolves global, stage and block rates for every block', () => {
    const config = defaultConfig('resnet50', 'v100');
    config.targetRate = 0.5;
    config.stages[0] = { ...config.stages[0]!, mode: 'spatial', spatialGranularity: 4, rate: null };
    config.stages[1] = { ...config.stages[1]!, mode: 'spatial', spatialGranularity: 4, rate: 0.25 };
    config.stages[2] = {
      ...config.stages[2]!,
      mode: 'spatial+channel',
      spatialGranularity: 2,
      rate: 0.5,
      channelRate: 0.75,
    };
    config.stages[3] = { ...config.stages[3]!, mode: 'static' };
    config.blockRates = { 'stage1/2': 0.125 };
    const proxy = proxyConfigFromStudio(config, 5);
    expect(proxy.arch.id).toBe('resnet50');
    expect(proxy.modes).toEqual(['spatial', 'spatial', 'spatial+channel', 'static']);
    expect(proxy.seed).toBe(5);
    expect(proxy.blockRates['stage1/0']).toBe(0.5);
    expect(proxy.blockRates['stage1/2']).toBe(0.125);
    expect(proxy.blockRates['stage2/3']).toBe(0.25);
    expect(proxy.blockChannelRates?.['stage3/1']).toBe(0.75);

    const flat = { width: 224, height: 224, data: new Float32Array(224 * 224) };
    const masks = computeProxyMasks(flat, proxy);
    expect(masks[0]!.keptCells).toBe(98); // ⌈0.5·14·14⌉
    expect(masks[2]!.keptCells).toBe(25); // ⌈0.125·14·14⌉ = ⌈24.5⌉
    expect(masks[3]!.keptCells).toBe(13); // stage 2 at S = 4 → 7×7, ⌈0.25·49⌉ = ⌈12.25⌉
    expect(masks[7]!.keptGroups).toBe(96); // m = 256, default G = 2 → 128 groups, 0.75 of them
  });

  it('has one rate per block, 1 in static stages, and the default seed 0', () => {
    const config = defaultConfig('resnet50', 'v100');
    config.stages[3] = { ...config.stages[3]!, mode: 'static', rate: 0.3 };
    const proxy = proxyConfigFromStudio(config);
    expect(proxy.seed).toBe(0);
    expect(Object.keys(proxy.blockRates)).toHaveLength(16);
    expect(proxy.spatialGranularity).toEqual([4, 4, 2, 1]);
    expect(proxy.blockRates['stage2/0']).toBe(0.5); // the default global target
    expect(proxy.blockRates['stage4/2']).toBe(1);
    expect(proxy.blockChannelRates?.['stage1/0']).toBe(1); // only spatial+channel has a channel rate
  });
});
