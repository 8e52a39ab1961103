/**
 * Input sizes other than 224: feature sizes by conv arithmetic, and the acceptance number of issue 16 —
 * ResNet-101 static on V100 at 800×1333 — recomputed from per-block shapes listed BY HAND from the
 * latency spec §5.1/§5.2 and the bit-exact operator functions (validated against the reference operator
 * vectors, including their non-square conv and add rows, checked again below).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  architectureAtSize,
  exactGranularities,
  featureSizes,
  findBuiltinArchitecture,
  parseInputSize,
  partialPatchNote,
  type ArchitectureSpec,
} from '../../../core/arch';
import { defaultConfig } from '../../../core/config/defaults';
import { toNetworkRequest } from '../../../core/config/request';
import { resolveArchitecture } from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import { validateConfig } from '../../../core/config/validate';
import { configFlops } from '../../../core/flops/config';
import {
  createPredictor,
  predictNetwork,
  resolveHardware,
  simulateAdd,
  simulateConv,
  type Predictor,
} from '../../../core/predictor';

const arch = (id: string): ArchitectureSpec => {
  const a = findBuiltinArchitecture(id);
  if (!a) throw new Error(id);
  return a;
};
const size = (height: number, width: number) => ({ height, width });

describe('featureSizes (conv arithmetic ⌊(n + 2p − k)/s⌋ + 1)', () => {
  it('gives 112, 56 and 56-28-14-7 for ResNet at 224', () => {
    const f = featureSizes(arch('resnet50'), size(224, 224));
    expect(f.stemConv).toEqual(size(112, 112));
    expect(f.stem).toEqual(size(56, 56));
    expect(f.stages.map((s) => s.height)).toEqual([56, 28, 14, 7]);
  });

  it('follows each side on its own at 800×1333 and 512×1024', () => {
    // 800: 7×7/2 p3 → 400, pool 3/2 p1 → 200, then 100, 50, 25.
    // 1333: (1333 + 6 − 7)/2 + 1 = 667, pool (667 + 2 − 3)/2 + 1 = 334, then 167, 84, 42.
    const r = featureSizes(arch('resnet101'), size(800, 1333));
    expect(r.stemConv).toEqual(size(400, 667));
    expect(r.stem).toEqual(size(200, 334));
    expect(r.stages).toEqual([size(200, 334), size(100, 167), size(50, 84), size(25, 42)]);
    // RegNet: 3×3/2 stem, every stage stride 2.
    const g = featureSizes(arch('regnety004'), size(800, 1333));
    expect(g.stem).toEqual(size(400, 667));
    expect(g.stages).toEqual([size(200, 334), size(100, 167), size(50, 84), size(25, 42)]);
    const w = featureSizes(arch('resnet50'), size(512, 1024));
    expect(w.stages).toEqual([size(128, 256), size(64, 128), size(32, 64), size(16, 32)]);
    expect(featureSizes(arch('resnet50'), size(320, 320)).stages.map((s) => s.width)).toEqual([
      80, 40, 20, 10,
    ]);
  });

  it('returns the very same architecture object at its own size', () => {
    const a = arch('resnet50');
    expect(architectureAtSize(a, size(224, 224))).toBe(a);
    const d = architectureAtSize(a, size(800, 1333));
    expect(d.stages.map((s) => [s.outResolution, s.outWidth])).toEqual([
      [200, 334],
      [100, 167],
      [50, 84],
      [25, 42],
    ]);
    expect(() => architectureAtSize(a, size(16, 224))).toThrow(/height: 16 is outside 32 to 4096/);
  });
});

describe('parseInputSize', () => {
  it('reads numbers, HxW strings, pairs and objects', () => {
    for (const v of [
      '800x1333',
      '800×1333',
      ' 800 X 1333 ',
      [800, 1333],
      { height: 800, width: 1333 },
    ])
      expect(parseInputSize(v)).toEqual({ ok: true, size: size(800, 1333) });
    expect(parseInputSize(224)).toEqual({ ok: true, size: size(224, 224) });
    expect(parseInputSize('320')).toEqual({ ok: true, size: size(320, 320) });
  });

  it('names what was expected and what was found', () => {
    const bad = (v: unknown) => {
      const r = parseInputSize(v);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad('800by1333')).toMatch(/expected .*"HxW".*got "800by1333"/);
    expect(bad([800])).toBe('ok'); // one side: square
    expect(bad([1, 2, 3])).toMatch(/got \[1,2,3\]/);
    expect(bad('8000x10')).toMatch(/height: 8000 is outside 32 to 4096/);
    expect(bad(224.5)).toMatch(/not a whole number/);
    expect(bad(undefined)).toMatch(/^missing/);
    expect(bad({ height: 800, width: 1333, depth: 3 })).toMatch(/expected/);
  });
});

describe('patch sides at non-square sizes', () => {
  it('lists whole-patch sides (divisors of gcd) and labels partial ones', () => {
    expect(exactGranularities(size(200, 334))).toEqual([1, 2]);
    expect(exactGranularities(size(56, 56))).toEqual([1, 2, 4, 7, 8, 14, 28, 56]);
    expect(partialPatchNote(size(56, 56), 7)).toBeNull();
    expect(partialPatchNote(size(100, 167), 4)).toBe(
      'partial border patches on the width (167 = 41·4 + 3)',
    );
    expect(partialPatchNote(size(25, 42), 4)).toBe(
      'partial border patches on the height (25 = 6·4 + 1) and the width (42 = 10·4 + 2)',
    );
  });
});

/** Static block latency of spec §5.2, written out: conv1 + conv2 + conv3 + add (+ 1×1/2 shortcut). */
function staticBlock(
  p: Predictor,
  b: { cin: number; cout: number; cm: number; h: number; w: number; down: 1 | 2 },
): number {
  const hd = Math.floor(b.h / b.down);
  const wd = Math.floor(b.w / b.down);
  let t = simulateConv(p, b.cin, b.cm, b.h, b.w, 1).latencyS;
  t += simulateConv(p, b.cm, b.cm, b.h, b.w, 3, 1, b.down).latencyS;
  t += simulateConv(p, b.cm, b.cout, hd, wd, 1).latencyS;
  t += simulateAdd(p, b.cout, hd, wd).latencyS;
  if (b.down === 2) t += simulateConv(p, b.cin, b.cout, b.h, b.w, 1, 1, 2).latencyS;
  return t;
}

