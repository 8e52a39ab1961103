/**
 * Warm-up of a mask dump's first open, run once at idle after the first number (main.tsx): a small
 * built-in dump goes through the same path as a user's — read in the masks worker (zip, npy, PNG), its
 * masks drawn into the atlas and canvases here — so that the first real dump does not pay for
 * compiling that code on both threads. Nothing reaches the store or the screen.
 */
import { findBuiltinArchitecture } from '../../../core/arch';
import { composeMaskDump, encodePngRgb, writeMaskDump } from '../../../core/maskfile';
import { pixelsCanvas } from '../views/masks/draw';
import { atlasRequest } from '../views/masks/useMaskPipeline';
import { buildMaskAtlas } from '../worker/masksAtlas';
import { masksWorker } from '../worker/masksClient';

/** The built-in dump: ResNet-50 with spatial masks at S = 4-4-2-1 over a plain grey picture. */
export function warmUpDumpBytes(): Uint8Array {
  const arch = findBuiltinArchitecture('resnet50');
  if (!arch) throw new Error('the ResNet-50 architecture is missing');
  const side = arch.inputSize;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(128);
  return writeMaskDump(
    composeMaskDump({
      arch,
      modes: ['spatial', 'spatial', 'spatial', 'spatial'],
      spatialGranularity: [4, 4, 2, 1],
      channelGroupSize: [2, 2, 2, 2],
      imagePng: encodePngRgb(rgba, side, side),
      masksFor: (_block, arrays) => {
        const cells = arrays.find((a) => a.kind === 'spatial')?.shape.reduce((a, b) => a * b, 1);
        return { grid: Array.from({ length: cells ?? 0 }, (_, i) => (i % 3 === 0 ? 0 : 1)) };
      },
    }),
  );
}

let started = false;

/** Reads and draws the built-in dump once per page; failures are ignored (it is only a warm-up). */
export async function warmUpDumpOpen(): Promise<void> {
  if (started) return;
  started = true;
  const result = await masksWorker().openDump(warmUpDumpBytes(), []);
  if (!result.ok) return;
  result.input.close();
  const pixels = buildMaskAtlas(result.dump.blocks, result.dump.ponder, atlasRequest());
  for (const p of [pixels.tiles, pixels.overlays, pixels.ponder, pixels.strips])
    if (p) pixelsCanvas(p.rgba, p.width, p.height);
}
