import { describe, expect, it } from 'vitest';
import { spawnCli } from './cli-helpers';

interface Point {
  config: Record<string, unknown>;
  latencyS: number;
  latencyMsPerImage: number;
  flopsRatio: number;
}

/** Runs `laudnet explore … --json` as a process and returns its points. */
function exploreJson(args: string[]): Point[] {
  const res = spawnCli(['explore', ...args, '--json']);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return (JSON.parse(res.stdout) as { points: Point[] }).points;
}

/** Runs `laudnet explore …` expecting a refusal: exit status 2 and the message on stderr. */
function refused(args: string[]): string {
  const res = spawnCli(['explore', ...args]);
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  return res.stderr;
}

describe('laudnet explore', () => {
  it('--budget-ms 0.8 --json: under budget, none dominated, each point predicted the same by predict --input', () => {
    const points = exploreJson(['--model', 'resnet50', '--hardware', 'v100', '--budget-ms', '0.8']);
    expect(points.length).toBeGreaterThan(5);
    for (const p of points) expect(p.latencyMsPerImage).toBeLessThanOrEqual(0.8);
    for (const a of points) {
      const dominator = points.find(
        (b) =>
          b !== a &&
          b.latencyMsPerImage <= a.latencyMsPerImage &&
          b.flopsRatio >= a.flopsRatio &&
          (b.latencyMsPerImage < a.latencyMsPerImage || b.flopsRatio > a.flopsRatio),
      );
      expect(dominator).toBeUndefined();
    }
    // Feed every point back to `laudnet predict --input -` in a child process.
    const jsonl = points.map((p) => JSON.stringify(p.config)).join('\n');
    const res = spawnCli(['predict', '--input', '-'], jsonl);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines).toHaveLength(points.length);
    lines.forEach((line, i) => {
      expect(line.latencyS).toBe(points[i]!.latencyS);
      expect(line.latencyMsPerImage).toBe(points[i]!.latencyMsPerImage);
    });
  });

  it('--min-flops 60% keeps only points at or above 0.6, fastest first', () => {
    const points = exploreJson([
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--min-flops',
      '60%',
      '--rates',
      '0.4,0.6,0.8',
    ]);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(p.flopsRatio).toBeGreaterThanOrEqual(0.6);
    const lat = points.map((p) => p.latencyS);
    expect(lat).toEqual([...lat].sort((a, b) => a - b));
  });

  it('refuses bad limits with what it expected', () => {
    const base = ['--model', 'resnet50', '--hardware', 'v100'];
    expect(refused([...base, '--min-flops', '60'])).toContain(
      "--min-flops: expected a FLOPs ratio in (0, 1] or a percentage like 60%, got '60'",
    );
    expect(refused([...base, '--budget-ms', '1', '--min-flops', '0.5'])).toContain(
      'give --budget-ms or --min-flops, not both',
    );
    expect(refused([...base, '--modes', 'spatial,both'])).toContain(
      "--modes: unknown mode 'both' (valid: static, spatial, channel, layer)",
    );
    expect(refused([...base, '--per-stage-rates', '--rates', '0.1:0.9:0.1'])).toMatch(
      /above the limit of 2,000,000/,
    );
    expect(refused(['--model', 'resnet50', '--hardware', 'k80'])).toMatch(/unknown hardware 'k80'/);
  });

  it('prints a readable table without --json', () => {
    const res = spawnCli([
      'explore',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--budget-ms',
      '0.5',
      '--rates',
      '0.3,0.5',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /^Pareto set of resnet50 on v100: \d+ of [\d,]+ configurations, at most 0.5 ms per image\n/,
    );
    expect(res.stdout).toContain('ms/image    FLOPs  configuration');
  });
});
