import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';


interface GranularityJson {
  rate: number;
  choices: { stage: number; mode: string; value: number; latencyRatio: number }[];
  rows: { stage: number; mode: string; value: number; latencyRatio: number; chosen: boolean }[];
}

describe('laudnet granularity (acceptance 3)', () => {
  it('returns the per-stage choice with its table', async () => {
    const r = await run([
      'granularity',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--rate',
      '0.5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as GranularityJson;
    expect(j.rate).toBe(0.5);
    expect(j.choices).toHaveLength(4);
    for (const c of j.choices) {
      const rows = j.rows.filter((x) => x.stage === c.stage);
      expect(c.latencyRatio).toBe(Math.min(...rows.map((x) => x.latencyRatio)));
    }
    expect(j.rows.filter((x) => x.stage === 0 && x.mode === 'spatial').map((x) => x.value)).toEqual(
      [1, 2, 4, 7, 8, 14, 28, 56],
    );
  });

  it('prints a table with the chosen rows marked', async () => {
    const r = await run([
      'granularity',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--rate',
      '0.5',
      '--no-layer',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/<- chosen/g)).toHaveLength(4);
    expect(r.stdout).toMatch(/choice at rate 0\.5: S = \d+-\d+-\d+-\d+/);
  });

  it('channel search over G', async () => {
    const r = await run([
      'granularity',
      '--model',
      'resnet50',
      '--hardware',
      'tx2',
      '--mode',
      'channel',
      '--candidates',
      '1,2,4',
      '--no-layer',
      '--json',
    ]);
    const j = JSON.parse(r.stdout) as GranularityJson;
    expect(j.rows.filter((x) => x.stage === 0).map((x) => x.value)).toEqual([1, 2, 4]);
  });

  it('exits 2 on bad input', async () => {
    expect(
      (await run(['granularity', '--model', 'resnet50', '--hardware', 'v100', '--mode', 'layer']))
        .code,
    ).toBe(2);
    expect((await run(['granularity', '--model', 'resnet50'])).code).toBe(2);
    expect(
      (await run(['granularity', '--model', 'resnet50', '--hardware', 'v100', '--rate', '2'])).code,
    ).toBe(2);
  });
});
