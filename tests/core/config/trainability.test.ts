import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import { defaultConfig } from '../../../core/config';
import { NOT_TRAINABLE, stageTrainability } from '../../../core/config/trainability';
import { exportTrainingFlags } from '../../../core/export/trainingFlags';

const arch = (id: string) => {
  const a = findBuiltinArchitecture(id);
  if (!a) throw new Error(id);
  return a;
};

describe('stageTrainability (the reference code’s rules)', () => {
  it('RegNet has no layer mode; ResNet has', () => {
    for (const id of ['regnety004', 'regnety008']) {
      const p = stageTrainability(arch(id), 2, 'layer', 1);
      expect(p.map((x) => x.rule)).toEqual(['regnet-layer']);
      expect(p[0]!.message).toMatch(
        /^stage 3: not trainable with the reference code: RegNetY-\d+MF has no layer mode/,
      );
    }
    expect(stageTrainability(arch('resnet50'), 2, 'layer', 1)).toEqual([]);
    expect(stageTrainability(arch('regnety004'), 2, 'spatial', 3)).toEqual([]); // G unused in spatial mode
  });

  it('G must divide the bottleneck width m in channel and spatial+channel modes', () => {
    // ResNet-50 stage 1: m = 256 / 4 = 64; RegNetY-400MF stage 2: m = 104 (bottleneck ratio 1).
    expect(stageTrainability(arch('resnet50'), 0, 'channel', 64)).toEqual([]);
    expect(stageTrainability(arch('resnet50'), 0, 'channel', 16)).toEqual([]);
    const three = stageTrainability(arch('resnet50'), 0, 'channel', 3);
    expect(three).toHaveLength(1);
    expect(three[0]!.reason).toBe(
      'G = 3 does not divide the bottleneck width m = 64 (valid: 1, 2, 4, 8, 16, 32, 64)',
    );
    expect(stageTrainability(arch('regnety004'), 1, 'spatial+channel', 8)).toHaveLength(0);
    expect(stageTrainability(arch('regnety004'), 1, 'both', 16)[0]!.reason).toContain(
      'm = 104 (valid: 1, 2, 4, 8, 13, 26, 52, 104)',
    );
    // 128 > m = 64 in stage 1: the predictor accepts up to the block input width; training cannot.
    expect(stageTrainability(arch('resnet50'), 0, 'channel', 128)).toHaveLength(1);
  });
});

describe('the training-flag export uses the same rule', () => {
  it('lists exactly the stages stageTrainability flags', () => {
    const c = defaultConfig('regnety004');
    expect(exportTrainingFlags(c).notTrainable).toEqual([]);
    c.stages[0]!.mode = 'layer';
    c.stages[3]!.mode = 'channel';
    c.stages[3]!.channelGroupSize = 3; // m = 440
    const p = exportTrainingFlags(c).notTrainable;
    expect(p.map((x) => [x.stage, x.rule])).toEqual([
      [0, 'regnet-layer'],
      [3, 'group-size'],
    ]);
    for (const x of p) expect(x.message).toContain(NOT_TRAINABLE);
  });
});
