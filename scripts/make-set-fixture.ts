/**
 * Generates the image-set fixture under e2e/fixtures/set/: 240 synthetic images in four class folders
 * (ImageFolder layout), a per-image mask dump for each (saliency-proxy masks of ResNet-50, modes spatial /
 * both / channel / layer, rates that vary with each picture's clutter), and the set summary built from
 * those dumps by core/maskset and written in its `summary.npz` format. Only the dumps of the 8 cheapest
 * and 8 most expensive images are kept on disk (the ones the set view shows with thumbnails), so the
 * fixture stays small; the summary lists every image. Deterministic.
 * Run: npx tsx scripts/make-set-fixture.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBuiltinArchitecture } from '../core/arch';
import type { ReferenceDynMode } from '../core/maskfile';
import { composeMaskDump, encodePngRgb, readMaskDump, writeMaskDump } from '../core/maskfile';
import {
  createMaskSetBuilder,
  imageFlopsRatios,
  rankImages,
  writeMaskSetSummary,
} from '../core/maskset';
import { computeProxyMasks } from '../core/masks/proxy';
import { computeSaliency } from '../core/saliency';

const IMAGES = 240;
const CLASSES = ['bird', 'cat', 'dog', 'fish'];
const KEEP_EACH_END = 8;
const SIZE = 224;
const out = join(import.meta.dirname, '..', 'e2e', 'fixtures', 'set');

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A picture with 1–6 coloured discs and boxes on a gradient; more objects = more clutter. */
function picture(i: number, cls: number): { rgba: Uint8ClampedArray; clutter: number } {
  const rand = prng(1000 + i);
  const objects = 1 + Math.floor(rand() * 6);
  const shapes = Array.from({ length: objects }, () => ({
    x: 20 + rand() * 184,
    y: 20 + rand() * 184,
    r: 10 + rand() * 30,
    box: rand() < 0.5,
    c: [Math.floor(rand() * 255), Math.floor(rand() * 255), Math.floor(rand() * 255)] as const,
  }));
  const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const p = (y * SIZE + x) * 4;
      let c: readonly number[] = [70 + cls * 30 + y / 5, 110 + x / 6, 150 - y / 6];
      for (const s of shapes) {
        const inside = s.box
          ? Math.abs(x - s.x) < s.r && Math.abs(y - s.y) < s.r * 0.7
          : Math.hypot(x - s.x, y - s.y) < s.r;
        if (inside) c = s.c;
      }
      rgba[p] = c[0] ?? 0;
      rgba[p + 1] = c[1] ?? 0;
      rgba[p + 2] = c[2] ?? 0;
      rgba[p + 3] = 255;
    }
  }
  return { rgba, clutter: (objects - 1) / 5 };
}

const arch = findBuiltinArchitecture('resnet50');
if (!arch) throw new Error('resnet50 missing');
const modes: ReferenceDynMode[] = ['spatial', 'both', 'channel', 'layer'];
const spatialGranularity = [8, 4, 7, 7];
const channelGroupSize = [2, 2, 2, 2];

const builder = createMaskSetBuilder();
const files = new Map<number, { path: string; bytes: Uint8Array }>();
for (let i = 0; i < IMAGES; i++) {
  const cls = i % CLASSES.length;
  const className = CLASSES[cls] ?? 'other';
  const { rgba, clutter } = picture(i, cls);
  const saliency = computeSaliency(rgba, SIZE, SIZE);
  const blockRates: Record<string, number> = {};
  let g = 0;
  arch.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.blocks; b++, g++) {
      const base = 0.2 + (0.35 * ((g * 7) % 5)) / 4;
      blockRates[`stage${s + 1}/${b}`] = Math.min(0.95, Math.max(0.05, base + 0.45 * clutter));
    }
  });
  const proxy = computeProxyMasks(saliency, {
    arch,
    modes: modes.map((m) => (m === 'both' ? 'spatial+channel' : m)),
    spatialGranularity,
    channelGroupSize,
    blockRates,
    seed: i,
  });
  const byKey = new Map(proxy.map((p) => [p.key, p]));
  const path = `${className}/img${String(i).padStart(4, '0')}.laudmask.npz`;
  const bytes = writeMaskDump(
    composeMaskDump({
      arch,
      modes,
      spatialGranularity,
      channelGroupSize,
      imagePng: encodePngRgb(rgba, SIZE, SIZE),
      checkpoint: 'synthetic-set-fixture.pth',
      input: { file: `${className}/img${String(i).padStart(4, '0')}.png` },
      masksFor: (block) => {
        const p = byKey.get(block.key);
        return {
          grid: p?.grid?.data,
          logits: p?.gridScore?.data,
          channel: p?.channel ?? undefined,
        };
      },
    }),
  );
  const read = readMaskDump(bytes);
  if (!read.ok) throw new Error(`${path}: ${read.error}`);
  const problem = builder.add(path, read.dump, className);
  if (problem) throw new Error(`${path}: ${problem}`);
  files.set(i, { path, bytes });
}

const summary = builder.finish();
if (!summary) throw new Error('no summary');
const order = rankImages(imageFlopsRatios(summary));
const keep = new Set([
  ...Array.from(order.subarray(0, KEEP_EACH_END)),
  ...Array.from(order.subarray(order.length - KEEP_EACH_END)),
]);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'summary.npz'), writeMaskSetSummary(summary));
for (const i of keep) {
  const file = files.get(i);
  if (!file) continue;
  mkdirSync(join(out, file.path, '..'), { recursive: true });
  writeFileSync(join(out, file.path), file.bytes);
}
console.log(`wrote ${IMAGES} images' summary and ${keep.size} dumps to ${out}`);
