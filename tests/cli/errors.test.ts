// Acceptance 4: every bad input gives exit status 2 and a message naming the valid values (spawned CLI).
import { describe, expect, it } from 'vitest';
import { spawnCli } from './cli-helpers';

const predict = ['predict', '--model', 'resnet101', '--hardware', 'v100', '--mode', 'spatial'];

describe('CLI error paths (spawned)', () => {
  it('unknown model names the valid models', () => {
    const r = spawnCli([
      'predict',
      '--model',
      'resnet18',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--rate',
      '0.5',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /unknown model 'resnet18' \(valid: resnet50, resnet101, regnety004, regnety008\)/,
    );
    expect(r.stdout).toBe('');
  });

  it('unknown hardware names the valid presets', () => {
    const r = spawnCli([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'k80',
      '--mode',
      'spatial',
      '--rate',
      '0.5',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /unknown hardware 'k80' \(valid: v100, 3090, 3060, tx2, nano, a100, h100-sxm, rtx4090, agx-orin, orin-nano/,
    );
  });

  it('a granularity that does not divide the feature size names the divisors', () => {
    const r = spawnCli([...predict, '--granularity', '4-4-4-4', '--rate', '0.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /granularity of stage 3: 4 does not divide the feature size 14 \(valid: 1, 2, 7, 14\)/,
    );
    expect(r.stderr).toMatch(/stage 4: 4 does not divide the feature size 7 \(valid: 1, 7\)/);
  });

  it('a rate outside [0, 1] is refused', () => {
    const r = spawnCli([...predict, '--granularity', '4-4-2-1', '--rate', '1.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rate 1.5 is outside \[0, 1\] \(valid: 0 to 1\)/);
  });

  it('a wrong number of per-block rates names the expected counts', () => {
    const r = spawnCli([...predict, '--granularity', '4-4-2-1', '--rate', '0.5-0.4-0.3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /expected 1 rate or 33 per-block rates \(blocks per stage 3-4-23-3\), got 3/,
    );
  });

  it('an unknown mode, option or command names the valid ones', () => {
    const mode = spawnCli([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'sparse',
      '--rate',
      '0.5',
    ]);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toMatch(
      /unknown mode 'sparse' \(valid: static, spatial, channel, layer, spatial\+channel/,
    );
    const opt = spawnCli(['predict', '--modle', 'resnet50']);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toMatch(/unknown option --modle \(valid: --model, --arch-file/);
    const cmd = spawnCli(['forecast']);
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'forecast' \(valid: predict, sweep/);
  });

  it('--input: a bad line prints {"error"} and the others go on; exit 2', () => {
    const lines = [
      { model: 'resnet50', hardware: 'v100', mode: 'spatial', granularity: '4-4-2-1', rate: 0.5 },
      { model: 'resnet50', hardware: 'gtx', mode: 'spatial', rate: 0.5 },
      {
        model: 'resnet50',
        hardware: 'tx2',
        mode: 'channel',
        channelGranularity: [2, 2, 2, 2],
        rate: '0.5',
        hardwareOverrides: { memConcurrentFp32: 1 },
      },
    ];
    const r = spawnCli(
      ['predict', '--input', '-'],
      lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n',
    );
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({
      latencyS: expect.any(Number) as number,
      staticLatencyS: expect.any(Number) as number,
      ratio: expect.any(Number) as number,
    });
    expect(out[1]!.error).toMatch(/unknown hardware 'gtx' \(valid: v100/);
    expect(out[2]).toMatchObject({ hardware: 'tx2', batchSize: 1 });
    expect(out[3]!.error).toMatch(/not valid JSON/);
  });

  it('sweep: bad stage and bad granularity exit 2 naming the valid values', () => {
    const base = ['sweep', '--model', 'resnet50', '--hardware', 'v100', '--mode', 'spatial'];
    const stage = spawnCli([...base, '--granularities', '1,2', '--stage', '5']);
    expect(stage.status).toBe(2);
    expect(stage.stderr).toMatch(/--stage 5 does not exist \(valid: 1 to 4\)/);
    const g = spawnCli([...base, '--granularities', '1,3', '--stage', '2']);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(
      /granularity 3 does not divide the feature size 28 of stage 2 \(valid: 1, 2, 4, 7, 14, 28/,
    );
    const rates = spawnCli([...base, '--granularities', '1', '--rates', '0:2:0.5']);
    expect(rates.status).toBe(2);
    expect(rates.stderr).toMatch(/rate 1.5 is outside \[0, 1\]/);
  });

  it('a valid prediction exits 0 with the JSON fields of the issue', () => {
    const r = spawnCli([...predict, '--granularity', '4-4-2-1', '--rate', '0.5', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of [
      'latencyS',
      'staticLatencyS',
      'ratio',
      'latencyMsPerImage',
      'batchSize',
      'blocks',
    ])
      expect(out).toHaveProperty(k);
    expect(out.batchSize).toBe(128);
    expect(out.blocks).toHaveLength(33);
  });
});
