import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { computeSaliency } from '../../../core/saliency/spectralResidual';
import { ProxyMasker } from '../../../renderer/src/masksMain/masker';
import type * as ponderModule from '../../../renderer/src/masksMain/ponder';
import { coarsePonder } from '../../../renderer/src/masksMain/ponder';
import { setTargetRate } from '../../../renderer/src/store/configEdits';

vi.mock('../../../renderer/src/masksMain/ponder', async (importOriginal) => {
  const actual = await importOriginal<typeof ponderModule>();
  return { ...actual, coarsePonder: vi.fn(actual.coarsePonder) };
});

/** A seeded noise image's saliency. */
function saliency() {
  const side = 224;
  const rgba = new Uint8ClampedArray(side * side * 4);
  let s = 5;
  for (let i = 0; i < rgba.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    rgba[i] = i % 4 === 3 ? 255 : s >>> 24;
  }
  return computeSaliency(rgba, side, side);
}

describe('ProxyMasker ponder map', () => {
  it('is summed only when read, once per set of masks (a 3D view rate drag sums none)', () => {
    const calls = vi.mocked(coarsePonder);
    calls.mockClear();
    const masker = new ProxyMasker(saliency());
    let config = defaultConfig('resnet101');
    let result = masker.update(config);
    for (const rate of [0.3, 0.62, 0.41, 0.77]) {
      config = setTargetRate(config, rate);
      result = masker.update(config);
    }
    expect(calls).not.toHaveBeenCalled();
    const ponder = result.ponder;
    expect(calls).toHaveBeenCalledTimes(1);
    expect(ponder.counts).toEqual(computePonderMap(result.blocks).counts);
    expect(result.coarsePonder.map).toBe(ponder);
    expect(result.ponder).toBe(ponder);
    // The same configuration again: no block changed, the same map without a new sum.
    const again = masker.update(config);
    expect(again.changed).toEqual([]);
    expect(again.ponder).toBe(ponder);
    expect(calls).toHaveBeenCalledTimes(1);
  });
});
