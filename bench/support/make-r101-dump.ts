/**
 * Writes a 33-block ResNet-101 mask dump for the dump-open benchmark (bench/ui-dump-open.bench.mjs):
 * spatial masks at S = 4-4-2-1 with their logits, the saliency proxy of a synthetic 224×224 picture at
 * rates that vary per block, the picture embedded as image.png, like a dump of the exporter.
 * Usage: npx tsx bench/support/make-r101-dump.ts OUT_FILE [SEED]
 */
import { writeFileSync } from 'node:fs';
import { findBuiltinArchitecture } from '../../core/arch';
import { composeMaskDump, encodePngRgb, writeMaskDump } from '../../core/maskfile';
import { computeProxyMasks } from '../../core/masks/proxy';
import { computeSaliency } from '../../core/saliency';

const out = process.argv[2];
const seed = Number(process.argv[3] ?? 1);
if (!out || !Number.isFinite(seed)) {
  console.error('usage: make-r101-dump.ts OUT_FILE [SEED]');
  process.exit(2);
}
const arch = findBuiltinArchitecture('resnet101');
if (!arch) throw new Error('resnet101 missing');

// A 224×224 picture: a gradient with a disc and a box whose places depend on the seed.
const side = 224;
const rgba = new Uint8ClampedArray(side * side * 4);
const cx = 60 + ((seed * 37) % 100);
const cy = 70 + ((seed * 53) % 80);
for (let y = 0; y < side; y++) {
  for (let x = 0; x < side; x++) {
    const i = (y * side + x) * 4;
    const disc = Math.hypot(x - cx, y - cy) < 38;
    const box = x > 120 && x < 190 && y > 140 && y < 205;
    rgba[i] = disc ? 230 : box ? 40 : 80 + y / 4;
    rgba[i + 1] = disc ? 70 : box ? 60 : 110 + ((x * 7 + y * 3) % 23);
    rgba[i + 2] = disc ? 50 : box ? 210 : 150 - x / 6;
    rgba[i + 3] = 255;
  }
}
const saliency = computeSaliency(rgba, side, side);
const blockRates: Record<string, number> = {};
arch.stages.forEach((stage, s) => {
  for (let b = 0; b < stage.blocks; b++)
    blockRates[`stage${s + 1}/${b}`] = 0.25 + ((b * 7 + s) % 11) / 20;
});
const proxy = new Map(
  computeProxyMasks(saliency, {
    arch,
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    blockRates,
    defaultRate: 0.5,
  }).map((m) => [m.key, m]),
);
const bytes = writeMaskDump(
  composeMaskDump({
    arch,
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    imagePng: encodePngRgb(rgba, side, side),
    masksFor: (block) => ({
      grid: proxy.get(block.key)?.grid?.data,
      logits: proxy.get(block.key)?.gridScore?.data,
    }),
  }),
);
writeFileSync(out, bytes);
console.log(
  `wrote ${out}: ResNet-101, ${proxy.size} blocks, ${(bytes.length / 1024).toFixed(1)} kB`,
);
