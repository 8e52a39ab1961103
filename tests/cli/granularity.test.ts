import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';

interface GranularityJson {
  rate: number;
  choices: { stage: number; mode: string; value: number; latencyRatio: number }[];
  rows: {
    stage: number;
    mode: string;
    value: number;
    latencyRatio: number;
    chosen: boolean;
    reference: boolean;
  }[];
  matched: {
    stage: number;
    mode: string;
    rate: number;
    flopsRatio: number;
    targetFlopsRatio: number;
    latencyRatio: number;
  }[];
  config: { stages: { mode: string; spatialGranularity: number }[] };
}

describe('laudnet granularity (acceptance 3)', () => {
  it('resnet101 on v100, spatial, rate 0.5: a spatial S per stage (never layer) and the matched-FLOPs table', async () => {
    const r = await run([
      'granularity',
      '--model',
      'resnet101',
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
    expect(j.choices.map((c) => c.mode)).toEqual(['spatial', 'spatial', 'spatial', 'spatial']);
    expect(j.config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'spatial',
      'spatial',
      'spatial',
    ]);
    for (const c of j.choices) {
      const rows = j.rows.filter((x) => x.stage === c.stage && !x.reference);
      expect(c.latencyRatio).toBe(Math.min(...rows.map((x) => x.latencyRatio)));
      expect([56, 28, 14, 7][c.stage]! % c.value).toBe(0);
    }
    expect(j.rows.filter((x) => x.stage === 0 && x.mode === 'spatial').map((x) => x.value)).toEqual(
      [1, 2, 4, 7, 8, 14, 28, 56],
    );
    expect(j.rows.some((x) => x.mode === 'layer' && x.chosen)).toBe(false);
    expect(j.matched.map((m) => `${m.stage}${m.mode}`)).toEqual(
      [0, 1, 2, 3].flatMap((s) => [`${s}spatial`, `${s}channel`, `${s}layer`]),
    );
    for (const m of j.matched) {
      expect(Math.abs(m.flopsRatio / m.targetFlopsRatio - 1)).toBeLessThan(1e-6);
      expect(m.rate).toBeGreaterThan(0);
      expect(m.rate).toBeLessThan(1);
    }
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
    expect(r.stdout).toMatch(
      /choice at rate 0\.5: stage 1 S=\d+, stage 2 S=\d+, stage 3 S=\d+, stage 4 S=\d+/,
    );
    expect(r.stdout).not.toContain('reference');
  });

  it('prints the reference rows and the matched-FLOPs table by default', async () => {
    const r = await run(['granularity', '--model', 'resnet50', '--hardware', 'tx2']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/layer skipping +[\d.]+ +[\d.]+ +reference/g)).toHaveLength(4);
    expect(r.stdout).toContain('Paradigms at matched FLOPs');
    expect(r.stdout).toMatch(/choice at each stage's rates: stage 1 S=\d+/);
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
