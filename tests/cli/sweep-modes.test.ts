import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/run';
import { defaultConfig } from '../../core/config/defaults';
import { predictConfig } from '../../core/solvers/predict';

async function run(args: string[]) {
  const io = memoryIo();
  const status = await runCli(args, io);
  return { status, rows: io.stdout.trim().split('\n'), stderr: io.stderr };
}

const common = ['sweep', '--model', 'resnet50', '--hardware', 'v100'];

describe('laudnet sweep with one mode per stage', () => {
  it('sweeps a mixed configuration and meets its prediction at the configured rate', async () => {
    const r = await run([
      ...common,
      '--mode',
      'spatial-spatial-layer-static',
      '--granularity',
      '4-4-14-1',
      '--rates',
      '0.3,0.5',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.rows).toHaveLength(3);
    const cells = r.rows[2]!.split(',');
    expect(cells.slice(0, 5)).toEqual([
      'all',
      'spatial-spatial-layer-static',
      '4-4-14-1',
      '1-1-1-1',
      '0.5',
    ]);
    const base = defaultConfig('resnet50');
    const modes = ['spatial', 'spatial', 'layer', 'static'] as const;
    const c = {
      ...base,
      targetRate: 0.5,
      stages: base.stages.map((s, i) => ({ ...s, mode: modes[i]!, rate: null })),
    };
    const expected = predictConfig(c).ratio;
    expect(Math.abs(Number(cells[7]) - expected) / expected).toBeLessThan(1e-12);
  });

  it('refuses a per-stage mode list with --stage or --granularities, naming why', async () => {
    const staged = await run([...common, '--mode', 'spatial-layer-layer-static', '--stage', '1']);
    expect(staged.status).toBe(2);
    expect(staged.stderr).toMatch(/whole-network sweep/);
    const grans = await run([
      ...common,
      '--mode',
      'spatial-layer-layer-static',
      '--granularities',
      '1,2',
    ]);
    expect(grans.status).toBe(2);
    expect(grans.stderr).toMatch(/--granularities: not with a per-stage list/);
    const count = await run([...common, '--mode', 'spatial-layer']);
    expect(count.status).toBe(2);
    expect(count.stderr).toMatch(/expected 1 or 4 values/);
  });
});
