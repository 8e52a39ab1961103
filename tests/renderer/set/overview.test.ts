import { describe, expect, it } from 'vitest';
import {
  buildOverview,
  classMeans,
  distribution,
  quantile,
  rankByCompute,
  type SetTable,
} from '../../../renderer/src/set/overview';

describe('distribution', () => {
  it('gives numpy-style percentiles, the mean and a 20-bin histogram, skipping NaN', () => {
    // numpy.percentile([0.1, 0.2, 0.4, 0.8, 1.0], [10, 25, 50, 75, 90]) = 0.14, 0.2, 0.4, 0.8, 0.92
    const d = distribution(Float32Array.from([0.8, NaN, 0.1, 1.0, 0.4, 0.2]));
    expect(d?.p10).toBeCloseTo(0.14, 6);
    expect(d?.p25).toBeCloseTo(0.2, 6);
    expect(d?.p50).toBeCloseTo(0.4, 6);
    expect(d?.p75).toBeCloseTo(0.8, 6);
    expect(d?.p90).toBeCloseTo(0.92, 6);
    expect(d?.mean).toBeCloseTo(0.5, 6);
    expect(d?.min).toBeCloseTo(0.1, 6);
    expect(d?.max).toBe(1);
    expect(d?.histogram).toHaveLength(20);
    // 0.1 → bin 2, 0.2 → 4, 0.4 → 8, 0.8 → 16, 1.0 → the last bin (19).
    expect(d?.histogram.reduce((a, b) => a + b, 0)).toBe(5);
    expect(d?.histogram[19]).toBe(1);
    expect(d?.histogram[16]).toBe(1);
  });

  it('is null when no image has the rate', () => {
    expect(distribution(Float32Array.from([NaN, NaN]))).toBeNull();
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('rankByCompute', () => {
  it('orders images cheapest first, ties by index', () => {
    expect(Array.from(rankByCompute(Float32Array.from([0.5, 0.2, 0.5, 0.1])))).toEqual([
      3, 1, 0, 2,
    ]);
  });
});

function table(): SetTable {
  return {
    name: 'val',
    archId: 'resnet50',
    archLabel: 'ResNet-50',
    origin: 'summary',
    images: 4,
    blocks: [
      {
        key: 'stage1/0',
        stage: 0,
        mode: 'spatial',
        spatial: Float32Array.from([0.2, 0.4, 0.6, 0.8]),
        conv1: null,
        channel: null,
        gate: null,
        meanMap: null,
      },
      {
        key: 'stage4/0',
        stage: 3,
        mode: 'layer',
        spatial: null,
        conv1: null,
        channel: null,
        gate: Float32Array.from([1, 0, 1, 1]),
        meanMap: null,
      },
    ],
    flopsRatio: Float32Array.from([0.3, 0.5, 0.7, 0.9]),
    names: ['a', 'b', 'c', 'd'],
    labels: Int32Array.from([0, 1, 0, -1]),
    classNames: ['cat', 'dog'],
    dumpPaths: ['cat/a.npz', null, null, null],
    warnings: [],
  };
}

describe('classMeans', () => {
  it('averages FLOPs and each image’s mean block rate per class; unlabelled images are left out', () => {
    const classes = classMeans(table());
    // cat: images 0 and 2 → FLOPs (0.3 + 0.7) / 2; rates (0.2, 1) → 0.6 and (0.6, 1) → 0.8 → 0.7.
    // dog: image 1 → FLOPs 0.5; rates (0.4, 0) → 0.2.
    expect(classes.map((c) => [c.label, c.count])).toEqual([
      ['cat', 2],
      ['dog', 1],
    ]);
    expect(classes[0]?.meanFlopsRatio).toBeCloseTo(0.5, 6);
    expect(classes[0]?.meanRate).toBeCloseTo(0.7, 6);
    expect(classes[1]?.meanFlopsRatio).toBeCloseTo(0.5, 6);
    expect(classes[1]?.meanRate).toBeCloseTo(0.2, 6);
  });
});

describe('buildOverview', () => {
  it('keeps per-kind distributions null where a block has no such rate, and the mean FLOPs', () => {
    const o = buildOverview(table());
    expect(o.blocks[0]?.spatial?.p50).toBeCloseTo(0.5, 6);
    expect(o.blocks[0]?.gate).toBeNull();
    expect(o.blocks[1]?.spatial).toBeNull();
    expect(o.blocks[1]?.gate?.mean).toBeCloseTo(0.75, 6);
    expect(o.meanFlopsRatio).toBeCloseTo(0.6, 6);
    expect(Array.from(o.ranking.order)).toEqual([0, 1, 2, 3]);
  });
});

describe('rankByCompute on many values', () => {
  it('agrees with a comparator sort (ties by index, NaN last), negatives included', () => {
    const values = Float32Array.from({ length: 5000 }, (_, i) =>
      i % 97 === 0 ? NaN : (Math.round(Math.sin(i * 12.9898) * 43758.5453) % 50) / 40,
    );
    const expected = Array.from(values, (_, i) => i).sort((a, b) => {
      const x = values[a]!;
      const y = values[b]!;
      if (Number.isNaN(x) || Number.isNaN(y))
        return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
      return x - y || a - b;
    });
    expect(Array.from(rankByCompute(values))).toEqual(expected);
  });
});