/**
 * ResNet-101's stage table (spec §5.1) at stage output sizes `widths` (h × w): the first block of stage
 * i takes `first[i]` channels at widths[i]·s_i, the others `last[i]` at widths[i].
 */
function resnet101StaticByHand(p: Predictor, widths: [number, number][]): number {
  const first = [64, 256, 512, 1024];
  const last = [256, 512, 1024, 2048];
  const strides = [1, 2, 2, 2] as const;
  const blocks = [3, 4, 23, 3];
  let total = 0;
  for (let i = 0; i < 4; i++) {
    const [oh, ow] = widths[i]!;
    const s = strides[i]!;
    const cm = last[i]! / 4;
    const one = staticBlock(p, {
      cin: first[i]!,
      cout: last[i]!,
      cm,
      h: oh * s,
      w: ow * s,
      down: s,
    });
    const other = staticBlock(p, { cin: last[i]!, cout: last[i]!, cm, h: oh, w: ow, down: 1 });
    total += one + (blocks[i]! - 1) * other;
  }
  return total;
}

function configAt(model: string, inputSize: StudioConfig['inputSize']): StudioConfig {
  const c = defaultConfig();
  c.model = { kind: 'builtin', id: model };
  c.inputSize = inputSize;
  c.stages = c.stages.map((s) => ({ ...s, mode: 'static' }));
  return c;
}

