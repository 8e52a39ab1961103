// `laudnet sweep` and `laudnet tune --budget-ms` for T2T-ViT models (in process, in-memory files).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, t2t19OnV100 } from './cli-helpers';

const HEADER =
  'model,mode,batch_convention,swept,rate,tokens_kept,heads_kept,latency_s,static_latency_s,ratio,latency_ms_per_image,stem_s,pos_embed_s,blocks_s,tail_s';

describe('sweep for T2T-ViT', () => {
  it('head mode sweeps every k/H by default', async () => {
    const r = await run(t2t19OnV100('sweep', '--mode', 'head'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((l) => l.split(',')[6])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    // h = 3/7 on V100, in_shapes: ratio 0.657 (spec §10)
    expect(Number(lines[3]!.split(',')[9])).toBeCloseTo(0.657, 3);
  });

  it('skips rates the official code cannot evaluate, with a note', async () => {
    const r = await run([
      'sweep',
      '--model',
      't2t_vit_7',
      '--hardware',
      'tx2',
      '--mode',
      'token',
      '--rates',
      '0,0.5,1',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/note: rate 0 skipped: .*valid range is 0\.00507614/);
  });

  it('block mode moves attention and MLP together; static refuses', async () => {
    const r = await run(t2t19OnV100('sweep', '--mode', 'block', '--rates', '0,0.5'));
    expect(r.code).toBe(0);
    const ratios = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[9]));
    expect(ratios[0]).toBeCloseTo(0.082, 3); // spec §10: a = m = 0
    expect(ratios[1]).toBeCloseTo(0.541, 3); // a = m = 0.5
    const s = await run(t2t19OnV100('sweep', '--mode', 'static'));
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--mode static has no rate to move/);
    const g = await run(t2t19OnV100('sweep', '--mode', 'token', '--stage', '1'));
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/--stage is for CNN models/);
  });
});

describe('tune --budget-ms for T2T-ViT', () => {
  it('token rate under the budget, JSON with the studio document', async () => {
    const r = await run(t2t19OnV100('tune', '--mode', 'token', '--budget-ms', '1.5', '--json'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      achievable: boolean;
      latencyMsPerImage: number;
      tokensKept: number;
      config: { format: string; tokenRate: number };
    };
    expect(j.achievable).toBe(true);
    expect(j.latencyMsPerImage).toBeLessThanOrEqual(1.5);
    expect(j.latencyMsPerImage).toBeGreaterThan(1.45);
    expect(j.config.format).toBe('laudnet-studio-transformer-config');
    expect(Math.trunc(197 * j.config.tokenRate)).toBe(j.tokensKept);
  });

  it('out of reach: exit 3 with the fastest setting; --out writes the document', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'w18a-'));
    const out = path.join(dir, 't.json');
    const r = await run(t2t19OnV100('tune', '--mode', 'head', '--budget-ms', '0.5', '--out', out));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /0\.5 ms is out of reach with the head rate \(range 1\.0930 to 2\.2051 ms per image\)/,
    );
    expect(r.stdout).toMatch(/1 head per block/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({ model: 't2t_vit_19', mode: 'head', headRate: 1 / 7 });
    rmSync(dir, { recursive: true, force: true });
    const f = await run(t2t19OnV100('tune', '--mode', 'token', '--target-flops', '0.5'));
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--target-flops is for CNN models/);
  });
});

describe('export for T2T-ViT', () => {
  it('json prints the studio document with the note; train-flags is refused with it', async () => {
    const r = await run(
      t2t19OnV100('export', '--mode', 'token', '--token-rate', '0.5', '--format', 'json'),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'laudnet-studio-transformer-config',
      tokenRate: 0.5,
      hardware: 'v100',
    });
    expect(r.stderr).toMatch(/note: No reference training flags exist for the transformer/);
    const f = await run(t2t19OnV100('export', '--mode', 'token', '--format', 'train-flags'));
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/cannot write training flags: .*AdaViT/);
    const bad = await run(
      t2t19OnV100('export', '--mode', 'token', '--token-rate', '0', '--format', 'json'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/valid range is/);
  });
});
