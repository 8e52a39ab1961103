import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import type { ConfigStageMode, StudioConfig } from '../../../core/config';
import { exportTrainingFlags, parseTrainingFlags } from '../../../core/export/trainingFlags';
import { configFlops } from '../../../core/flops';

describe('exportTrainingFlags', () => {
  it('writes the reference flags for the default ResNet-50 configuration', () => {
    const out = exportTrainingFlags(defaultConfig('resnet50'));
    expect(out.line).toMatch(
      /^--arch uni_resnet50 --dyn_mode spatial-spatial-spatial-spatial --mask_spatial_granularity 4-4-2-1 --channel_dyn_granularity 2-2-2-2 --mask_channel_group 1-1-1-1 --channel_masker MLP-MLP-MLP-MLP --channel_masker_layers 2-2-2-2 --channel_masker_reduction 16-16-16-16 --target_rate 0\.\d+$/,
    );
    expect(out.warnings).toEqual([]);
    expect(out.expressible).toBe(true);
    // --target_rate is the FLOPs ratio, not the activation rate 0.5 (conv1 dilation, maskers, stem, head).
    const t = Number(out.flags.find(([k]) => k === '--target_rate')?.[1]);
    expect(t).toBeGreaterThan(0.5);
    expect(t).toBeCloseTo(configFlops(defaultConfig('resnet50')).flopsRatio, 7);
  });

  it('maps modes: both for spatial+channel, stage resolutions for layer', () => {
    const c = defaultConfig('regnety008');
    c.stages[0]!.mode = 'spatial+channel';
    c.stages[1]!.mode = 'layer';
    c.stages[1]!.spatialGranularity = 28;
    c.stages[2]!.mode = 'channel';
    const out = exportTrainingFlags(c);
    expect(out.line).toContain('--arch lad_regnet_y_800mf');
    expect(out.line).toContain('--dyn_mode both-layer-channel-spatial');
    expect(out.line).toContain('--mask_spatial_granularity 4-28-2-1');
  });

  it('flags static stages and non-uniform rates as not expressible', () => {
    const c = defaultConfig('resnet50');
    c.stages[3]!.mode = 'static';
    c.blockRates = { 'stage1/0': 0.9 };
    const out = exportTrainingFlags(c);
    expect(out.expressible).toBe(false);
    expect(out.warnings.join('\n')).toMatch(/stage 4 is static/);
    expect(out.warnings.join('\n')).toMatch(/per-stage and per-block rates are not expressible/);
  });
});

/** A deterministic set of configurations covering every mode, S, G and several rates. */
function roundTripCases(): StudioConfig[] {
  const modes: ConfigStageMode[] = ['spatial', 'channel', 'layer', 'spatial+channel', 'static'];
  const out: StudioConfig[] = [];
  const models = ['resnet50', 'resnet101', 'regnety004', 'regnety008'];
  for (let i = 0; i < 40; i++) {
    const c = defaultConfig(models[i % 4], i % 3 === 0 ? 'tx2' : 'v100');
    c.name = `case ${i}`;
    c.targetRate = [0.2, 0.35, 0.5, 0.61, 0.8, 0.95, 0.07, 0.4413][i % 8]!;
    c.stages.forEach((s, j) => {
      s.mode = modes[(i + j) % (i % 5 === 4 ? 5 : 4)]!; // every 5th case also has static stages
      const res = [56, 28, 14, 7][j]!;
      const sizes = [1, 2, 7, res].filter((v) => res % v === 0);
      s.spatialGranularity = s.mode === 'layer' ? res : sizes[(i + 2 * j) % sizes.length]!;
      s.channelGroupSize = [1, 2, 4, 8][(i + j) % 4]!;
    });
    out.push(c);
  }
  return out;
}

describe('training flags round trip (acceptance 4)', () => {
  it('exported flags parse back into the same configuration', () => {
    for (const c of roundTripCases()) {
      if (c.stages.every((s) => s.mode === 'static')) continue;
      const { line } = exportTrainingFlags(c);
      const back = parseTrainingFlags(line, c);
      if (!back.ok) throw new Error(`${c.name}: ${back.error}`);
      expect(back.config, `${c.name}: ${line}`).toEqual(c);
    }
  });

  it('parses the flags alone (no base) into the model defaults plus the flags', () => {
    const res = parseTrainingFlags(
      'python train.py --arch uni_resnet101 --dyn_mode layer-layer-spatial-channel --mask_spatial_granularity=56-28-7-1 ' +
        '--channel_dyn_granularity 2-2-2-4 --lr 0.1 --target_rate 0.6',
    );
    if (!res.ok) throw new Error(res.error);
    expect(res.config.model).toEqual({ kind: 'builtin', id: 'resnet101' });
    expect(
      res.config.stages.map((s) => [s.mode, s.spatialGranularity, s.channelGroupSize]),
    ).toEqual([
      ['layer', 56, 2],
      ['layer', 28, 2],
      ['spatial', 7, 2],
      ['channel', 1, 4],
    ]);
    expect(configFlops(res.config).flopsRatio).toBeCloseTo(0.6, 6);
  });

  it('rejects unknown architectures, bad lists and invalid granularities with the flag name', () => {
    const bad = (line: string, ...parts: string[]) => {
      const r = parseTrainingFlags(line);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const p of parts) expect(r.error).toContain(p);
    };
    bad('--dyn_mode spatial-spatial-spatial-spatial', '--arch');
    bad('--arch vgg16 --dyn_mode spatial-spatial-spatial-spatial', '--arch', 'uni_resnet50');
    bad('--arch uni_resnet50 --dyn_mode spatial-spatial-spatial', '--dyn_mode', '4 values');
    bad('--arch uni_resnet50 --dyn_mode spatial-foo-spatial-spatial', '--dyn_mode');
    bad(
      '--arch uni_resnet50 --dyn_mode spatial-spatial-spatial-spatial --mask_spatial_granularity 3-4-2-1',
      'spatialGranularity',
      '1, 2, 4, 7, 8, 14, 28, 56',
    );
    bad(
      '--arch uni_resnet50 --dyn_mode spatial-spatial-spatial-spatial --target_rate abc',
      '--target_rate',
    );
  });
});
