import { describe, expect, it } from 'vitest';
import {
  defaultTfConfig,
  type TfUiConfig,
  toCoreConfig,
  uniformRate,
  withModel,
  withRate,
} from '../../../renderer/src/transformer/tfConfig';

const inMode = (model: TfUiConfig['model'], mode: TfUiConfig['mode']): TfUiConfig => ({
  ...defaultTfConfig(model),
  mode,
});

describe('transformer tuner configuration', () => {
  it('starts static with one rate per block', () => {
    const c = defaultTfConfig('t2t_vit_19');
    expect(c.mode).toBe('static');
    expect(c.batchConvention).toBe('in_shapes');
    for (const xs of [c.tokenRate, c.headRate, c.attnRate, c.mlpRate]) expect(xs).toHaveLength(19);
  });

  it('parks the rates of a switched-off paradigm and hands the core 1 there', () => {
    let c = inMode('t2t_vit_19', 'token');
    c = withRate(c, 'token', null, 0.5);
    c = withRate(c, 'head', null, 3 / 7);
    c = withRate(c, 'attn', 4, 0.25);
    const core = toCoreConfig(c);
    expect(core.tokenRate.every((t) => t === 0.5)).toBe(true);
    expect(core.headRate.every((h) => h === 1)).toBe(true);
    expect(core.attnRate.every((a) => a === 1)).toBe(true);
    expect(core.tokenSkip?.every(Boolean)).toBe(true);
    expect(core.headSkip?.some(Boolean)).toBe(false);
    // The parked head rate comes back with the head mode.
    const head = toCoreConfig({ ...c, mode: 'combined' });
    expect(head.headRate[0]).toBe(3 / 7);
    expect(head.attnRate[4]).toBe(0.25);
    expect(head.attnRate[3]).toBe(1);
  });

  it('forces a paradigm switch on for curves without changing the mode', () => {
    const c = inMode('t2t_vit_7', 'head');
    const core = toCoreConfig(withRate(c, 'mlp', null, 0.4), { layer: true });
    expect(core.layerSkip?.every(Boolean)).toBe(true);
    expect(core.headSkip?.every(Boolean)).toBe(true);
    expect(core.tokenSkip?.some(Boolean)).toBe(false);
    expect(core.mlpRate.every((m) => m === 0.4)).toBe(true);
  });

  it('changing the variant resizes the rates and snaps head rates to k/H', () => {
    let c = defaultTfConfig('t2t_vit_19');
    c = withRate(c, 'token', 18, 0.3);
    c = withRate(c, 'head', null, 3 / 7);
    const small = withModel(c, 't2t_vit_7');
    expect(small.tokenRate).toHaveLength(7);
    // 3/7 ≈ 0.4286 → nearest of 1/4, 2/4, 3/4, 1 is 2/4.
    expect(small.headRate.every((h) => h === 0.5)).toBe(true);
    const big = withModel(c, 't2t_vit_24');
    expect(big.tokenRate).toHaveLength(24);
    expect(big.tokenRate.slice(18)).toEqual([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(withModel(c, 't2t_vit_19')).toBe(c);
  });

  it('tells uniform rates from per-block ones', () => {
    expect(uniformRate([0.5, 0.5])).toBe(0.5);
    expect(uniformRate([0.5, 0.6])).toBeNull();
  });
});
