import { describe, expect, it } from 'vitest';
import { fft2d } from '../../../core/saliency/fft';
import { integralImage, poolGrid } from '../../../core/saliency/pool';
import { resampleRect } from '../../../core/saliency/resample';
import { computeSaliency } from '../../../core/saliency/spectralResidual';

/** Grey 224×224 RGBA with a textured background and a bright disc at (cx, cy). */
function discImage(cx: number, cy: number, radius: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(224 * 224 * 4);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      const inside = Math.hypot(x - cx, y - cy) < radius;
      const v = inside ? 240 : 100 + ((x * 13 + y * 7) % 9);
      rgba.set([v, v, v, 255], (y * 224 + x) * 4);
    }
  }
  return rgba;
}

function meanWhere(map: Float32Array, pred: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      if (pred(x, y)) {
        sum += map[y * 224 + x] as number;
        n++;
      }
    }
  }
  return sum / n;
}

describe('computeSaliency (spectral residual)', () => {
  it('finds a bright disc', () => {
    const map = computeSaliency(discImage(150, 80, 25), 224, 224);
    expect(map.width).toBe(224);
    let best = 0;
    for (let i = 1; i < map.data.length; i++)
      if ((map.data[i] as number) > (map.data[best] as number)) best = i;
    const bx = best % 224;
    const by = Math.floor(best / 224);
    expect(Math.hypot(bx - 150, by - 80)).toBeLessThan(35);
    const near = meanWhere(map.data, (x, y) => Math.hypot(x - 150, y - 80) < 35);
    const far = meanWhere(map.data, (x, y) => Math.hypot(x - 150, y - 80) > 70);
    expect(near).toBeGreaterThan(3 * far);
  });

  it('is normalised to [0, 1], deterministic, and zero at the borders', () => {
    const a = computeSaliency(discImage(60, 160, 20), 224, 224);
    const b = computeSaliency(discImage(60, 160, 20), 224, 224);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Math.max(...a.data)).toBe(1);
    expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
    const border = [...a.data.subarray(0, 224), ...a.data.subarray(223 * 224)];
    expect(Math.max(...border)).toBeLessThan(0.05);
  });

  it('gives a flat image an all-zero map', () => {
    const flat = new Uint8ClampedArray(224 * 224 * 4).fill(90);
    expect(computeSaliency(flat, 224, 224).data.every((v) => v === 0)).toBe(true);
  });
});

describe('fft2d', () => {
  it('matches a naive DFT on 8×8 and inverts exactly', () => {
    const n = 8;
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) re[i] = Math.sin(i * 1.7) + (i % 3);
    const input = Float64Array.from(re);
    fft2d(re, im, n);
    for (const [u, v] of [
      [0, 0],
      [1, 2],
      [5, 7],
      [3, 3],
    ] as const) {
      let sr = 0;
      let si = 0;
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const a = (-2 * Math.PI * (u * y + v * x)) / n;
          sr += (input[y * n + x] as number) * Math.cos(a);
          si += (input[y * n + x] as number) * Math.sin(a);
        }
      }
      expect(re[u * n + v]).toBeCloseTo(sr, 9);
      expect(im[u * n + v]).toBeCloseTo(si, 9);
    }
    fft2d(re, im, n, true);
    for (let i = 0; i < n * n; i++) expect(re[i]).toBeCloseTo(input[i] as number, 12);
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => fft2d(new Float64Array(36), new Float64Array(36), 6)).toThrow(RangeError);
  });
});

describe('resampleRect and poolGrid', () => {
  it('keeps constants and reproduces a linear ramp when enlarging', () => {
    const ramp = Float32Array.from({ length: 8 }, (_, x) => x); // 8×1
    const up = resampleRect(ramp, 8, 1, 1, { x: 0, y: 0, width: 8, height: 1 }, 16, 1);
    // Output sample o sits at source coordinate (o + 0.5)/2 − 0.5 (pixel centres): value (2o − 1)/4.
    for (let o = 2; o < 14; o++) expect(up[o]).toBeCloseTo((2 * o - 1) / 4, 6);
    const flat = resampleRect(
      new Float32Array(40 * 30).fill(3),
      40,
      30,
      1,
      { x: 5, y: 5, width: 20, height: 20 },
      7,
      7,
    );
    for (const v of flat) expect(v).toBeCloseTo(3, 6);
  });

  it('pools cell means exactly', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const pooled = poolGrid(integralImage({ width: 4, height: 4, data }), 2, 2);
    // Top-left cell: (1 + 2 + 5 + 6)/4.
    expect(Array.from(pooled)).toEqual([3.5, 5.5, 11.5, 13.5]);
  });
});
