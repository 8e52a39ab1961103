/** onnxruntime-web in Node as the live engine's runtime (one thread), and the test images. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { decodePng } from '../../../core/maskfile';
import type { LiveRuntime } from '../../../renderer/src/live/engine';
import type { DecodePixelsResult } from '../../../renderer/src/live/liveImage';

ort.env.wasm.numThreads = 1;

export const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'onnx');
export const readFixture = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));

export const nodeRuntime: LiveRuntime = {
  async createSession(bytes) {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      async run(feeds, fetches) {
        const out = await session.run(feeds as Record<string, ort.Tensor>, [...fetches]);
        return Object.fromEntries(
          Object.entries(out).map(([k, t]) => [
            k,
            { data: t.data as ArrayLike<number>, dims: t.dims },
          ]),
        );
      },
      release: () => session.release(),
    };
  },
  tensor: (data, dims) => new ort.Tensor('float32', data, [...dims]),
};

/** The fixture photo, and the same photo mirrored left to right (other pixels, same size). */
export function testImages() {
  const png = decodePng(readFixture('image.png'));
  if (!png.ok) throw new Error(png.error);
  const mirrored = new Uint8ClampedArray(png.rgba.length);
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++)
      mirrored.set(
        png.rgba.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4),
        (y * png.width + (png.width - 1 - x)) * 4,
      );
  return { width: png.width, height: png.height, plain: png.rgba, mirrored };
}

/**
 * A decoder for the tests' "files": one byte, 0 for the photo, 1 for its mirror image, 2 for a file
 * that does not decode.
 */
export function fakeDecode(): (bytes: Uint8Array) => Promise<DecodePixelsResult> {
  const images = testImages();
  return (bytes) => {
    if (bytes[0] === 2)
      return Promise.resolve({ ok: false, error: 'The PNG image could not be decoded.' });
    const rgba = (bytes[0] === 1 ? images.mirrored : images.plain).slice();
    return Promise.resolve({
      ok: true,
      pixels: {
        rgba,
        width: images.width,
        height: images.height,
        preview: null,
        decoder: 'image-bitmap',
        pooled: false,
        region: null,
      },
    });
  };
}
