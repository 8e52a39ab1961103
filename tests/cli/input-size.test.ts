/** `--input-size HxW` on predict, flops, export and sweep, and `inputSize` in predict --input JSONL. */
import { describe, expect, it } from 'vitest';
import { defaultConfig, serializeConfig } from '../../core/config';
import { run } from './cli-helpers';

interface PredictJson {
  inputSize: string;
  stageSizes: string[];
  partialPatches: string[];
  staticLatencyS: number;
  latencyS: number;
  trainable: boolean;
  notTrainable: string[];
}

describe('--input-size', () => {
  it('predict: ResNet-101 static on V100 at 800×1333 (height × width)', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet101',
      '--hardware',
      'v100',
      '--mode',
      'static',
      '--input-size',
      '800x1333',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as PredictJson;
    expect(j.inputSize).toBe('800x1333');
    expect(j.stageSizes).toEqual(['200x334', '100x167', '50x84', '25x42']);
    // The same value as tests/core/arch/inputSize.test.ts derives from the hand-listed block shapes.
    expect(j.staticLatencyS).toBeCloseTo(3.8170738896828382, 12);
    expect(j.trainable).toBe(false);
    expect(j.notTrainable[0]).toMatch(/224×224 only/);
    const swapped = await run(
      ['predict', '--model', 'resnet101', '--hardware', 'v100', '--mode', 'static'].concat([
        '--input-size',
        '1333x800',
        '--json',
      ]),
    );
    expect((JSON.parse(swapped.stdout) as PredictJson).staticLatencyS).not.toBe(j.staticLatencyS);
  });

  it('predict: spatial mode labels partial border patches (ceiling rule)', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet101',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--granularity',
      '4',
      '--rate',
      '0.5',
      '--input-size',
      '800x1333',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ResNet-101, input 800×1333 on');
    expect(r.stderr).toContain(
      'note: stage 2 (100×167), S=4: partial border patches on the width (167 = 41·4 + 3) (ceiling rule)',
    );
    // At 224 the same S divides every map: no partial-patch note.
    const at224 = await run(
      ['predict', '--model', 'resnet101', '--hardware', 'v100', '--mode', 'spatial'].concat([
        '--granularity',
        '4-4-2-1',
        '--rate',
        '0.5',
      ]),
    );
    expect(at224.stderr).not.toContain('partial');
  });

  it('refuses bad sizes with what was expected and what was found', async () => {
    const r = await run(
      ['predict', '--model', 'resnet50', '--hardware', 'v100'].concat([
        '--mode',
        'static',
        '--input-size',
        '800by1333',
      ]),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--input-size: expected .*"HxW".*got "800by1333"/);
    const small = await run(['flops', '--model', 'resnet50', '--input-size', '16x224']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/height: 16 is outside 32 to 4096/);
  });

  it('predict --input: the inputSize key, and its round trip through a configuration file', async () => {
    const lines = [
      { model: 'resnet101', hardware: 'v100', mode: 'static', inputSize: '800x1333' },
      { model: 'resnet101', hardware: 'v100', mode: 'static', inputSize: [800, 1333] },
      { model: 'resnet101', hardware: 'v100', mode: 'static', inputSize: 'big' },
    ];
    const r = await run(['predict', '--input', 'in.jsonl'], {
      'in.jsonl': lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(r.code).toBe(2);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as PredictJson & { error?: string });
    expect(out[0]!.staticLatencyS).toBeCloseTo(3.8170738896828382, 12);
    expect(out[1]!.staticLatencyS).toBe(out[0]!.staticLatencyS);
    expect(out[2]!.error).toMatch(/^inputSize: expected/);

    const exported = await run([
      'export',
      '--model',
      'resnet50',
      '--input-size',
      '512x1024',
      '--format',
      'json',
    ]);
    expect(exported.code).toBe(0);
    expect((JSON.parse(exported.stdout) as { inputSize: unknown }).inputSize).toEqual([512, 1024]);
    const md = await run(['export', '--config', 'c.json', '--format', 'md'], {
      'c.json': exported.stdout,
    });
    expect(md.stdout).toContain('input 512×1024');
  });

  it('export --format train-flags refuses sizes the reference training code cannot train', async () => {
    const c = defaultConfig();
    const r = await run(
      ['export', '--config', 'c.json', '--input-size', '800x1333'].concat([
        '--format',
        'train-flags',
      ]),
      { 'c.json': serializeConfig(c) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/224×224 only; this configuration is at 800×1333/);
    const ok = await run(['export', '--config', 'c.json', '--format', 'train-flags'], {
      'c.json': serializeConfig(c),
    });
    expect(ok.code).toBe(0);
  });

  it('flops: MACs at 800×1333 count h·w per map', async () => {
    const r = await run(['flops', '--model', 'resnet50', '--input-size', '800x1333', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { denseGMacs: { stem: number } };
    expect(j.denseGMacs.stem).toBeCloseTo((3 * 64 * 49 * 400 * 667 + 64 * 200 * 334 * 9) / 1e9, 9);
  });
});
