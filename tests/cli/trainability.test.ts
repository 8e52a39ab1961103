/** Acceptance 3 of issue 11: settings the reference code cannot train are predicted but never exported. */
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/run';
import { spawnCli } from './cli-helpers';

async function run(argv: string[]) {
  const io = memoryIo({});
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('trainability in the CLI', () => {
  it('export --model regnety004 --mode layer … --format train-flags exits 2 naming the reason', () => {
    const r = spawnCli([
      'export',
      '--model',
      'regnety004',
      '--mode',
      'layer',
      '--rate',
      '0.5',
      '--format',
      'train-flags',
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'stage 1: not trainable with the reference code: RegNetY-400MF has no layer mode in the reference code',
    );
    expect(r.stderr.match(/not trainable with the reference code/g)).toHaveLength(4);
  });

  it('export refuses a G that does not divide the bottleneck width, on the stages concerned only', async () => {
    const r = await run([
      'export',
      '--model',
      'resnet50',
      '--mode',
      'spatial-spatial-spatial-channel',
      '--channel-granularity',
      '2-2-2-3',
      '--rate',
      '0.5',
      '--format',
      'train-flags',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'stage 4: not trainable with the reference code: G = 3 does not divide the bottleneck width m = 512',
    );
    expect(r.stderr).not.toContain('stage 1:');
  });

  it('other export formats still work for such a configuration (the report lists the reason)', async () => {
    const r = await run([
      'export',
      '--model',
      'regnety004',
      '--mode',
      'layer',
      '--rate',
      '0.5',
      '--hardware',
      'v100',
      '--format',
      'md',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not trainable with the reference code');
  });

  it('predict still answers, with the same sentence as a note', async () => {
    const text = await run([
      'predict',
      '--model',
      'regnety004',
      '--hardware',
      'v100',
      '--mode',
      'layer',
      '--rate',
      '0.5',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ratio\s+0\.\d+/);
    expect(text.stderr).toContain('note: stage 2: not trainable with the reference code');
    const json = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'channel',
      '--channel-granularity',
      '3',
      '--rate',
      '0.5',
      '--json',
    ]);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as {
      ratio: number;
      trainable: boolean;
      notTrainable: string[];
    };
    expect(j.ratio).toBeGreaterThan(0);
    expect(j.trainable).toBe(false);
    expect(j.notTrainable).toHaveLength(4);
    const ok = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'layer',
      '--rate',
      '0.5',
      '--json',
    ]);
    expect((JSON.parse(ok.stdout) as { trainable: boolean }).trainable).toBe(true);
  });

  it('layer-mode exports do not warn about S when none was given, and do when one was', async () => {
    const plain = await run([
      'export',
      '--model',
      'resnet101',
      '--mode',
      'layer',
      '--rate',
      '0.5',
      '--format',
      'train-flags',
    ]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('--mask_spatial_granularity 56-28-14-7');
    expect(plain.stderr).toBe('');
    const given = await run([
      'export',
      '--model',
      'resnet101',
      '--mode',
      'layer',
      '--granularity',
      '4-4-2-1',
      '--rate',
      '0.5',
      '--format',
      'train-flags',
    ]);
    expect(given.code).toBe(0);
    expect(given.stderr).toContain(
      'stage 1 is in layer mode: --mask_spatial_granularity carries its resolution 56, not S = 4',
    );
  });
});
