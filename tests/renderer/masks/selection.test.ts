import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { BlockMaskSet } from '../../../core/maskfile/types';
import {
  blockSkipped,
  cellCounts,
  dumpIsSource,
  formatMaskRate,
  groupCounts,
  shownBlock,
  shownMasks,
} from '../../../renderer/src/views/masks/selection';
import type { MaskImage, OpenedDump, ProxyMasks } from '../../../renderer/src/store/masksSlice';

function block(key: string, stage: number, extra: Partial<BlockMaskSet> = {}): BlockMaskSet {
  return {
    key,
    stage,
    index: Number(key.split('/')[1]),
    globalIndex: 0,
    mode: 'spatial',
    granularity: 4,
    channelGroupSize: null,
    grid: { groups: 1, height: 2, width: 2, data: Uint8Array.of(1, 0, 0, 1) },
    gridScore: null,
    conv2: null,
    conv1: null,
    channel: null,
    rates: { spatial: 0.5, conv2: null, conv1: null, channel: null },
    ...extra,
  };
}

const image = { id: 7 } as MaskImage;
const ponder = { side: 1, counts: new Uint16Array(1), maxCount: 0, blocks: 0 };

describe('shownMasks', () => {
  const config = defaultConfig('resnet50');
  const proxy: ProxyMasks = { imageId: 7, config, blocks: [], ponder };
  const dump = { archId: 'resnet50', blocks: [], ponder } as unknown as OpenedDump;

  it('prefers a dump for the configured model', () => {
    expect(
      shownMasks({ config, maskDump: dump, proxyMasks: proxy, maskImage: image })?.source,
    ).toBe('dump');
    expect(dumpIsSource({ config, maskDump: dump })).toBe(true);
  });

  it('falls back to the proxy when the model changed away from the dump', () => {
    const other = defaultConfig('resnet101');
    expect(dumpIsSource({ config: other, maskDump: dump })).toBe(false);
    // Proxy masks of the old model would not fit the new one's blocks.
    expect(
      shownMasks({ config: other, maskDump: dump, proxyMasks: proxy, maskImage: image }),
    ).toBeNull();
  });

  it('marks proxy masks of an older configuration as stale, and ignores those of another image', () => {
    const edited = { ...config, targetRate: 0.3 };
    expect(
      shownMasks({ config: edited, maskDump: null, proxyMasks: proxy, maskImage: image }),
    ).toMatchObject({
      source: 'proxy',
      stale: true,
    });
    expect(shownMasks({ config, maskDump: null, proxyMasks: proxy, maskImage: image })?.stale).toBe(
      false,
    );
    const other = { id: 8 } as MaskImage;
    expect(shownMasks({ config, maskDump: null, proxyMasks: proxy, maskImage: other })).toBeNull();
  });
});

describe('shownBlock', () => {
  const blocks = [
    block('stage1/0', 0),
    block('stage1/1', 0),
    block('stage2/0', 1),
    block('stage2/1', 1),
  ];

  it('shows the selected block when it is in the selected stage', () => {
    expect(shownBlock(blocks, 1, 'stage2/1')?.key).toBe('stage2/1');
  });

  it('shows the first block of the selected stage otherwise', () => {
    expect(shownBlock(blocks, 1, 'stage1/1')?.key).toBe('stage2/0');
    expect(shownBlock(blocks, 0, null)?.key).toBe('stage1/0');
  });
});

describe('counts', () => {
  it('counts kept cells over all groups and kept channel groups', () => {
    const grouped = block('stage1/0', 0, {
      grid: { groups: 2, height: 1, width: 3, data: Uint8Array.of(1, 0, 0, 1, 1, 0) },
      channel: Uint8Array.of(1, 0, 0, 0),
    });
    expect(cellCounts(grouped)).toEqual({ kept: 3, total: 6, rows: 1, cols: 3 });
    expect(groupCounts(grouped)).toEqual({ kept: 1, total: 4 });
    expect(cellCounts(block('stage1/0', 0, { grid: null }))).toBeNull();
  });

  it('calls a block skipped when its gate is off or every channel group is off', () => {
    const gateOff = block('stage3/0', 2, {
      mode: 'layer',
      grid: { groups: 1, height: 1, width: 1, data: Uint8Array.of(0) },
    });
    const gateOn = block('stage3/1', 2, {
      mode: 'layer',
      grid: { groups: 1, height: 1, width: 1, data: Uint8Array.of(1) },
    });
    const noGroups = block('stage2/0', 1, {
      mode: 'channel',
      grid: null,
      channel: Uint8Array.of(0, 0),
    });
    expect(blockSkipped(gateOff)).toBe(true);
    expect(blockSkipped(gateOn)).toBe(false);
    expect(blockSkipped(noGroups)).toBe(true);
    expect(blockSkipped(block('stage1/0', 0))).toBe(false);
  });

  it('formats rates as percent with one decimal', () => {
    expect(formatMaskRate(0.5)).toBe('50.0%');
    expect(formatMaskRate(25 / 49)).toBe('51.0%');
  });
});
