/**
 * Issue 13: hostile numbers and files through the CLI. Every refusal is one clear message naming
 * the field; nothing hangs, nothing prints NaN or Infinity with exit 0, nothing prints a stack.
 * Runs the CLI in-process with files served from memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastResortMessage, runCli } from '../../cli/run';
import { repoRoot, spawnCli } from './cli-helpers';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], files: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    readText: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`test file ${p} not given`);
      return text;
    },
  });
  return { status, stdout, stderr };
}

const fixture = JSON.parse(
  readFileSync(join(repoRoot, 'tests/fixtures/config/v1-custom-hardware-and-arch.json'), 'utf8'),
) as { model: { architecture: Record<string, unknown> & { stem: Record<string, unknown> } } };
const arch = fixture.model.architecture;
const withArch = (patch: (a: typeof arch) => void) => {
  const a = structuredClone(arch);
  patch(a);
  return JSON.stringify(a);
};
const withConfigArch = (patch: (a: typeof arch) => void) => {
  const c = structuredClone(fixture);
  patch(c.model.architecture);
  return JSON.stringify(c);
};
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('numbers out of any real range', () => {
  it('refuses outChannels 1e10 from --arch-file, naming the field and the limit', async () => {
    const file = withArch((a) => (a.stem.outChannels = 1e10));
    const r = await run(['granularity', '--arch-file', 'a.json', '--hardware', 'v100'], {
      'a.json': file,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'stem.outChannels: must be at most 65,536 (the widest real networks have about 7,400)',
    );
  });

  it('refuses bottleneckRatio 1e-300 from --config', async () => {
    const file = withConfigArch((a) => (a.bottleneckRatio = 1e-300));
    const r = await run(['flops', '--config', 'c.json'], { 'c.json': file });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'model.architecture.bottleneckRatio: must be at least 1/64 (real networks use 1/6 to 4)',
    );
  });

  it('refuses batchSize 1e308 and memConcurrentFp32 1e-320 instead of printing Infinity or NaN', async () => {
    const base = ['predict', '--model', 'resnet50', '--hardware', 'v100', '--mode', 'spatial'];
    const big = await run([...base, '--rate', '0.5', '--batch-size', '1e308']);
    expect(big.status).toBe(2);
    expect(big.stdout).toBe('');
    expect(big.stderr).toContain('batchSize must be between 1 and 65536');
    const tiny = await run([...base, '--rate', '0.5', '--mem-concurrent-fp32', '1e-320']);
    expect(tiny.status).toBe(2);
    expect(tiny.stderr).toContain('memConcurrentFp32 must be between 0.001 and 100000');
  });
});

describe('hostile files and lines', () => {
  it('a deeply nested --hardware-file gets a clear message, not a stack trace', async () => {
    const r = await run(
      ['predict', '--model', 'resnet50', '--hardware-file', 'h.json', '--mode', 'static'],
      { 'h.json': `{"nPes": ${nested(100_000)}}` },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "laudnet predict: 'h.json' is not valid JSON: line 1, column 73: expected at most 64 levels of nesting, found '['\n",
    );
  });

  it('JSONL: each bad line gives one error line and the batch goes on', async () => {
    const good = '{"model":"resnet50","hardware":"v100","mode":"static","rate":1}';
    const unknown = Object.fromEntries(Array.from({ length: 42 }, (_, i) => [`k${i}`, 1]));
    const lines = [
      good,
      '{"model": tru}',
      `{"model":"resnet50","hardware":${nested(5000)}}`,
      JSON.stringify(unknown),
      '{"model":"resnet50","hardware":"v100","hardwareOverrides":{"batchSize":1e308},"mode":"static","rate":1}',
      good,
    ];
    const r = await run(['predict', '--input', 'in.jsonl'], { 'in.jsonl': lines.join('\n') });
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(6);
    expect(out[0]).toHaveProperty('latencyS');
    expect(out[1]!.error).toBe(
      'not valid JSON: line 1, column 11: expected a value (a number, a "string", true, false, null, { or [), found \'t\'',
    );
    expect(out[2]!.error).toMatch(/expected at most 64 levels of nesting/);
    expect(out[3]!.error).toMatch(/^unknown key\(s\) k0, k1, k2, k3, k4 and 37 more unknown keys/);
    expect(out[4]!.error).toMatch(/batchSize must be between 1 and 65536/);
    expect(out[5]).toEqual(out[0]);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });
});

describe('last resort', () => {
  it('is one sentence without a stack', () => {
    const e = new RangeError('Maximum call stack size exceeded\n    at f (x.ts:1:1)');
    expect(lastResortMessage('predict', e)).toBe(
      'laudnet predict: internal error (Maximum call stack size exceeded); please report it with the command you ran.',
    );
  });

  it('the real entry point prints no stack for a file that cannot be read', () => {
    const r = spawnCli([
      'predict',
      '--model',
      'resnet50',
      '--hardware-file',
      '/nonexistent/h.json',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
