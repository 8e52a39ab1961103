import { describe, expect, it } from 'vitest';
import type { ArchitectureSpec } from '../../../core/arch';
import { findBuiltinArchitecture } from '../../../core/arch';
import type { StageMode } from '../../../core/maskfile/types';
import type { ProxyConfig } from '../../../core/masks/proxy';
import { computeProxyMasks, keptGroupCount, PROXY_LABEL } from '../../../core/masks/proxy';
import type { SaliencyMap } from '../../../core/saliency/spectralResidual';

const resnet50 = findBuiltinArchitecture('resnet50') as ArchitectureSpec;

/** A synthetic saliency map: 1 inside the square [x0, x1) × [y0, y1), 0 elsewhere. */
function squareSaliency(x0: number, y0: number, x1: number, y1: number): SaliencyMap {
  const data = new Float32Array(224 * 224);
  for (let y = y0; y < y1; y++) data.fill(1, y * 224 + x0, y * 224 + x1);
  return { width: 224, height: 224, data };
}
/** A smooth map so that no two cells tie: brighter to the right and down. */
function rampSaliency(): SaliencyMap {
  const data = new Float32Array(224 * 224);
  for (let y = 0; y < 224; y++)
    for (let x = 0; x < 224; x++) data[y * 224 + x] = (x + 224 * y) / (224 * 225);
  return { width: 224, height: 224, data };
}

function config(patch: Partial<ProxyConfig> = {}): ProxyConfig {
  return {
    arch: resnet50,
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    blockRates: {},
    defaultRate: 0.5,
    ...patch,
  };
}
const ones = (a: Uint8Array) => a.reduce((n, v) => n + v, 0);

describe('computeProxyMasks: spatial top-k', () => {
  it('stage 1 at S = 4, rate 0.5: a 14×14 grid with exactly 98 kept cells', () => {
    const masks = computeProxyMasks(rampSaliency(), config());
    const b = masks[0]!;
    expect(b.grid).toMatchObject({ height: 14, width: 14 });
    expect(b.keptCells).toBe(98);
    expect(b.totalCells).toBe(196);
    expect(ones(b.grid!.data)).toBe(98);
    expect(b.rates.spatial).toBe(0.5);
  });

  it('S = 8 gives a 7×7 grid with the predictor rounding ⌈0.5·7·7⌉ = 25', () => {
    const masks = computeProxyMasks(rampSaliency(), config({ spatialGranularity: [8, 4, 2, 1] }));
    expect(masks[0]!.grid).toMatchObject({ height: 7, width: 7 });
    expect(ones(masks[0]!.grid!.data)).toBe(25);
  });

  it('follows the predictor rounding order (0.7 on 56×56 keeps 2196, not 2195)', () => {
    const masks = computeProxyMasks(
      rampSaliency(),
      config({ spatialGranularity: [1, 4, 2, 1], defaultRate: 0.7 }),
    );
    expect(ones(masks[0]!.grid!.data)).toBe(2196);
  });

  it('keeps the salient cells', () => {
    // The square covers pixels [64, 128)² = cells [4, 8)² of the 14×14 grid (16 px per cell): 16 cells.
    const sal = squareSaliency(64, 64, 128, 128);
    const b = computeProxyMasks(sal, config({ blockRates: { 'stage1/0': 16 / 196 } }))[0]!;
    const kept: number[] = [];
    b.grid!.data.forEach((v, i) => v && kept.push(i));
    const expected: number[] = [];
    for (let r = 4; r < 8; r++) for (let c = 4; c < 8; c++) expected.push(r * 14 + c);
    expect(kept).toEqual(expected);
    // Scores have the keep − skip sign convention.
    b.grid!.data.forEach((v, i) => expect(b.gridScore!.data[i]! >= 0).toBe(v === 1));
  });

  it('breaks ties towards the centre on a flat map', () => {
    const flat = { width: 224, height: 224, data: new Float32Array(224 * 224) };
    const b = computeProxyMasks(
      flat,
      config({ spatialGranularity: [8, 4, 2, 1], blockRates: { 'stage1/0': 1 / 49 } }),
    )[0]!;
    expect(Array.from(b.grid!.data).indexOf(1)).toBe(24); // the centre of 7×7
  });

  it('derives conv2 and conv1 masks from the grid', () => {
    const b = computeProxyMasks(rampSaliency(), config({ blockRates: { 'stage2/0': 1 } }))[3]!; // stride-2 block
    expect(b.conv2).toMatchObject({ height: 28, width: 28 });
    expect(b.conv1).toMatchObject({ height: 56, width: 56 });
    expect(b.rates).toMatchObject({ spatial: 1, conv2: 1, conv1: 1 });
    const half = computeProxyMasks(rampSaliency(), config())[3]!;
    expect(half.rates.conv2).toBe(ones(half.conv2!.data) / 784);
    expect(half.rates.conv1!).toBeGreaterThan(half.rates.conv2!);
  });

  it('is deterministic and cheap to recompute for a new rate (cached ranking)', () => {
    const sal = rampSaliency();
    const a = computeProxyMasks(sal, config({ defaultRate: 0.3 }));
    const b = computeProxyMasks(sal, config({ defaultRate: 0.3 }));
    expect(a.map((m) => Array.from(m.grid!.data))).toEqual(b.map((m) => Array.from(m.grid!.data)));
    // Raising the rate only adds cells.
    const c = computeProxyMasks(sal, config({ defaultRate: 0.6 }));
    a.forEach((m, i) => m.grid!.data.forEach((v, j) => v && expect(c[i]!.grid!.data[j]).toBe(1)));
  });

  it('refuses a granularity that does not divide the map', () => {
    expect(() =>
      computeProxyMasks(rampSaliency(), config({ spatialGranularity: [3, 4, 2, 1] })),
    ).toThrow(/granularity 3 does not divide the 56×56 map of stage1\/0/);
  });
});

