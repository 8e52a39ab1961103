import { describe, expect, it } from 'vitest';
import { run as runInMemory } from './cli-helpers';
import { findBuiltinArchitecture } from '../../core/arch';
import { createPredictor, resolveHardware, sweepStage } from '../../core/predictor';

/** The sweep's CSV output, line by line. */
async function run(args: string[]) {
  const r = await runInMemory(args);
  return { status: r.code, rows: r.stdout.trim().split('\n'), stderr: r.stderr };
}

describe('laudnet sweep', () => {
  it('prints the stage curves of the core as CSV', async () => {
    const r = await run([
      'sweep',
      '--model',
      'resnet101',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--granularities',
      '1,2,4,8',
      '--stage',
      '1',
      '--rates',
      '0:1:0.05',
    ]);
    expect(r.status).toBe(0);
    expect(r.rows[0]).toBe(
      'stage,mode,granularity,channel_granularity,rate,latency_s,static_latency_s,ratio',
    );
    expect(r.rows).toHaveLength(1 + 4 * 21);
    const arch = findBuiltinArchitecture('resnet101')!;
    const res = sweepStage(createPredictor(resolveHardware('v100')), {
      arch,
      stage: 0,
      rates: [0.15],
      candidates: [{ mode: 'spatial', granularity: 4 }],
    });
    const pt = res.curves[0]!.points[0]!;
    expect(r.rows).toContain(`1,spatial,4,1,0.15,${pt.latencyS},${pt.staticLatencyS},${pt.ratio}`);
  });

  it('sweeps the whole network with per-stage lists, channel group sizes and layer mode', async () => {
    const s = await run([
      'sweep',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--mode',
      'spatial',
      '--granularities',
      '4-4-2-1,7',
      '--rates',
      '0,1',
    ]);
    expect(s.rows.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'all,spatial,4-4-2-1,1-1-1-1,0',
      'all,spatial,4-4-2-1,1-1-1-1,1',
      'all,spatial,7-7-7-7,1-1-1-1,0',
      'all,spatial,7-7-7-7,1-1-1-1,1',
    ]);
    const c = await run([
      'sweep',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--mode',
      'channel',
      '--granularities',
      '1,2',
      '--stage',
      '3',
      '--rates',
      '0.5',
    ]);
    expect(c.rows.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '3,channel,1,1',
      '3,channel,1,2',
    ]);
    const l = await run([
      'sweep',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--mode',
      'layer',
      '--rates',
      '0,0.5,1',
    ]);
    expect(l.rows).toHaveLength(4);
    const ratios = l.rows.slice(1).map((row) => Number(row.split(',')[7]));
    expect(ratios[0]).toBeLessThan(ratios[1]!);
    expect(ratios[2]).toBeGreaterThan(1);
  });
});
