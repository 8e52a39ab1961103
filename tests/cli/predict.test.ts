import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';
import { COMMANDS } from '../../cli/commands';
import { findBuiltinArchitecture } from '../../core/arch';
import {
  createPredictor,
  predictNetwork,
  resolveHardware,
  uniformRates,
} from '../../core/predictor';

const resnet50 = findBuiltinArchitecture('resnet50')!;

const expected = (
  hw: string,
  mode: 'spatial' | 'channel' | 'layer',
  g: number[],
  gc: number[],
  rate: number,
  mc1 = false,
) =>
  predictNetwork(createPredictor(resolveHardware(hw, mc1 ? { memConcurrentFp32: 1 } : undefined)), {
    arch: resnet50,
    modes: [mode, mode, mode, mode],
    granularity: g,
    channelGranularity: gc,
    rates: uniformRates(resnet50, rate),
  });

describe('laudnet predict', () => {
  it('--json gives the core prediction with hardware and configuration', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--granularity',
      '4-4-2-1',
      '--rate',
      '0.5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const want = expected('v100', 'spatial', [4, 4, 2, 1], [1, 1, 1, 1], 0.5);
    expect(out.latencyS).toBe(want.latencyS);
    expect(out.staticLatencyS).toBe(want.staticLatencyS);
    expect(out.ratio).toBe(want.ratio);
    expect(out.latencyMsPerImage).toBe(want.latencyMsPerImage);
    expect(out).toMatchObject({
      model: 'resnet50',
      granularity: [4, 4, 2, 1],
      hardware: { id: 'v100', validated: true },
    });
    expect((out.blocks as unknown[]).length).toBe(16);
  });

  it('channel granularity and the memory-concurrency variant reach the core', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--mode',
      'channel',
      '--channel-granularity',
      '2-2-2-2',
      '--mem-concurrent-fp32',
      '1',
      '--rate',
      '0.3',
      '--json',
    ]);
    expect((JSON.parse(r.stdout) as { latencyS: number }).latencyS).toBe(
      expected('tx2', 'channel', [1, 1, 1, 1], [2, 2, 2, 2], 0.3, true).latencyS,
    );
  });

  it('prints a table with one row per block and the totals', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'layer',
      '--rate',
      '0.5',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ResNet-50 on NVIDIA Tesla V100 \(batch 128\), layer/);
    expect(r.stdout.split('\n').filter((l) => /^stage\d\/\d+ /.test(l))).toHaveLength(16);
    const want = expected('v100', 'layer', [1, 1, 1, 1], [1, 1, 1, 1], 0.5);
    expect(r.stdout).toContain(`ratio          ${want.ratio.toFixed(4)}`);
    expect(r.stdout).toContain(`(${want.latencyMsPerImage.toFixed(4)} ms per image)`);
  });

  it('--ops lists the operators with tiles and launches', async () => {
    const r = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--granularity',
      '4-4-2-1',
      '--rate',
      '0.5',
      '--ops',
    ]);
    expect(r.stdout).toMatch(/ {2}masker\+conv1 .* launch/);
    expect(r.stdout).toMatch(/ {2}scatter_add .*npp \d+, \d+ tiles/);
  });

  it('per-block rates, per-stage modes, spatial+channel ("both") and partial patches', async () => {
    const rates = Array.from({ length: 16 }, (_, k) => (k % 2 ? 0.25 : 0.75)).join('-');
    const a = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial-channel-layer-static',
      '--granularity',
      '4-4-2-1',
      '--rate',
      rates,
      '--json',
    ]);
    expect(a.code).toBe(0);
    const blocks = (JSON.parse(a.stdout) as { blocks: { mode: string; rate: number }[] }).blocks;
    expect(blocks[0]).toMatchObject({ mode: 'spatial', rate: 0.75 });
    expect(blocks[1]).toMatchObject({ mode: 'spatial', rate: 0.25 });
    expect(blocks[15]!.mode).toBe('static');
    const b = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'both',
      '--granularity',
      '4-4-2-1',
      '--rate',
      '0.5',
      '--channel-rate',
      '0.5',
      '--json',
    ]);
    expect(b.code).toBe(0);
    expect((JSON.parse(b.stdout) as { modes: string[] }).modes[0]).toBe('spatial+channel');
    const c = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'both',
      '--rate',
      '0.5',
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/needs a channel rate/);
    const d = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--granularity',
      '4',
      '--rate',
      '0.5',
      '--allow-partial-patches',
    ]);
    expect(d.code).toBe(0);
  });

  it('reads custom hardware and architecture files', async () => {
    const hw = JSON.stringify({ preset: 'v100', batchSize: 1 });
    const arch = JSON.stringify({
      ...resnet50,
      id: 'mini',
      label: 'Mini',
      stages: resnet50.stages.map((s) => ({ ...s, blocks: 1 })),
    });
    const r = await run(
      [
        'predict',
        '--arch-file',
        'a.json',
        '--hardware-file',
        'h.json',
        '--mode',
        'spatial',
        '--rate',
        '0.5',
        '--json',
      ],
      { 'a.json': arch, 'h.json': hw },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { batchSize: number; blocks: unknown[]; model: string };
    expect(out).toMatchObject({ batchSize: 1, model: 'mini' });
    expect(out.blocks).toHaveLength(4);
    const bad = await run(
      ['predict', '--model', 'resnet50', '--hardware-file', 'h.json', '--mode', 'static'],
      { 'h.json': '{"preset":"v100","nPes":0}' },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nPes \(number of SMs\) must be between 1 and 100000/);
    const missing = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware-file',
      'nope.json',
      '--mode',
      'static',
    ]);
    expect(missing.stderr).toMatch(/cannot read 'nope.json'/);
  });

  it('--input echoes ids, accepts arrays and dash strings, and refuses unknown keys', async () => {
    const lines = [
      JSON.stringify({
        id: 'a',
        model: 'resnet50',
        hardware: 'v100',
        mode: 'spatial',
        granularity: [4, 4, 2, 1],
        rate: 0.5,
      }),
      JSON.stringify({
        model: 'resnet50',
        hardware: 'v100',
        mode: 'spatial',
        granularity: '4-4-2-1',
        rate: 0.5,
        rates: 1,
      }),
      JSON.stringify({
        model: 'resnet50',
        hardware: { nPes: 4, peFp32s: 128, frequencyHz: 1e9, memBandwidthBytesPerS: 5e10 },
        mode: 'static',
      }),
    ];
    const r = await run(['predict', '--input', 'c.jsonl'], { 'c.jsonl': lines.join('\n') });
    expect(r.code).toBe(2);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({
      id: 'a',
      ratio: expected('v100', 'spatial', [4, 4, 2, 1], [1, 1, 1, 1], 0.5).ratio,
      mode: 'spatial',
    });
    expect(out[1]!.error).toMatch(/unknown key\(s\) rates \(valid: id, model, hardware/);
    expect(out[2]).toMatchObject({ hardware: 'custom', batchSize: 1 });
    // Static mode sums the blocks one by one, the static total is first + (n − 1)·other: equal to rounding.
    expect(out[2]!.ratio).toBeCloseTo(1, 14);
  });

  it('help lists every command of the table', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
    const h = await run(['help', 'predict']);
    expect(h.stdout).toMatch(/--channel-granularity G/);
    expect((await run([])).code).toBe(2);
  });
});
