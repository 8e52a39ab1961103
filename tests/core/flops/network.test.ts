import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES, findBuiltinArchitecture } from '../../../core/arch';
import {
  headMacs,
  networkFlops,
  staticHeadMacs,
  staticNetworkMacs,
  stemMacs,
  stemMatchesStages,
  torchvisionNetworkMacs,
} from '../../../core/flops/network';

/** torchvision's published figures (GFLOPS column of the model docs, which counts MACs). */
const TORCHVISION_GMACS: Record<string, number> = {
  resnet50: 4.09,
  resnet101: 7.8,
  regnety004: 0.4,
  regnety008: 0.83,
};

describe('static network MACs', () => {
  for (const arch of BUILTIN_ARCHITECTURES) {
    it(`${arch.label} is within 1 % of torchvision (${TORCHVISION_GMACS[arch.id]} GMACs)`, () => {
      const expected = (TORCHVISION_GMACS[arch.id] as number) * 1e9;
      expect(Math.abs(torchvisionNetworkMacs(arch) - expected) / expected).toBeLessThan(0.01);
      expect(stemMatchesStages(arch)).toBe(true);
    });
  }

  it('stem and head by hand (flops-accounting spec §1)', () => {
    const r50 = findBuiltinArchitecture('resnet50')!;
    // 7×7 conv 3→64 at 112², then the max-pool at 9 per output element (64·56·56·9 = 1,806,336).
    expect(stemMacs(r50)).toBe(118_013_952 + 1_806_336);
    // Dynamic head: pool once per output element, fc weights; static head: pool per input, + fc bias.
    expect(headMacs(r50)).toBe(2048 + 2048 * 1000);
    expect(staticHeadMacs(r50)).toBe(2048 * 49 + 2048 * 1000 + 1000);
    const rg = findBuiltinArchitecture('regnety004')!;
    expect(stemMacs(rg)).toBe(10_838_016);
    expect(headMacs(rg)).toBe(440 + 440 * 1000);
    expect(staticHeadMacs(rg)).toBe(21_560 + 440 * 1000 + 1000);
  });

  it('the two static totals of the spec §3 table: reference counter and torchvision style', () => {
    const expected: Record<string, [number, number]> = {
      resnet50: [4_091_091_944, 4_089_184_256],
      resnet101: [7_803_313_128, 7_801_405_440],
      regnety004: [402_638_760, 401_842_848],
      regnety008: [835_018_280, 833_856_256],
    };
    for (const arch of BUILTIN_ARCHITECTURES) {
      expect([staticNetworkMacs(arch), torchvisionNetworkMacs(arch)]).toEqual(expected[arch.id]);
    }
  });
});

describe('dynamic network MACs (acceptance 2)', () => {
  const r50 = findBuiltinArchitecture('resnet50')!;
  const spatial = networkFlops(r50, (b) => ({
    mode: 'spatial',
    spatialGranularity: [4, 4, 2, 1][b.stage]!,
    channelGroupSize: 1,
    rate: 0.5,
    channelRate: 1,
  }));

  it('ResNet-50 spatial 4-4-2-1 at rate 0.5 has a FLOPs ratio above 0.5', () => {
    expect(spatial.flopsRatio).toBeGreaterThan(0.5);
    expect(spatial.conv1OverheadMacs).toBeGreaterThan(0);
    // Every block has several decision cells, so conv1 pays more than its conv2 share everywhere.
    for (const b of spatial.blocks) expect(b.densities.conv1).toBeGreaterThan(b.densities.conv2);
    // S = 1 on a 7×7 map: each conv1 pixel sees up to 9 cells, so conv1 is nearly dense (1 − 0.5^9 inside).
    const last = spatial.blocks[15]!;
    expect(last.densities.conv1).toBeGreaterThan(0.95);
  });

  it('pixel-level masks (S = 1) cost more conv1 overhead than 4-4-2-1', () => {
    const s1 = networkFlops(r50, () => ({
      mode: 'spatial',
      spatialGranularity: 1,
      channelGroupSize: 1,
      rate: 0.5,
      channelRate: 1,
    }));
    expect(s1.conv1OverheadMacs).toBeGreaterThan(spatial.conv1OverheadMacs);
  });

  it('totals are the sums of their parts', () => {
    const sum = spatial.blocks.reduce(
      (s, b) => s + b.dynamicMacs.total,
      spatial.stemMacs + spatial.headMacs,
    );
    expect(spatial.dynamicMacs).toBeCloseTo(sum, 0);
    expect(spatial.blocks).toHaveLength(16);
  });

  it('an all-static configuration has ratio exactly 1 (both counts use the teacher conventions)', () => {
    const s = networkFlops(r50, () => ({
      mode: 'static',
      spatialGranularity: 1,
      channelGroupSize: 1,
      rate: 0.5,
      channelRate: 1,
    }));
    expect(s.flopsRatio).toBe(1);
  });
});
