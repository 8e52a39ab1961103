import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { blockColumn, maskSetRequest, type MaskSetSummary } from '../../../core/maskset';
import {
  createPredictor,
  findHardwarePreset,
  predictNetwork,
  resolveHardware,
} from '../../../core/predictor';
import {
  createDumpBuilder,
  displayMap,
  histogram,
  locateDumps,
  meanRatesConfigOf,
  readSummary,
  spreadOf,
  type LoadedSet,
} from '../../../renderer/src/worker/setCompute';

const setDir = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures', 'set');
const listed = [
  'cat/img0013.laudmask.npz',
  'fish/img0007.laudmask.npz',
  'bird/img0036.laudmask.npz',
];

function load(): LoadedSet {
  const result = readSummary(
    'set',
    new Uint8Array(readFileSync(join(setDir, 'summary.npz'))),
    listed,
  );
  if (!result.ok) throw new Error(result.error);
  return result.set;
}

function mean(values: Float32Array): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    s += v;
    n++;
  }
  return s / n;
}

describe('readSummary → overview', () => {
  it('shows each rate kind only on blocks that have it, with the column statistics', () => {
    const { summary, overview } = load();
    expect(overview.images).toBe(240);
    expect(overview.archLabel).toBe('ResNet-50');
    expect(overview.classNames).toEqual(['bird', 'cat', 'dog', 'fish']);
    const byKey = new Map(overview.blocks.map((b) => [b.key, b]));
    // Fixture modes: spatial / both / channel / layer.
    expect(byKey.get('stage1/0')?.spatial).not.toBeNull();
    expect(byKey.get('stage1/0')?.channel).toBeNull();
    expect(byKey.get('stage2/0')?.channel).not.toBeNull();
    expect(byKey.get('stage3/0')?.spatial).toBeNull();
    expect(byKey.get('stage3/0')?.channel).not.toBeNull();
    expect(byKey.get('stage4/0')?.gate).not.toBeNull();
    expect(byKey.get('stage4/0')?.spatial).toBeNull();
    const block = summary.blocks.find((b) => b.key === 'stage1/1');
    if (!block) throw new Error('stage1/1 missing');
    const column = blockColumn(summary, 'spatial', block.globalIndex);
    expect(byKey.get('stage1/1')?.spatial?.mean).toBeCloseTo(mean(column), 6);
    expect(byKey.get('stage1/1')?.spatial?.histogram.reduce((a, b) => a + b, 0)).toBe(240);
  });

  it('finds listed dumps by path and leaves the others without one', () => {
    const { summary, overview } = load();
    const i = summary.dumps.indexOf('cat/img0013.laudmask.npz');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(overview.ranking.dumpPaths[i]).toBe('cat/img0013.laudmask.npz');
    expect(overview.ranking.names[i]).toBe('img0013');
    expect(overview.ranking.dumpPaths.filter((p) => p !== null)).toHaveLength(3);
  });

  it('refuses a file that is not a summary, with the reader’s message', () => {
    const result = readSummary('x', new TextEncoder().encode('not a zip'), []);
    expect(result.ok).toBe(false);
  });
});

describe('locateDumps', () => {
  it('matches exact paths, then unique base names; ambiguous or unknown ones get none', () => {
    expect(
      locateDumps(
        ['cat/a.npz', './dog/b.npz', 'x/c.npz', 'y/d.npz', ''],
        ['cat/a.npz', 'b.npz', 'p/c.npz', 'q/c.npz'],
      ),
    ).toEqual(['cat/a.npz', 'b.npz', null, null, null]);
  });
});

describe('displayMap', () => {
  it('averages the mask channel groups of a mean map', () => {
    const block = {
      mode: 'spatial',
      gridShape: [2, 1, 2],
      meanMap: Float32Array.from([0, 1, 1, 1]),
    } as unknown as MaskSetSummary['blocks'][number];
    expect(Array.from(displayMap(block)?.values ?? [])).toEqual([0.5, 1]);
  });
});

