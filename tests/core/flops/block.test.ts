import { describe, expect, it } from 'vitest';
import { blockGeometry, findBuiltinArchitecture } from '../../../core/arch';
import type { ArchitectureSpec } from '../../../core/arch';
import {
  blockFlops,
  channelMaskerHidden,
  maskerMacs,
  staticBlockMacs,
} from '../../../core/flops/block';
import type { BlockDynamics } from '../../../core/flops/block';

function arch(id: string): ArchitectureSpec {
  const a = findBuiltinArchitecture(id);
  if (!a) throw new Error(id);
  return a;
}

const dyn = (over: Partial<BlockDynamics>): BlockDynamics => ({
  mode: 'spatial',
  spatialGranularity: 1,
  channelGroupSize: 1,
  rate: 1,
  channelRate: 1,
  ...over,
});

describe('static block MACs (hand computations)', () => {
  it('ResNet-50 stage1/0: 64→64→256 at 56×56 with a 64→256 projection', () => {
    const m = staticBlockMacs(blockGeometry(arch('resnet50'), 0, 0));
    expect(m.conv1).toBe(64 * 64 * 56 * 56); // 12,845,056
    expect(m.conv2).toBe(9 * 64 * 64 * 56 * 56); // 115,605,504
    expect(m.conv3).toBe(64 * 256 * 56 * 56);
    expect(m.projection).toBe(64 * 256 * 56 * 56);
    expect(m.se).toBe(0);
    expect(m.masker).toBe(0);
    expect(m.total).toBe(231_211_008);
  });

  it('ResNet-50 stage2/0 (stride 2): conv1 at 56×56, conv2/conv3/projection at 28×28', () => {
    const m = staticBlockMacs(blockGeometry(arch('resnet50'), 1, 0));
    expect(m.conv1).toBe(256 * 128 * 3136);
    expect(m.conv2).toBe(9 * 128 * 128 * 784);
    expect(m.conv3).toBe(128 * 512 * 784);
    expect(m.projection).toBe(256 * 512 * 784);
  });

  it('ResNet-50 stage2/1: identity shortcut', () => {
    expect(staticBlockMacs(blockGeometry(arch('resnet50'), 1, 1)).projection).toBe(0);
  });

  it('RegNetY-400MF stage1/0: grouped conv2 (6 groups) and SE with squeeze 8', () => {
    const m = staticBlockMacs(blockGeometry(arch('regnety004'), 0, 0));
    expect(m.conv1).toBe(32 * 48 * 112 * 112); // 19,267,584
    expect(m.conv2).toBe(((9 * 48 * 48) / 6) * 56 * 56); // 10,838,016
    expect(m.conv3).toBe(48 * 48 * 56 * 56);
    // Static counter: pool per input element + two FCs + one sigmoid per channel = 151,344.
    expect(m.se).toBe(48 * 56 * 56 + 48 * 8 + 8 * 48 + 48);
    expect(m.projection).toBe(32 * 48 * 56 * 56);
  });
});

describe('dynamic block MACs', () => {
  const b11 = blockGeometry(arch('resnet50'), 0, 1); // 256→64→256 at 56, stride 1

  it('spatial S = 4 at rate 0.5: conv2/conv3 halve, conv1 pays the dilation, masker is 4·c_in per cell', () => {
    const f = blockFlops(b11, dyn({ spatialGranularity: 4, rate: 0.5 }));
    expect(f.densities.conv2).toBe(0.5);
    expect(f.dynamicMacs.conv2).toBe(9 * 64 * 64 * 3136 * 0.5);
    expect(f.dynamicMacs.conv3).toBe(64 * 256 * 3136 * 0.5);
    expect(f.densities.conv1).toBeGreaterThan(0.5);
    expect(f.dynamicMacs.conv1).toBeCloseTo(256 * 64 * 3136 * f.densities.conv1, 3);
    // Pool c_in per cell, 1×1 conv weights 2·c_in per cell, "bias" counted as c_in per cell (spec §2.4).
    expect(f.dynamicMacs.masker).toBe(4 * 256 * 14 * 14);
    expect(f.conv1OverheadMacs).toBeCloseTo(256 * 64 * 3136 * (f.densities.conv1 - 0.5), 3);
    expect(f.ratio).toBeGreaterThan(0.5);
  });

  it('channel G = 2 at rate 0.5: conv1 and conv3 halve, conv2 quarters (sparse on both sides)', () => {
    const f = blockFlops(b11, dyn({ mode: 'channel', channelGroupSize: 2, rate: 0.5 }));
    expect(f.dynamicMacs.conv1).toBe(256 * 64 * 3136 * 0.5);
    expect(f.dynamicMacs.conv2).toBe(9 * 64 * 64 * 3136 * 0.25);
    expect(f.dynamicMacs.conv3).toBe(64 * 256 * 3136 * 0.5);
    // 32 groups → hidden max(2, 16) = 16: pool per input element + 256·16 + 16·64.
    expect(f.dynamicMacs.masker).toBe(256 * 3136 + 256 * 16 + 16 * 64);
  });

  it('layer mode at rate 0.3: every conv scales by 0.3, the gate is one cell: 4·c_in', () => {
    const f = blockFlops(b11, dyn({ mode: 'layer', rate: 0.3 }));
    expect(f.dynamicMacs.conv1).toBeCloseTo(256 * 64 * 3136 * 0.3, 6);
    expect(f.dynamicMacs.conv2).toBeCloseTo(9 * 64 * 64 * 3136 * 0.3, 6);
    expect(f.dynamicMacs.masker).toBe(4 * 256);
    expect(f.conv1OverheadMacs).toBeCloseTo(0, 6);
  });

  it('spatial+channel multiplies both densities and carries both maskers', () => {
    const f = blockFlops(
      b11,
      dyn({
        mode: 'spatial+channel',
        spatialGranularity: 56,
        rate: 0.5,
        channelRate: 0.5,
        channelGroupSize: 2,
      }),
    );
    expect(f.dynamicMacs.conv2).toBeCloseTo(9 * 64 * 64 * 3136 * 0.25 * 0.5, 6);
    expect(f.dynamicMacs.masker).toBe(4 * 256 + 256 * 3136 + 256 * 16 + 16 * 64);
  });

  it('the projection shortcut stays dense', () => {
    const b = blockGeometry(arch('resnet50'), 1, 0);
    expect(blockFlops(b, dyn({ rate: 0.1, spatialGranularity: 7 })).dynamicMacs.projection).toBe(
      256 * 512 * 784,
    );
  });

  it('a static block has no masker and ratio 1', () => {
    const f = blockFlops(b11, dyn({ mode: 'static', rate: 0.2 }));
    expect(f.ratio).toBe(1);
    expect(f.dynamicMacs.masker).toBe(0);
  });

  it('channel masker hidden width is max(groups/16, 16)', () => {
    expect(channelMaskerHidden(32)).toBe(16);
    expect(channelMaskerHidden(1024)).toBe(64);
    expect(maskerMacs(b11, dyn({ mode: 'static' }))).toBe(0);
  });
});