describe('ResNet-101 static on V100 at other input sizes (acceptance, issue 16)', () => {
  const p = createPredictor(resolveHardware('v100'));

  it('the hand composition reproduces the reference vector at 224 (validates the method)', () => {
    const csv = readFileSync('tests/data/reference/model_vectors.csv', 'utf8').split('\n');
    const row = csv.find((l) => l.startsWith('resnet101,v100,128,8.0,static,'));
    const reference = Number(row!.split(',')[11]);
    expect(reference).toBeCloseTo(0.21465610154666667, 15);
    const byHand = resnet101StaticByHand(p, [
      [56, 56],
      [28, 28],
      [14, 14],
      [7, 7],
    ]);
    expect(byHand).toBe(reference);
  });

  it('800×1333: predict equals the spec composition at 200×334, 100×167, 50×84, 25×42', () => {
    const byHand = resnet101StaticByHand(p, [
      [200, 334],
      [100, 167],
      [50, 84],
      [25, 42],
    ]);
    const config = configAt('resnet101', [800, 1333]);
    expect(validateConfig(config)).toEqual([]);
    const pred = predictNetwork(p, toNetworkRequest(config));
    expect(pred.staticLatencyS).toBe(byHand);
    expect(pred.latencyS).toBeCloseTo(byHand, 12); // left-to-right block sum of the same numbers
    // 800·1333 / 224² ≈ 21× the pixels; large maps use the GPU better, so somewhat less than 21×.
    expect(pred.staticLatencyS / 0.21465610154666667).toBeGreaterThan(15);
    expect(pred.staticLatencyS / 0.21465610154666667).toBeLessThan(26);
  });

  it('width is not height: 1333×800 differs from 800×1333', () => {
    const a = predictNetwork(p, toNetworkRequest(configAt('resnet101', [800, 1333])));
    const b = predictNetwork(p, toNetworkRequest(configAt('resnet101', [1333, 800])));
    const byHand = resnet101StaticByHand(p, [
      [334, 200],
      [167, 100],
      [84, 50],
      [42, 25],
    ]);
    expect(b.staticLatencyS).toBe(byHand);
    expect(b.staticLatencyS).not.toBe(a.staticLatencyS);
  });
});

describe('spatial mode at 800×1333', () => {
  const p = createPredictor(resolveHardware('v100'));
  it('predicts with partial border patches (S = 4 on 100×167, 25×42) and falls with the rate', () => {
    const config = configAt('resnet101', '800x1333' as unknown as number);
    config.inputSize = [800, 1333];
    config.stages = config.stages.map((s) => ({ ...s, mode: 'spatial', spatialGranularity: 4 }));
    expect(validateConfig(config)).toEqual([]);
    const at = (r: number) => {
      config.targetRate = r;
      return predictNetwork(p, toNetworkRequest(config));
    };
    const half = at(0.5);
    const full = at(1);
    const low = at(0.2);
    expect(Number.isFinite(half.latencyS)).toBe(true);
    expect(low.latencyS).toBeLessThan(half.latencyS);
    expect(half.latencyS).toBeLessThan(full.latencyS);
    expect(half.blocks).toHaveLength(33);
  });

  it('FLOPs use h·w per map (static MACs scale with the pixel count)', () => {
    const f224 = configFlops(
      configAt('resnet50', 224),
      resolveArchitecture(configAt('resnet50', 224)),
    );
    const c = configAt('resnet50', [800, 1333]);
    const f = configFlops(c, resolveArchitecture(c));
    // stem conv: 3·64·49 MACs per output pixel at 400×667; pool 64·9 per pixel at 200×334.
    expect(f.stemMacs).toBe(3 * 64 * 49 * 400 * 667 + 64 * 200 * 334 * 9);
    // stage 4, other block, conv2: 9·512·512 per pixel at 25×42.
    const b = f.blocks.find((x) => x.key === 'stage4/1')!;
    expect(b.staticMacs.conv2).toBe(9 * 512 * 512 * 25 * 42);
    expect(f.staticMacs / f224.staticMacs).toBeGreaterThan(19);
    expect(f.staticMacs / f224.staticMacs).toBeLessThan(23);
  });
});

describe('operators with h ≠ w against the reference operator vectors', () => {
  it('conv and add rows whose h differs from w', () => {
    const lines = readFileSync('tests/data/reference/op_vectors.csv', 'utf8').trim().split('\n');
    const head = lines[0]!.split(',');
    const col = (r: string[], k: string) => r[head.indexOf(k)]!;
    let checked = 0;
    for (const line of lines.slice(1)) {
      const r = line.split(',');
      const op = col(r, 'op');
      if ((op !== 'conv' && op !== 'add') || col(r, 'h') === col(r, 'w')) continue;
      if (Number(col(r, 'mem_concurrent_fp32')) !== 8 || col(r, 'l2_speed_frac') !== '4.0')
        continue;
      const hwId = col(r, 'hardware');
      if (hwId !== 'v100' && hwId !== 'tx2') continue;
      const pr = createPredictor(resolveHardware(hwId));
      const n = (k: string) => Number(col(r, k));
      const got =
        op === 'conv'
          ? simulateConv(pr, n('cin'), n('cout'), n('h'), n('w'), n('ks'), n('groups'), n('stride'))
          : simulateAdd(pr, n('c'), n('h'), n('w'));
      expect(got.latencyS).toBeCloseTo(n('latency_s'), 15);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
