import { describe, expect, it } from 'vitest';
import {
  checkImageDimensions,
  cropToNetworkInput,
  preprocessGeometry,
} from '../../../core/saliency/preprocess';

describe('preprocessGeometry (Resize(256) + CenterCrop(224))', () => {
  it('handles a landscape photo (dog.jpg, 768×576)', () => {
    const g = preprocessGeometry(768, 576);
    // ⌊256·768/576⌋ = ⌊341.33⌋ = 341; (341 − 224)/2 = 58.5 → 58 (half to even); (256 − 224)/2 = 16.
    expect([g.resizedWidth, g.resizedHeight]).toEqual([341, 256]);
    expect(g.cropInResized).toEqual({ x: 58, y: 16, width: 224, height: 224 });
    expect(g.cropBox.x).toBeCloseTo((58 * 768) / 341, 10);
    expect(g.cropBox.y).toBe(36);
    expect(g.cropBox.width).toBeCloseTo((224 * 768) / 341, 10);
    expect(g.cropBox.height).toBe(504);
  });

  it('handles portrait and square images', () => {
    const p = preprocessGeometry(424, 640);
    expect([p.resizedWidth, p.resizedHeight]).toEqual([256, 386]); // ⌊386.4⌋
    expect(p.cropInResized.y).toBe(81);
    const s = preprocessGeometry(500, 500);
    expect(s.cropBox).toEqual({ x: 31.25, y: 31.25, width: 437.5, height: 437.5 });
  });

  it('rounds half offsets to even like Python', () => {
    // 225×256 → 256×291: (291 − 224)/2 = 33.5 → 34.  225×259 → 256×294: 35 exactly.
    expect(preprocessGeometry(225, 256).cropInResized.y).toBe(34);
    // 256×293 (already 256 short side): (293 − 224)/2 = 34.5 → 34.
    expect(preprocessGeometry(256, 293).cropInResized.y).toBe(34);
  });
});

describe('cropToNetworkInput', () => {
  it('keeps a constant image constant and returns 224×224 RGBA', () => {
    const rgba = new Uint8Array(300 * 200 * 4).fill(77);
    const out = cropToNetworkInput(rgba, 300, 200);
    expect(out.length).toBe(224 * 224 * 4);
    expect(out.every((v) => v === 77)).toBe(true);
  });

  it('keeps what is inside the crop box and drops what is outside', () => {
    // 512×256 is already 256 on its short side (scale 1): the crop keeps x ∈ [144, 368) unchanged.
    const w = 512;
    const h = 256;
    const rgba = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++)
        rgba.fill(x < 256 ? 0 : 200, (y * w + x) * 4, (y * w + x) * 4 + 4);
    }
    const g = preprocessGeometry(w, h);
    expect(g.cropBox).toEqual({ x: 144, y: 16, width: 224, height: 224 });
    const out = cropToNetworkInput(rgba, w, h, g);
    expect(out[(100 * 224 + 10) * 4]).toBe(0); // original x = 154
    expect(out[(100 * 224 + 200) * 4]).toBe(200); // original x = 344
    expect(out[(100 * 224 + 111) * 4]).toBe(0); // original x = 255, last dark column
    expect(out[(100 * 224 + 112) * 4]).toBe(200); // original x = 256, first bright column
  });
});

describe('checkImageDimensions', () => {
  it('refuses a 50-megapixel image with its size in the message', () => {
    const r = checkImageDimensions(8660, 5774);
    expect(r).toEqual({
      ok: false,
      error:
        'The image is 50.0 megapixels (8660×5774); images over 40 megapixels are refused. Downscale it first.',
    });
  });

  it('accepts ordinary photos and refuses very long sides', () => {
    expect(checkImageDimensions(4000, 3000)).toEqual({ ok: true });
    const long = checkImageDimensions(20000, 100);
    expect(long.ok).toBe(false);
    expect(!long.ok && long.error).toContain('16384');
  });
});
