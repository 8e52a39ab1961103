import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import { computePonderMap } from '../../../core/maskfile/ponder';
import { computeProxyMasks } from '../../../core/masks/proxy';
import { proxyConfigFromStudio } from '../../../core/masks/proxyConfig';
import { computeSaliency, type SaliencyMap } from '../../../core/saliency/spectralResidual';
import { ProxyMasker } from '../../../renderer/src/masksMain/masker';
import {
  setTargetRate as setGlobalRate,
  setBlockRate,
  setStageGroupSize,
  setStageGranularity,
  setStageMode,
  setStageRate,
} from '../../../renderer/src/store/configEdits';
import { ones } from '../masks/helpers';

/** A photo-like RGBA image (smooth blobs plus a seeded texture), so the saliency map has ties and structure. */
function photoSaliency(seed: number): SaliencyMap {
  const side = 224;
  const rgba = new Uint8ClampedArray(side * side * 4);
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const cx = 60 + rnd() * 100;
  const cy = 60 + rnd() * 100;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const o = (y * side + x) * 4;
      const d = Math.hypot(x - cx, y - cy);
      rgba[o] = d < 40 ? 220 : 40 + rnd() * 30;
      rgba[o + 1] = (x * 255) / side;
      rgba[o + 2] = d < 20 ? 10 : 120;
      rgba[o + 3] = 255;
    }
  return computeSaliency(rgba, side, side);
}

/** The full computation the worker does (core), for comparison. */
const full = (saliency: SaliencyMap, config: StudioConfig) =>
  computeProxyMasks(saliency, proxyConfigFromStudio(config, 0));

function expectSame(
  got: ReturnType<ProxyMasker['update']>,
  saliency: SaliencyMap,
  config: StudioConfig,
) {
  const want = full(saliency, config);
  expect(got.blocks.length).toBe(want.length);
  got.blocks.forEach((b, i) => expect(differences(b, want[i]!, b.key)).toEqual([]));
  const ponder = computePonderMap(want);
  expect(differences(got.ponder, ponder, 'ponder')).toEqual([]);
}

type Typed = Uint8Array | Uint16Array | Int32Array | Float32Array;

/**
 * Where two values differ, as paths: typed arrays element by element with Object.is (a float that
 * differs in its last bit, or -0 against 0, counts), objects field by field (the same keys both ways).
 */
function differences(a: unknown, b: unknown, path: string, out: string[] = []): string[] {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    const x = a as Typed;
    const y = b as Typed;
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || x.constructor !== y.constructor)
      out.push(`${path}: types`);
    else if (x.length !== y.length) out.push(`${path}: length ${x.length} vs ${y.length}`);
    else
      for (let i = 0; i < x.length; i++)
        if (!Object.is(x[i], y[i])) {
          out.push(`${path}[${i}]: ${x[i]} vs ${y[i]}`);
          break;
        }
    return out;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
    return out;
  }
  if (!Object.is(a, b)) out.push(`${path}: ${String(a)} vs ${String(b)}`);
  return out;
}

/** A seeded sequence of rates that goes up and down, with repeats and the ends 0 and 1. */
function rateSequence(seed: number, n: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 9301 + 49297) % 233280;
    const r = s / 233280;
    out.push(i % 11 === 5 ? 0 : i % 13 === 7 ? 1 : Number(r.toFixed(4)));
    if (i % 9 === 4) out.push(out[out.length - 1]!);
  }
  return out;
}

