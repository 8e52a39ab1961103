/** Builders shared by the mask-view tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import type { MaskImage } from '../../../renderer/src/store/masksSlice';
import type { SaliencyMap } from '../../../core/saliency/spectralResidual';
import {
  setStageGranularity,
  setStageMode,
  setStageRate,
} from '../../../renderer/src/store/configEdits';

export const fixturesDir = join(import.meta.dirname, '..', '..', '..', 'e2e', 'fixtures');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixturesDir, name)));
}

/** A 224×224 saliency map that increases left to right, then top to bottom: every cell ranks distinctly. */
export function rampSaliency(side = 224): SaliencyMap {
  const data = new Float32Array(side * side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) data[y * side + x] = (x + y * side) / (side * side);
  return { width: side, height: side, data };
}

/** ResNet-50 with stage 1 set to `mode`, S and rate (other stages at their defaults). */
export function stage1Config(
  options: { mode?: StudioConfig['stages'][number]['mode']; S?: number; rate?: number } = {},
): StudioConfig {
  let config = defaultConfig('resnet50');
  config = setStageMode(config, 0, options.mode ?? 'spatial');
  config = setStageGranularity(config, 0, options.S ?? 4);
  config = setStageRate(config, 0, options.rate ?? 0.5);
  return config;
}

/** Counts the ones of a buffer (independent of the code under test). */
export function ones(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i]) n++;
  return n;
}

/** A 224×224 sample image (id 1) with no pixels: for views whose masks the tests give them. */
export function sampleImage(): MaskImage {
  return {
    id: 1,
    name: 'dog.jpg',
    origin: 'sample',
    input: {} as ImageBitmap,
    original: null,
    origWidth: 224,
    origHeight: 224,
    cropBox: { x: 0, y: 0, width: 224, height: 224 },
  };
}
