/**
 * The small dump a fresh page reads once at idle to warm up a dump's first open (see dumpOpen.ts):
 * ResNet-50 with spatial masks at S = 4-4-2-1 (every third cell skipped) over a plain grey picture,
 * deflated like the exporter's dumps. The built file, warmup.laudmask.npz beside this module, is what
 * the page fetches (composing it in the page would cost more than the warm-up saves); regenerate it
 * with `npx tsx scripts/make-warmup-dump.ts` (a test checks that it matches this function).
 */
import { findBuiltinArchitecture } from '../../../core/arch';
import { composeMaskDump, encodePngRgb, writeMaskDump } from '../../../core/maskfile';

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
      weights: 'warm-up',
      masksFor: (_block, arrays) => {
        const cells = arrays.find((a) => a.kind === 'spatial')?.shape.reduce((a, b) => a * b, 1);
        return { grid: Array.from({ length: cells ?? 0 }, (_, i) => (i % 3 === 0 ? 0 : 1)) };
      },
    }),
  );
}
