import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { architectureOrNull } from '../../../../renderer/src/store/selectors';
import { stripData, type StripBlock } from '../../../../renderer/src/views/strip/stripData';
import { stripDrawPlan, type StripColors } from '../../../../renderer/src/views/strip/stripPlan';

const colors: StripColors = {
  panel: 'P',
  panel2: 'P2',
  text: 'T',
  text2: 'T2',
  stages: ['S1', 'S2', 'S3', 'S4'],
  mono: 'mono',
};

function block(
  key: string,
  stage: number,
  dynamics: Partial<StripBlock['dynamics']>,
  extra: Partial<StripBlock> = {},
): StripBlock {
  return {
    key,
    stage,
    index: 0,
    dynamics: {
      mode: 'spatial',
      spatialGranularity: 2,
      channelGroupSize: 8,
      rate: 0.5,
      channelRate: 1,
      ...dynamics,
    },
    channelGroups: 4,
    gridSide: 2,
    ...extra,
  };
}

describe('stripDrawPlan', () => {
  it('draws a channel block as a group bar filled to the kept groups, with its rate under it', () => {
    const b = block('stage3/0', 2, { mode: 'channel', rate: 0.25 });
    const ops = stripDrawPlan(
      [{ block: b, box: { x: 10, y: 20, w: 40, h: 52 }, selected: false }],
      colors,
    );
    expect(ops).toEqual([
      { kind: 'clip', x: 11, y: 21, w: 38, h: 50 },
      { kind: 'rect', x: 22, y: 37, w: 16, h: 6, fill: 'P' },
      { kind: 'rect', x: 22, y: 37, w: 4, h: 6, fill: 'S3' },
      { kind: 'rect', x: 25.6, y: 37, w: 0.8, h: 6, fill: 'P2' },
      { kind: 'rect', x: 29.6, y: 37, w: 0.8, h: 6, fill: 'P2' },
      { kind: 'rect', x: 33.6, y: 37, w: 0.8, h: 6, fill: 'P2' },
      { kind: 'rect', x: 21.5, y: 36.5, w: 17, h: 7, stroke: 'S3', lineWidth: 1, alpha: 0.4 },
      { kind: 'text', x: 30, y: 50.5, text: '0.25', color: 'T2', font: '400 9.5px mono' },
      { kind: 'unclip' },
    ]);
  });

  it('draws every kept cell of a spatial mask and drops the rate on a narrow block', () => {
    const b = block('stage1/0', 0, { rate: 1 });
    // 20 px wide and selected (2 px border): 16 px of content, too narrow for the rate.
    const ops = stripDrawPlan(
      [{ block: b, box: { x: 0, y: 0, w: 20, h: 52 }, selected: true }],
      colors,
    );
    expect(ops).toEqual([
      { kind: 'clip', x: 2, y: 2, w: 16, h: 48 },
      { kind: 'rect', x: 2, y: 18, w: 16, h: 16, fill: 'P' },
      { kind: 'rect', x: 2.5, y: 18.5, w: 7, h: 7, fill: 'S1' },
      { kind: 'rect', x: 10.5, y: 18.5, w: 7, h: 7, fill: 'S1' },
      { kind: 'rect', x: 2.5, y: 26.5, w: 7, h: 7, fill: 'S1' },
      { kind: 'rect', x: 10.5, y: 26.5, w: 7, h: 7, fill: 'S1' },
      { kind: 'rect', x: 1.5, y: 17.5, w: 17, h: 17, stroke: 'S1', lineWidth: 1, alpha: 0.4 },
      { kind: 'unclip' },
    ]);
    // Rate 0: the empty grid and its outline only.
    const none = stripDrawPlan(
      [
        {
          block: block('stage1/0', 0, { rate: 0 }),
          box: { x: 0, y: 0, w: 20, h: 52 },
          selected: true,
        },
      ],
      colors,
    );
    expect(none.map((op) => (op.kind === 'rect' ? (op.fill ?? op.stroke) : op.kind))).toEqual([
      'clip',
      'P',
      'S1',
      'unclip',
    ]);
  });

  it('draws a layer gate tile and the selected block’s rate in bold; static blocks show a dash', () => {
    const layer = block('stage2/0', 1, { mode: 'layer', rate: 0.5 });
    const ops = stripDrawPlan(
      [{ block: layer, box: { x: 0, y: 0, w: 40, h: 52 }, selected: true, gate: false }],
      colors,
    );
    expect(ops).toEqual([
      { kind: 'clip', x: 2, y: 2, w: 36, h: 48 },
      {
        kind: 'rect',
        ...{ x: 12.75, y: 16.75, w: 14.5, h: 6.5 },
        ...{ fill: 'P', stroke: 'S2', lineWidth: 1.5, radius: 1.5 },
      },
      { kind: 'rect', x: 11.5, y: 15.5, w: 17, h: 9, stroke: 'S2', lineWidth: 1, alpha: 0.4 },
      { kind: 'text', x: 20, y: 31.5, text: '0.50', color: 'T', font: '700 9.5px mono' },
      { kind: 'unclip' },
    ]);
    const on = stripDrawPlan(
      [{ block: layer, box: { x: 0, y: 0, w: 40, h: 52 }, selected: false, gate: true }],
      colors,
    );
    expect(on[1]).toMatchObject({ fill: 'S2', stroke: 'S2' });
    const still = block('stage4/0', 3, { mode: 'static' });
    expect(
      stripDrawPlan([{ block: still, box: { x: 0, y: 0, w: 40, h: 52 }, selected: false }], colors),
    ).toEqual([
      { kind: 'clip', x: 1, y: 1, w: 38, h: 50 },
      { kind: 'text', x: 20, y: 26, text: '—', color: 'T2', font: '400 9.5px mono' },
      { kind: 'unclip' },
    ]);
    // Too narrow for text and nothing to picture: nothing drawn.
    expect(
      stripDrawPlan([{ block: still, box: { x: 0, y: 0, w: 20, h: 52 }, selected: false }], colors),
    ).toEqual([]);
  });

  it('pictures a mask grid for spatial blocks and a group bar for channel blocks of a real network', () => {
    const base = defaultConfig('resnet50', 'v100');
    const modes = ['static', 'layer', 'channel', 'spatial+channel'] as const;
    const config = {
      ...base,
      stages: base.stages.map((s, i) => ({ ...s, mode: modes[i]!, rate: 0.25 })),
    };
    const stages = stripData(config, architectureOrNull(config)!);
    // Pictures per stage, counted by their outlines (one per picture).
    const pictures = stages.map(
      (st) =>
        stripDrawPlan(
          st.blocks.map((b) => ({ block: b, box: { x: 0, y: 0, w: 40, h: 52 }, selected: false })),
          colors,
        ).filter((op) => op.kind === 'rect' && op.alpha === 0.4).length,
    );
    expect(pictures).toEqual([0, 0, 6, 2 * 3]);
  });
});