describe('computeProxyMasks: layer gates and channel groups', () => {
  const modes: StageMode[] = ['layer', 'spatial+channel', 'channel', 'static'];

  it('draws seeded gates that only switch on as the rate rises', () => {
    const sal = rampSaliency();
    const at = (rate: number, seed = 0) =>
      computeProxyMasks(sal, config({ modes, defaultRate: rate, seed }))
        .slice(0, 3)
        .map((m) => m.grid!.data[0]);
    expect(at(0)).toEqual([0, 0, 0]);
    expect(at(1)).toEqual([1, 1, 1]);
    let previous = at(0);
    for (let r = 0.1; r <= 1; r += 0.1) {
      const now = at(r);
      now.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(previous[i]!));
      previous = now;
    }
    expect(at(0.5, 3)).toEqual(at(0.5, 3));
    const gate = computeProxyMasks(sal, config({ modes, defaultRate: 1 }))[0]!;
    expect(gate.granularity).toBe(56);
    expect(gate.rates).toMatchObject({ spatial: 1, conv2: 1, conv1: 1, channel: null });
  });

  it('keeps exactly ⌈r·groups⌉ channel groups, chosen by seed', () => {
    const masks = computeProxyMasks(
      rampSaliency(),
      config({ modes, defaultRate: 0.3, blockChannelRates: { 'stage2/0': 0.75 } }),
    );
    const s20 = masks[3]!; // spatial+channel, m = 128, G = 2 → 64 groups
    expect(s20.totalGroups).toBe(64);
    expect(ones(s20.channel!)).toBe(48);
    expect(s20.grid).not.toBeNull();
    const s30 = masks[7]!; // channel only, m = 256 → 128 groups, ⌈0.3·128⌉ = ⌈38.4⌉ = 39
    expect(s30.grid).toBeNull();
    expect(ones(s30.channel!)).toBe(39);
    expect(s30.rates.channel).toBe(39 / 128);
    const other = computeProxyMasks(
      rampSaliency(),
      config({ modes, defaultRate: 0.3, seed: 1 }),
    )[7]!;
    expect(Array.from(other.channel!)).not.toEqual(Array.from(s30.channel!));
  });

  it('leaves static blocks without masks', () => {
    const last = computeProxyMasks(rampSaliency(), config({ modes }))[15]!;
    expect(last).toMatchObject({ mode: 'static', grid: null, conv2: null, channel: null });
  });

  it('counts groups without float noise', () => {
    expect(keptGroupCount(0.7, 10)).toBe(7);
    expect(keptGroupCount(0.71, 10)).toBe(8);
    expect(keptGroupCount(2, 10)).toBe(10);
    expect(keptGroupCount(Number.NaN, 10)).toBe(0);
  });

  it('exports the on-screen label', () => {
    expect(PROXY_LABEL).toBe('proxy from image saliency — not a trained LAUDNet');
  });
});
