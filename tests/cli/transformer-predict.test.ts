// `laudnet predict --input` on every row of tests/data/reference/transformer_model_vectors.csv, run as a
// process (acceptance 2 of issue 18): value rows give identical numbers, error rows one {"error"} line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelVectors, VALUE_COLUMNS } from '../core/transformer/vectors';
import { repoRoot, run, t2t19OnV100 } from './cli-helpers';

const vectors = loadModelVectors();

/** A row as a JSONL line with the documented keys: uniform values as numbers, per-block lists as written. */
function line(v: (typeof vectors)[number], id: number): string {
  const r = v.row;
  const value = (cell: string) => (cell.includes('-') ? cell : Number(cell));
  return JSON.stringify({
    id,
    model: r.variant,
    hardware: r.hardware,
    mode: r.mode,
    tokenRate: value(r.token_rate!),
    headRate: value(r.head_rate!),
    attnRate: value(r.attn_rate!),
    mlpRate: value(r.mlp_rate!),
    batchConvention: r.batch_convention,
    tokenSkip: r.token_skip,
    headSkip: r.head_skip,
    layerSkip: r.layer_skip,
  });
}

describe('predict --input with T2T-ViT lines (as a process)', () => {
  it('answers every value row identically and refuses every error row', () => {
    const input = vectors.map((v, i) => line(v, i)).join('\n');
    const res = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin/laudnet.mjs'), 'predict', '--input', '-'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        input,
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(2); // some lines are refused
    const out = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(vectors.length);
    const mismatches: string[] = [];
    vectors.forEach((v, i) => {
      const got = out[i]!;
      if (v.error !== '') {
        if (typeof got.error !== 'string' || !/valid range is/.test(got.error))
          mismatches.push(`line ${v.line}: expected a refusal, got ${JSON.stringify(got)}`);
        return;
      }
      if (got.id !== i) mismatches.push(`line ${v.line}: id ${String(got.id)}`);
      for (const [col, key] of VALUE_COLUMNS)
        if (got[key] !== Number(v.row[col]))
          mismatches.push(`line ${v.line} ${col}: ${String(got[key])} ≠ ${v.row[col]}`);
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  }, 600_000);
});

describe('predict for T2T-ViT with flags', () => {
  it('prints the parts and every block', async () => {
    const r = await run(t2t19OnV100('predict', '--mode', 'static'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2.2036 ms per image');
    expect(r.stdout).toMatch(/stem\s+0\.1732/);
    expect(r.stdout.match(/^\s+18\s+197\s+7/m)).not.toBeNull();
  });

  it('--json carries the documented keys; per-block rates as dash-joined lists', async () => {
    const rates = Array.from({ length: 7 }, (_, k) => (1 - k * 0.1).toFixed(1)).join('-');
    const r = await run([
      'predict',
      '--model',
      't2t_vit_7',
      '--hardware',
      'tx2',
      '--mode',
      'token',
      '--token-rate',
      rates,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      blocks: { tokensKept: number }[];
      latencyS: number;
      stemS: number;
    };
    expect(j.blocks.map((b) => b.tokensKept)).toEqual([197, 177, 157, 137, 118, 98, 78]);
    expect(j.stemS).toBeGreaterThan(0);
  });

  it('refuses what the official code cannot evaluate, naming the valid range (exit 2)', async () => {
    const r = await run(t2t19OnV100('predict', '--mode', 'token', '--token-rate', '0.004'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keeps trunc\(197·t\) = 0 tokens; the valid range is 0\.00507614/);
    const off = await run(t2t19OnV100('predict', '--mode', 'token', '--head-rate', '0.5'));
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/head skipping is off/);
    const cnnFlag = await run(t2t19OnV100('predict', '--mode', 'token', '--rate', '0.5'));
    expect(cnnFlag.code).toBe(2);
    expect(cnnFlag.stderr).toMatch(/--rate is for CNN models/);
    const tFlag = await run([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      'spatial',
      '--token-rate',
      '0.5',
    ]);
    expect(tFlag.code).toBe(2);
    expect(tFlag.stderr).toMatch(/--token-rate is for T2T-ViT models/);
    const badList = await run([
      'predict',
      '--model',
      't2t_vit_7',
      '--hardware',
      'v100',
      '--mode',
      'token',
      '--token-rate',
      '1-0.5',
    ]);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toMatch(/--token-rate: expected one value or 7 values/);
  });
});