describe('ProxyMasker', () => {
  it('gives the full computation’s masks and ponder map along global rate sequences up and down', () => {
    const saliency = photoSaliency(7);
    const masker = new ProxyMasker(saliency);
    let config = defaultConfig('resnet101');
    for (const rate of rateSequence(3, 40)) {
      config = setGlobalRate(config, rate);
      expectSame(masker.update(config), saliency, config);
    }
  });

  it('follows stage rates, granularities, modes and group sizes changed between rate changes', () => {
    const saliency = photoSaliency(11);
    const masker = new ProxyMasker(saliency);
    let config = defaultConfig('resnet50');
    const steps: ((c: StudioConfig) => StudioConfig)[] = [
      (c) => setStageMode(c, 0, 'spatial'),
      (c) => setStageGranularity(c, 0, 4),
      (c) => setStageRate(c, 0, 0.33),
      (c) => setStageMode(c, 1, 'layer'),
      (c) => setStageRate(c, 1, 0.71),
      (c) => setStageRate(c, 1, 0.2),
      (c) => setStageMode(c, 2, 'spatial+channel'),
      (c) => setStageGroupSize(c, 2, 64),
      (c) => setStageRate(c, 2, 0.9),
      (c) => setStageMode(c, 3, 'channel'),
      (c) => setStageRate(c, 3, 0.15),
      (c) => setStageGranularity(c, 0, 2),
      (c) => setGlobalRate(c, 0.61),
      (c) => setGlobalRate(c, 0.05),
      (c) => setStageMode(c, 2, 'static'),
      (c) => setGlobalRate(c, 0.95),
      (c) => setBlockRate(c, 'stage2/1', 0.42),
      (c) => setBlockRate(c, 'stage2/1', 0.43),
    ];
    expectSame(masker.update(config), saliency, config);
    for (const step of steps) {
      config = step(config);
      expectSame(masker.update(config), saliency, config);
    }
  });

  it('keeps the snapshots of unchanged blocks and reports which ones changed', () => {
    const saliency = photoSaliency(3);
    const masker = new ProxyMasker(saliency);
    let config = setStageMode(defaultConfig('resnet50'), 0, 'spatial');
    const first = masker.update(config);
    expect(first.changed).toHaveLength(first.blocks.length);
    config = setStageRate(config, 0, 0.2);
    const second = masker.update(config);
    const stage0 = second.blocks.filter((b) => b.stage === 0).map((b) => b.globalIndex);
    expect(second.changed).toEqual(stage0);
    second.blocks.forEach((b, i) => {
      if (!stage0.includes(i)) expect(b).toBe(first.blocks[i]);
      else expect(b).not.toBe(first.blocks[i]);
    });
    // Earlier snapshots are not mutated by later updates (the 3D view compares them).
    const before = first.blocks[0]!.conv2!.data;
    expect(ones(before)).toBe(first.blocks[0]!.rates.conv2! * before.length);
  });

  it('gives same-shaped blocks with the same kept count one copy of their masks, and parts them again', () => {
    const saliency = photoSaliency(9);
    const masker = new ProxyMasker(saliency);
    let config = setGlobalRate(defaultConfig('resnet101'), 0.37);
    const shared = masker.update(config);
    expectSame(shared, saliency, config);
    const distinct = new Set(shared.blocks.map((b) => b.conv2?.data).filter(Boolean));
    // ResNet-101's 33 blocks: per stage the first block (its own sides or stride) and the others.
    expect(distinct.size).toBe(7);
    const [a, b] = shared.blocks.filter((x) => x.stage === 2 && x.index > 0);
    expect(b!.conv2!.data).toBe(a!.conv2!.data);
    // One of them takes its own rate, then the stage's again: its masks follow, the others stay.
    config = setBlockRate(config, b!.key, 0.81);
    const parted = masker.update(config);
    expectSame(parted, saliency, config);
    expect(parted.changed).toEqual([b!.globalIndex]);
    config = setBlockRate(config, b!.key, null);
    config = setGlobalRate(config, 0.52);
    expectSame(masker.update(config), saliency, config);
    config = setGlobalRate(config, 0.37);
    expectSame(masker.update(config), saliency, config);
  });

  it('keeps exactly the predictor’s count of cells, the most salient first (independent check)', () => {
    const saliency = photoSaliency(5);
    const masker = new ProxyMasker(saliency);
    let config = setStageGranularity(setStageMode(defaultConfig('resnet50'), 0, 'spatial'), 0, 2);
    for (const rate of [0.3, 0.8, 0.1]) {
      config = setStageRate(config, 0, rate);
      const block = masker.update(config).blocks[0]!;
      // 56×56 map, S = 2: a 28×28 grid; ⌈rate·28·28⌉ cells.
      expect(ones(block.grid!.data)).toBe(Math.ceil(rate * 28 * 28));
      expect(ones(block.conv2!.data)).toBe(4 * Math.ceil(rate * 28 * 28));
      let minKept = Infinity;
      let maxSkipped = -Infinity;
      block.grid!.data.forEach((v, i) => {
        const s = block.gridSaliency![i]!;
        if (v) minKept = Math.min(minKept, s);
        else maxSkipped = Math.max(maxSkipped, s);
      });
      expect(minKept).toBeGreaterThanOrEqual(maxSkipped);
    }
  });

  it('throws the full computation’s error for a granularity that does not fit, and recovers', () => {
    const saliency = photoSaliency(1);
    const masker = new ProxyMasker(saliency);
    let config = setStageMode(defaultConfig('resnet50'), 0, 'spatial');
    masker.update(config);
    const bad = setStageGranularity(config, 0, 5);
    expect(() => masker.update(bad)).toThrow(
      /granularity 5 does not divide the 56×56 map of stage1\/0/,
    );
    config = setStageRate(config, 0, 0.4);
    expectSame(masker.update(config), saliency, config);
  });
});
