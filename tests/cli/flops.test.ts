import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';
import { defaultConfig, serializeConfig } from '../../core/config';

interface FlopsJson {
  staticGMacs: number;
  dynamicGMacs: number;
  flopsRatio: number;
  torchvisionStaticGMacs: number;
  conv1OverheadGMacs: number;
  blocks: {
    key: string;
    conv1Density: number;
    conv2Density: number;
    conv1OverheadGMacs: number;
    dynamicGMacs: number;
  }[];
}

describe('laudnet flops', () => {
  it('--json has the static/dynamic totals, the ratio and per-block figures (acceptance 2)', async () => {
    const r = await run([
      'flops',
      '--model',
      'resnet50',
      '--mode',
      'spatial',
      '--granularity',
      '4-4-2-1',
      '--rate',
      '0.5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as FlopsJson;
    // The reference training code's numbers for this configuration (flops-accounting spec §4).
    expect(j.staticGMacs * 1e9).toBeCloseTo(4_091_091_944, 0);
    expect(j.dynamicGMacs * 1e9).toBeCloseTo(2_531_101_696, 0);
    expect(j.flopsRatio).toBeCloseTo(0.618686094237534, 12);
    // The second, labelled figure: torchvision's convention (published 4.09 G).
    expect(j.torchvisionStaticGMacs * 1e9).toBeCloseTo(4_089_184_256, 0);
    expect(j.dynamicGMacs / j.staticGMacs).toBeCloseTo(j.flopsRatio, 12);
    expect(j.blocks).toHaveLength(16);
    expect(j.conv1OverheadGMacs).toBeGreaterThan(0);
    for (const b of j.blocks) expect(b.conv1Density).toBeGreaterThan(b.conv2Density);
    const sum = j.blocks.reduce((s, b) => s + b.conv1OverheadGMacs, 0);
    expect(sum).toBeCloseTo(j.conv1OverheadGMacs, 9);
  });

  it('the table names the conv1 overhead and the --target_rate', async () => {
    const r = await run(['flops', '--model', 'resnet50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FLOPs ratio \(--target_rate\) 0\.6\d+ at activation rate 0\.5/);
    expect(r.stdout).toMatch(/conv1 dilation overhead\s+0\.\d+ GMACs/);
    expect(r.stdout).toContain('As the reference training code counts them');
    expect(r.stdout).toMatch(/torchvision-style static MACs 4\.0892 GMACs/);
  });

  it('reads a configuration file', async () => {
    const c = defaultConfig('regnety004');
    c.stages.forEach((s) => (s.mode = 'static'));
    const r = await run(['flops', '--config', 'c.json', '--json'], {
      'c.json': serializeConfig(c),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as FlopsJson).flopsRatio).toBe(1);
  });

  it('exits 2 with the valid values on bad input', async () => {
    const bad = await run(['flops', '--model', 'resnet50', '--granularity', '3-4-2-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('1, 2, 4, 7, 8, 14, 28, 56');
    const unknown = await run(['flops', '--model', 'vgg']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('resnet50');
    const rate = await run(['flops', '--model', 'resnet50', '--rate', '1.5']);
    expect(rate.code).toBe(2);
    const file = await run(['flops', '--config', 'missing.json']);
    expect(file.code).toBe(2);
    const broken = await run(['flops', '--config', 'c.json'], {
      'c.json': '{"format": "laudnet-studio-config", "version": 1}',
    });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('name: missing');
  });
});