describe('histogram', () => {
  it('spans min..max in equal bins and counts every finite value once', () => {
    const h = histogram(Float64Array.from([1, 2, 2, 3, NaN, 5]), 4);
    expect(h.edges).toEqual([1, 2, 3, 4, 5]);
    expect(h.counts).toEqual([1, 2, 1, 1]);
  });
});

describe("the set's rates and latency", () => {
  it("sets every dynamic block's rate to its mean over the set", () => {
    const set = load();
    const result = meanRatesConfigOf(set, defaultConfig());
    if (!result.ok) throw new Error(result.error);
    const { config } = result;
    expect(config.model).toEqual({ kind: 'builtin', id: 'resnet50' });
    expect(config.stages.map((s) => s.mode)).toEqual([
      'spatial',
      'spatial+channel',
      'channel',
      'layer',
    ]);
    const s1 = set.summary.blocks.find((b) => b.key === 'stage1/2');
    const s4 = set.summary.blocks.find((b) => b.key === 'stage4/1');
    if (!s1 || !s4) throw new Error('blocks missing');
    expect(config.blockRates['stage1/2']).toBeCloseTo(
      mean(blockColumn(set.summary, 'spatial', s1.globalIndex)),
      6,
    );
    expect(config.blockRates['stage4/1']).toBeCloseTo(
      mean(blockColumn(set.summary, 'gate', s4.globalIndex)),
      6,
    );
  });

  it('gives per-image latencies per preset whose histogram holds every image', () => {
    const set = load();
    const spread = spreadOf(7, set);
    expect(spread.setId).toBe(7);
    const v100 = spread.hardware.find((h) => h.id === 'v100');
    if (!v100) throw new Error('v100 missing');
    expect(v100.counts.reduce((a, b) => a + b, 0)).toBe(240);
    expect(v100.p10).toBeLessThanOrEqual(v100.p50);
    expect(v100.p50).toBeLessThanOrEqual(v100.p90);
    // Image 0's own latency, predicted independently, falls inside the histogram's range.
    const predictor = createPredictor(resolveHardware('v100'));
    const batch = findHardwarePreset('v100').params.batchSize;
    const own = predictNetwork(
      predictor,
      maskSetRequest(set.summary, (b) => {
        const { spatial, channel } = set.summary.rates;
        const k = b.globalIndex; // image 0's row
        if (b.mode === 'channel') return { rate: channel[k]!, channelRate: 1 };
        if (b.mode === 'spatial+channel') return { rate: spatial[k]!, channelRate: channel[k]! };
        return { rate: spatial[k]!, channelRate: 1 };
      }),
    );
    const perImage = own.latencyS / batch;
    expect(perImage).toBeGreaterThanOrEqual(v100.edges[0]!);
    expect(perImage).toBeLessThanOrEqual(v100.edges[v100.edges.length - 1]!);
  });
});

describe('createDumpBuilder', () => {
  it('builds a set from dumps, classes from their first folder; bad dumps get a reason', () => {
    const builder = createDumpBuilder('picked');
    for (const path of listed) {
      expect(builder.add(path, new Uint8Array(readFileSync(join(setDir, path))))).toBeNull();
    }
    expect(builder.add('bad.laudmask.npz', new Uint8Array([1, 2, 3]))).toMatch(/zip/i);
    const result = builder.finish();
    if (!result.ok) throw new Error(result.error);
    expect(result.set.overview.images).toBe(3);
    expect(result.set.overview.origin).toBe('dumps');
    expect(result.set.overview.classNames).toEqual(['bird', 'cat', 'fish']);
    expect(result.set.overview.ranking.dumpPaths).toEqual(listed);
  });

  it('says so when no dump could be read', () => {
    const builder = createDumpBuilder('empty');
    builder.add('x.npz', new Uint8Array(0));
    expect(builder.finish()).toEqual({ ok: false, error: 'none of the dumps could be read.' });
  });
});
