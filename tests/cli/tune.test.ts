import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';
import {
  parseConfig,
  resolveHardwareParams,
  toNetworkRequest,
  type StudioConfig,
} from '../../core/config';
import { configFlops } from '../../core/flops';
import { createPredictor, predictNetwork } from '../../core/predictor';

interface TuneJson {
  achievable: boolean;
  flopsRatio: number;
  latencyMsPerImage: number;
  config: StudioConfig;
}

describe('laudnet tune (acceptance 3)', () => {
  it('--budget-ms 0.9 on a V100: predicted latency within 1 % under the budget', async () => {
    const r = await run([
      'tune',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--budget-ms',
      '0.9',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TuneJson;
    // Re-predict the returned configuration independently.
    const ms = predictNetwork(
      createPredictor(resolveHardwareParams(j.config)),
      toNetworkRequest(j.config),
    ).latencyMsPerImage;
    expect(ms).toBeLessThanOrEqual(0.9);
    expect(ms).toBeGreaterThanOrEqual(0.99 * 0.9);
  });

  it('--target-flops 0.5: FLOPs ratio within 0.5 % of the target', async () => {
    const r = await run([
      'tune',
      '--model',
      'regnety008',
      '--hardware',
      'tx2',
      '--mode',
      'layer',
      '--target-flops',
      '0.5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TuneJson;
    expect(Math.abs(configFlops(j.config).flopsRatio - 0.5) / 0.5).toBeLessThan(0.005);
  });

  it('prints the rates as a table and writes the tuned file with --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'laudnet-tune-')), 'tuned.json');
    const r = await run(['tune', '--model', 'resnet50', '--target-flops', '0.55', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stage 1 \(spatial\): 0\.\d{4}/);
    const saved = parseConfig(readFileSync(out, 'utf8'));
    if (!saved.ok) throw new Error(saved.error);
    expect(configFlops(saved.config).flopsRatio).toBeCloseTo(0.55, 5);
  });

  it('exit 3 and a warning for an unreachable budget; exit 2 for bad input', async () => {
    const far = await run([
      'tune',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--budget-ms',
      '0.01',
    ]);
    expect(far.code).toBe(3);
    expect(far.stderr).toContain('out of reach');
    expect((await run(['tune', '--model', 'resnet50', '--hardware', 'v100'])).code).toBe(2);
    expect((await run(['tune', '--model', 'resnet50', '--budget-ms', '1'])).code).toBe(2); // no hardware
    expect((await run(['tune', '--model', 'resnet50', '--target-flops', 'x'])).code).toBe(2);
    expect(
      (await run(['tune', '--model', 'resnet50', '--target-flops', '0.5', '--strategy', 'odd']))
        .code,
    ).toBe(2);
  });
});
