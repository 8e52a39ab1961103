import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../../core/arch';
import { defaultConfig } from '../../../../core/config/defaults';
import type { StudioConfig } from '../../../../core/config/schema';
import { formatMs } from '../../../../renderer/src/format';
import { analyze } from '../../../../renderer/src/worker/analysis';
import { setTargetRate } from '../../../../renderer/src/store/configEdits';
import {
  blockShape,
  blockOpacity,
  blockTitle,
  groupCells,
  maskCells,
  stageCaption,
  stripData,
} from '../../../../renderer/src/views/strip/stripData';

const resnet50 = findBuiltinArchitecture('resnet50')!;

function stageModes(
  config: StudioConfig,
  modes: StudioConfig['stages'][number]['mode'][],
): StudioConfig {
  return { ...config, stages: config.stages.map((s, i) => ({ ...s, mode: modes[i] ?? s.mode })) };
}

describe('stripData', () => {
  it('lists every block by stage with its setting (published S = 4-4-2-1, G = 2)', () => {
    const stages = stripData(defaultConfig('resnet50'), resnet50);
    expect(stages.map((s) => s.blocks.length)).toEqual([3, 4, 6, 3]);
    expect(stages.map((s) => s.blocks[0]!.dynamics.spatialGranularity)).toEqual([4, 4, 2, 1]);
    // Decision grids: 56/4, 28/4, 14/2, 7/1.
    expect(stages.map((s) => s.blocks[0]!.gridSide)).toEqual([14, 7, 7, 7]);
    // Inner widths 64, 128, 256, 512 in groups of 2.
    expect(stages.map((s) => s.blocks[0]!.channelGroups)).toEqual([32, 64, 128, 256]);
  });

  it('follows block rate overrides', () => {
    const config = { ...defaultConfig('resnet50'), blockRates: { 'stage3/2': 0.8 } };
    const block = stripData(config, resnet50)[2]!.blocks[2]!;
    expect(block.key).toBe('stage3/2');
    expect(block.dynamics.rate).toBe(0.8);
  });

  it('captions stages with their resolution and setting', () => {
    const config = stageModes(defaultConfig('resnet50'), ['static', 'layer', 'channel', 'spatial']);
    expect(stripData(config, resnet50).map(stageCaption)).toEqual([
      'Stage 1 · 56² · static',
      'Stage 2 · 28² · layer',
      'Stage 3 · 14² · G=2',
      'Stage 4 · 7² · S=1',
    ]);
  });
});

describe('blockTitle', () => {
  it('adds the predicted times per image once a prediction covers the block', () => {
    const config = defaultConfig('resnet50', 'v100');
    const block = stripData(config, resnet50)[1]!.blocks[2]!;
    expect(blockTitle(block, null)).toBe('stage2/2: spatial S=4, rate 0.50');
    const { prediction } = analyze(config);
    const p = prediction.blocks.find((b) => b.key === 'stage2/2')!;
    expect(blockTitle(block, prediction)).toBe(
      `stage2/2: spatial S=4, rate 0.50\n${formatMs((p.latencyS * 1000) / 128)} per image (static ${formatMs((p.staticLatencyS * 1000) / 128)})`,
    );
  });
});

describe('strip pictures', () => {
  const blockAt = (config: StudioConfig, stage: number) =>
    stripData(config, resnet50)[stage]!.blocks[0]!;

  it('fills round(rate · cells) cells of the mask grid, at most 4×4', () => {
    const config = { ...defaultConfig('resnet50'), targetRate: 0.3 };
    const { side, kept } = maskCells(blockAt(config, 0));
    expect(side).toBe(4);
    expect(kept.filter(Boolean).length).toBe(5); // round(0.3 · 16)
  });

  it('draws the whole grid of a small decision map', () => {
    const base = defaultConfig('resnet50');
    const config = {
      ...base,
      stages: base.stages.map((s, i) => (i === 3 ? { ...s, spatialGranularity: 7 } : s)),
    };
    const { side, kept } = maskCells(blockAt(config, 3));
    expect(side).toBe(1);
    expect(kept).toEqual([true]); // round(0.5 · 1) = 1
  });

  it('fills the kept fraction of the channel groups', () => {
    const config = { ...stageModes(defaultConfig('resnet50'), ['channel']), targetRate: 0.25 };
    expect(groupCells(blockAt(config, 0))).toEqual({ cells: 8, keptFraction: 0.25 });
  });

  it('fades layer-skipped blocks by their rate only', () => {
    expect(
      blockOpacity({
        mode: 'layer',
        rate: 0,
        spatialGranularity: 1,
        channelGroupSize: 1,
        channelRate: 1,
      }),
    ).toBeCloseTo(0.15, 12);
    expect(
      blockOpacity({
        mode: 'layer',
        rate: 1,
        spatialGranularity: 1,
        channelGroupSize: 1,
        channelRate: 1,
      }),
    ).toBe(1);
    expect(
      blockOpacity({
        mode: 'spatial',
        rate: 0.1,
        spatialGranularity: 1,
        channelGroupSize: 1,
        channelRate: 1,
      }),
    ).toBe(1);
  });

  it('a spatial block’s button looks the same at any rate; a layer block’s fill follows its rate', () => {
    const base = defaultConfig('resnet50');
    const look = (rate: number) => stripData(setTargetRate(base, rate), resnet50)[0]!.blocks[0]!;
    expect(blockShape(look(0.5))).toBe(blockShape(look(0.91)));
    const layered = { ...base, stages: base.stages.map((s) => ({ ...s, mode: 'layer' as const })) };
    const layer = (rate: number) =>
      stripData(setTargetRate(layered, rate), resnet50)[0]!.blocks[0]!;
    expect(blockShape(layer(0.5))).not.toBe(blockShape(layer(0.91)));
    expect(blockShape(look(0.5))).not.toBe(blockShape(layer(0.5)));
  });
});
