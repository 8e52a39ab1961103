import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/run';
import { repoRoot, spawnCli } from './cli-helpers';

const corpus = join(repoRoot, 'tests', 'fixtures', 'conformance');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.laudmask.npz'))
  .sort()
  .map((f) => join(corpus, f));
const r50 = join(corpus, 'r50-spatial-s4-savez.laudmask.npz');
const badFile = join(repoRoot, 'e2e', 'fixtures', 'bad', 'mask-values.laudmask.npz');

interface SummaryLine {
  file: string;
  model: string;
  modes: string[];
  granularity: { spatial: (number | null)[]; channel: (number | null)[] };
  blocks: {
    key: string;
    spatialRate: number | null;
    conv1Rate: number | null;
    conv2Rate: number | null;
    channelRate: number | null;
    gate: number | null;
  }[];
  error?: string;
}

/** The manifest's own per-block spatial_rate values, read here with fflate, not the app's reader. */
function manifestSpatialRates(file: string): Map<string, number | null> {
  const members = unzipSync(new Uint8Array(readFileSync(file)), {
    filter: (f) => f.name === 'manifest.json',
  });
  const manifest = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as {
    blocks: { key: string; spatial_rate?: number | null }[];
  };
  return new Map(manifest.blocks.map((b) => [b.key, b.spatial_rate ?? null]));
}

async function run(argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SummaryLine);

describe('laudnet masks summary', () => {
  it('--json on every corpus file: per-block spatialRate equals the manifest’s spatial_rate (acceptance 2)', async () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const r = await run(['masks', 'summary', ...files, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((l) => l.file)).toEqual(files);
    let compared = 0;
    for (const line of out) {
      const claimed = manifestSpatialRates(line.file);
      expect(line.blocks.map((b) => b.key)).toEqual([...claimed.keys()]);
      for (const b of line.blocks) {
        const want = claimed.get(b.key) ?? null;
        if (want === null) expect(b.spatialRate, `${line.file} ${b.key}`).toBeNull();
        else {
          expect(Math.abs(b.spatialRate! - want), `${line.file} ${b.key}`).toBeLessThan(1e-6);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('--json gives model, modes, granularities and nulls where a rate does not apply', async () => {
    const file = join(corpus, 'r101-mixed-no-logits.laudmask.npz');
    const [line] = lines((await run(['masks', 'summary', file, '--json'])).stdout);
    expect(line!.model).toBe('resnet101');
    expect(line!.modes).toEqual(['spatial', 'spatial+channel', 'channel', 'layer']);
    expect(line!.granularity).toEqual({ spatial: [8, 4, null, 7], channel: [null, 8, 16, null] });
    const byKey = new Map(line!.blocks.map((b) => [b.key, b]));
    expect(byKey.get('stage3/0')).toMatchObject({
      spatialRate: null,
      conv1Rate: null,
      conv2Rate: null,
      gate: null,
    });
    expect(byKey.get('stage1/0')!.channelRate).toBeNull();
    expect(byKey.get('stage2/0')!.channelRate).not.toBeNull();
    expect([0, 1]).toContain(byKey.get('stage4/0')!.gate);
  });

  it('a bad file among good ones: one error line, the others printed, exit 2 at the end', async () => {
    const good = [r50, join(corpus, 'ry800-channel-bool.laudmask.npz')];
    const r = await run([
      'masks',
      'summary',
      good[0]!,
      badFile,
      'missing.laudmask.npz',
      good[1]!,
      '--json',
    ]);
    expect(r.code).toBe(2);
    const out = lines(r.stdout);
    expect(out.map((l) => l.file)).toEqual([good[0], badFile, 'missing.laudmask.npz', good[1]]);
    expect(out[1]).toEqual({
      file: badFile,
      error: 'Array stage1/0/spatial holds the value 255 at index 52; masks hold only 0 and 1.',
    });
    expect(out[2]!.error).toBe("cannot read 'missing.laudmask.npz' (ENOENT)");
    expect(out[0]!.blocks.length).toBe(16);
    expect(out[3]!.blocks.length).toBeGreaterThan(0);
  });

  it('prints a readable table, and the bad file’s message on stderr, as a process', () => {
    const r = spawnCli(['masks', 'summary', r50, badFile]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('ResNet-50');
    expect(r.stdout).toMatch(/block\s+mode\s+spatial\s+conv1\s+conv2\s+channel\s+gate/);
    expect(r.stdout).toMatch(/stage4\/2\s+spatial\s+[01]\.\d{4}/);
    expect(r.stderr.trim().split('\n')).toEqual([
      `laudnet masks summary: ${badFile}: Array stage1/0/spatial holds the value 255 at index 52; masks hold only 0 and 1.`,
    ]);
  });

  it('refuses no files and unknown subcommands with exit 2', async () => {
    const none = await run(['masks', 'summary']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('expected one or more .laudmask.npz files');
    const unknown = await run(['masks', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown subcommand 'frobnicate' (valid: summary");
  });
});
