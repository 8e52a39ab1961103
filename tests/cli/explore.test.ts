import { describe, expect, it } from 'vitest';
import { exploreCommand } from '../../cli/commands/explore';
import { memoryIo } from '../../cli/io';
import { spawnCli } from './cli-helpers';

interface Point {
  config: Record<string, unknown>;
  latencyS: number;
  latencyMsPerImage: number;
  flopsRatio: number;
}

function exploreJson(args: string[]): Point[] {
  const io = memoryIo();
  const code = exploreCommand.run([...args, '--json'], io);
  expect(code).toBe(0);
  const parsed = JSON.parse(io.stdout) as { points: Point[] };
  return parsed.points;
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
    const io = memoryIo();
    expect(() =>
      exploreCommand.run(['--model', 'resnet50', '--hardware', 'v100', '--min-flops', '60'], io),
    ).toThrow("--min-flops: expected a FLOPs ratio in (0, 1] or a percentage like 60%, got '60'");
    expect(() =>
      exploreCommand.run(
        ['--model', 'resnet50', '--hardware', 'v100', '--budget-ms', '1', '--min-flops', '0.5'],
        io,
      ),
    ).toThrow('give --budget-ms or --min-flops, not both');
    expect(() =>
      exploreCommand.run(
        ['--model', 'resnet50', '--hardware', 'v100', '--modes', 'spatial,both'],
        io,
      ),
    ).toThrow("--modes: unknown mode 'both' (valid: static, spatial, channel, layer)");
    expect(() =>
      exploreCommand.run(
        [
          '--model',
          'resnet50',
          '--hardware',
          'v100',
          '--per-stage-rates',
          '--rates',
          '0.1:0.9:0.1',
        ],
        io,
      ),
    ).toThrow(/above the limit of 2,000,000/);
  });
});
