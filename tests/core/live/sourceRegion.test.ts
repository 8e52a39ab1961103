/**
 * The pixels the live preprocessing reads (`preprocessSourceRegion`): a decoder converts only those, so
 * pixels outside the region must not change the network input by a single bit, whatever they hold.
 */
import { describe, expect, it } from 'vitest';
import { EXPORTER_PREPROCESSING, preprocessRgba, preprocessSourceRegion } from '../../../core/live';

/** A deterministic RGBA image (a hash of position and seed). */
function makeRgba(width: number, height: number, seed: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < out.length; i++) out[i] = (Math.imul(i + seed, 2654435761) >>> 24) & 255;
  return out;
}

describe('preprocessSourceRegion', () => {
  it.each([
    [640, 427],
    [427, 640],
    [773, 500],
    [341, 256],
    [343, 256],
    [300, 257],
    [200, 150], // upscaled
    [224, 224],
    [256, 256],
  ])('%i×%i: pixels outside the region do not change the network input', (w, h) => {
    const region = preprocessSourceRegion(w, h, EXPORTER_PREPROCESSING);
    expect(region.x0).toBeGreaterThanOrEqual(0);
    expect(region.y0).toBeGreaterThanOrEqual(0);
    expect(region.x1).toBeLessThanOrEqual(w);
    expect(region.y1).toBeLessThanOrEqual(h);
    const rgba = makeRgba(w, h, 3);
    const want = preprocessRgba(rgba, w, h, EXPORTER_PREPROCESSING).input.slice();
    // Everything outside the region replaced by other values.
    const other = makeRgba(w, h, 99);
    const mixed = other.slice();
    for (let y = region.y0; y < region.y1; y++)
      mixed.set(
        rgba.subarray((y * w + region.x0) * 4, (y * w + region.x1) * 4),
        (y * w + region.x0) * 4,
      );
    const got = preprocessRgba(mixed, w, h, EXPORTER_PREPROCESSING).input;
    let diff = 0;
    for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) diff++;
    expect(diff).toBe(0);
  });

  it('leaves out the parts a resize to 256 and a centre crop of 224 never read', () => {
    // A 4:3 photo: 224/256 of the rows and about 224/341 of the columns (plus the filter's taps).
    const region = preprocessSourceRegion(640, 480, EXPORTER_PREPROCESSING);
    expect((region.x1 - region.x0) * (region.y1 - region.y0)).toBeLessThan(0.6 * 640 * 480);
    expect(region.y1 - region.y0).toBeGreaterThanOrEqual(420);
    expect(region.x1 - region.x0).toBeGreaterThanOrEqual(420);
  });
});
