/**
 * `laudnet masks stats` and `laudnet masks predict` on a set summary and on a folder of dumps, run as a
 * process. The latency at the set's mean rates must equal the existing `laudnet predict` given those rates.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../core/arch';
import { composeMaskDump, encodePngRgb, writeMaskDump } from '../../core/maskfile';
import { writeMaskSetSummary } from '../../core/maskset';
import { smallSet } from '../core/maskset/helpers';
import { spawnCli } from './cli-helpers';

const N = 20;
/** Rate of image i, block b: ((i + b) mod 20) / 19, so block 0 holds 0, 1/19, …, 1 over the images. */
const rateOf = (i: number, b: number) => ((i + b) % N) / 19;
const channelOf = (i: number, b: number) => 1 - rateOf(i, b) / 2;

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'masks-set-cli-'));
  const set = smallSet({
    modes: ['spatial', 'both', 'channel', 'layer'],
    S: [4, 4, 2, 1],
    G: [2, 2, 2, 2],
    images: N,
    rate: (kind, i, b) =>
      kind === 'channel'
        ? channelOf(i, b)
        : kind === 'conv1'
          ? Math.min(1, rateOf(i, b) + 0.1)
          : rateOf(i, b),
  });
  // Layer blocks hold gates (0 or 1).
  for (let i = 0; i < N; i++)
    for (const b of set.blocks.filter((x) => x.mode === 'layer')) {
      const g = (i + b.globalIndex) % 4 === 0 ? 0 : 1;
      for (const kind of ['spatial', 'conv1', 'conv2', 'gate'] as const)
        set.rates[kind][i * 16 + b.globalIndex] = g;
    }
  mkdirSync(join(work, 'set'));
  writeFileSync(join(work, 'set', 'summary.npz'), writeMaskSetSummary(set));

  // A folder of dumps in two class folders, one broken file and one dump of another model.
  const png = encodePngRgb(new Uint8Array(224 * 224 * 4).fill(90), 224, 224);
  const dump = (kept: number, archId = 'resnet50') =>
    writeMaskDump(
      composeMaskDump({
        arch: findBuiltinArchitecture(archId)!,
        modes: ['spatial', 'spatial', 'spatial', 'spatial'],
        spatialGranularity: [4, 4, 2, 1],
        channelGroupSize: [1, 1, 1, 1],
        imagePng: png,
        masksFor: (_block, arrays) => {
          const grid = arrays.find((a) => a.kind === 'spatial')!;
          const cells = grid.shape.reduce((a, b) => a * b, 1);
          return { grid: Array.from({ length: cells }, (_, c) => (c < cells * kept ? 1 : 0)) };
        },
      }),
    );
  for (const cls of ['cat', 'dog']) mkdirSync(join(work, 'dumps', cls), { recursive: true });
  writeFileSync(join(work, 'dumps', 'cat', 'a.laudmask.npz'), dump(0.25));
  writeFileSync(join(work, 'dumps', 'cat', 'b.laudmask.npz'), dump(0.5));
  writeFileSync(join(work, 'dumps', 'dog', 'c.laudmask.npz'), dump(0.75));
  writeFileSync(join(work, 'dumps', 'dog', 'broken.laudmask.npz'), 'not a zip');
  writeFileSync(join(work, 'dumps', 'dog', 'other.laudmask.npz'), dump(0.5, 'resnet101'));
  mkdirSync(join(work, 'empty'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface StatsJson {
  images: number;
  classes: string[];
  blocks: {
    key: string;
    spatialRate: { mean: number; p10: number; p50: number; p90: number } | null;
    channelRate: { mean: number } | null;
    gate: { mean: number } | null;
  }[];
}

describe('laudnet masks stats', () => {
  it('prints per-block means and percentiles over the images', () => {
    const r = spawnCli(['masks', 'stats', join(work, 'set'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as StatsJson;
    expect(out.images).toBe(N);
    expect(out.classes).toEqual(['cat', 'dog']);
    expect(out.blocks.length).toBe(16);
    // Block 0 holds k/19 for k = 0..19: mean 0.5, numpy percentiles 0.1, 0.5, 0.9.
    const b0 = out.blocks[0]!;
    expect(b0.key).toBe('stage1/0');
    expect(b0.spatialRate!.mean).toBeCloseTo(0.5, 6);
    expect(b0.spatialRate!.p10).toBeCloseTo(0.1, 6);
    expect(b0.spatialRate!.p50).toBeCloseTo(0.5, 6);
    expect(b0.spatialRate!.p90).toBeCloseTo(0.9, 6);
    expect(b0.channelRate).toBeNull();
    expect(out.blocks[3]!.channelRate!.mean).toBeCloseTo(0.75, 6);
    expect(out.blocks[13]!.gate!.mean).toBeCloseTo(15 / 20, 6);
    expect(out.blocks[13]!.spatialRate!.mean).toBeCloseTo(15 / 20, 6);
  });

  it('builds the set from a folder of dumps, reports each bad file, and exits 2', () => {
    const r = spawnCli(['masks', 'stats', join(work, 'dumps'), '--json']);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as StatsJson;
    expect(out.images).toBe(3);
    expect(out.classes).toEqual(['cat', 'dog']);
    expect(out.blocks[0]!.spatialRate!.mean).toBeCloseTo(0.5, 6);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(2);
    expect(lines[0]).toContain('broken.laudmask.npz: This is not a mask dump');
    expect(lines[1]).toContain(
      'other.laudmask.npz: not part of this set: it was made with resnet101',
    );
  });

  it('says what it expected for a folder with nothing to read', () => {
    const r = spawnCli(['masks', 'stats', join(work, 'empty')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds neither a summary.npz nor any .laudmask.npz file');
  });
});

describe('laudnet masks predict', () => {
  it("equals `laudnet predict` at the set's mean rates, and gives the per-image spread", () => {
    const r = spawnCli([
      'masks',
      'predict',
      join(work, 'set', 'summary.npz'),
      '--hardware',
      'v100',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      latencyS: number;
      staticLatencyS: number;
      perImageLatencyS: { p10: number; p50: number; p90: number };
    };
    // The set's mean rates, computed here from the values written (float32, as stored).
    const modes = ['spatial', 'spatial+channel', 'channel', 'layer'];
    const stageOf = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3];
    const rates: number[] = [];
    const channelRates: number[] = [];
    for (let b = 0; b < 16; b++) {
      let sum = 0;
      let csum = 0;
      for (let i = 0; i < N; i++) {
        const mode = modes[stageOf[b]!];
        const spatial = mode === 'layer' ? ((i + b) % 4 === 0 ? 0 : 1) : Math.fround(rateOf(i, b));
        sum += mode === 'channel' ? Math.fround(channelOf(i, b)) : spatial;
        csum += Math.fround(channelOf(i, b));
      }
      rates.push(sum / N);
      channelRates.push(modes[stageOf[b]!] === 'spatial+channel' ? csum / N : 1);
    }
    const p = spawnCli([
      'predict',
      '--model',
      'resnet50',
      '--hardware',
      'v100',
      '--mode',
      modes.join('-'),
      '--granularity',
      '4-4-1-7',
      '--channel-granularity',
      '2-2-2-2',
      '--rate',
      rates.map(String).join('-'),
      '--channel-rate',
      channelRates.map(String).join('-'),
      '--json',
    ]);
    expect(p.status, p.stderr).toBe(0);
    const ref = JSON.parse(p.stdout) as { latencyS: number; staticLatencyS: number };
    expect(out.latencyS).toBe(ref.latencyS);
    expect(out.staticLatencyS).toBe(ref.staticLatencyS);
    expect(out.perImageLatencyS.p10).toBeLessThan(out.perImageLatencyS.p90);
    expect(out.perImageLatencyS.p50).toBeGreaterThan(out.perImageLatencyS.p10);
    expect(out.perImageLatencyS.p90).toBeLessThan(ref.staticLatencyS);
  });

  it('needs a device, and names the valid ones', () => {
    const r = spawnCli(['masks', 'predict', join(work, 'set'), '--hardware', 'v1000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('v100');
  });
});
