/**
 * Generates the mask-dump fixtures under e2e/fixtures/: good dumps (proxy masks of a synthetic picture,
 * written through the app's own writer) and the corrupt-file corpus e2e/fixtures/bad/, one file per way a
 * dump can be wrong. Deterministic: rerunning gives byte-identical files. Run: npx tsx scripts/make-fixtures.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { ArchitectureSpec } from '../core/arch';
import { findBuiltinArchitecture } from '../core/arch';
import type { MaskDumpContent, ReferenceDynMode } from '../core/maskfile';
import { composeMaskDump, encodePngRgb, writeMaskDump, writeNpy } from '../core/maskfile';
import { computeProxyMasks } from '../core/masks/proxy';
import { computeSaliency } from '../core/saliency';

const root = join(import.meta.dirname, '..', 'e2e', 'fixtures');
const badDir = join(root, 'bad');

/** A 224×224 picture with a few objects on a textured background (no photo needed, no licence). */
function syntheticPicture(): Uint8ClampedArray {
  const size = 224;
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const texture = ((x * 37 + y * 91) % 17) - 8;
      let r = 90 + y / 4 + texture;
      let g = 120 + texture;
      let b = 160 - y / 5 + texture;
      if (Math.hypot(x - 150, y - 80) < 34) [r, g, b] = [225, 60, 40];
      if (x > 30 && x < 95 && y > 120 && y < 190) [r, g, b] = [30, 40, 200];
      if (Math.abs(x - 170 + (y - 170) * 0.5) < 6 && y > 130 && y < 210) [r, g, b] = [250, 240, 90];
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

interface DumpSpec {
  arch: ArchitectureSpec;
  modes: ReferenceDynMode[];
  spatialGranularity: number[];
  channelGroupSize: number[];
}

const picture = syntheticPicture();
const saliency = computeSaliency(picture, 224, 224);
const imagePng = encodePngRgb(picture, 224, 224);

/** Rates that vary from block to block, so that views and tests see distinct values. */
const rateOf = (globalIndex: number) => 0.25 + (0.5 * (globalIndex % 5)) / 4;

function dumpContent(spec: DumpSpec): MaskDumpContent {
  const blockRates: Record<string, number> = {};
  spec.arch.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.blocks; b++) blockRates[`stage${s + 1}/${b}`] = 0;
  });
  Object.keys(blockRates).forEach((key, i) => (blockRates[key] = rateOf(i)));
  const proxy = computeProxyMasks(saliency, {
    arch: spec.arch,
    modes: spec.modes.map((m) => (m === 'both' ? 'spatial+channel' : m)),
    spatialGranularity: spec.spatialGranularity,
    channelGroupSize: spec.channelGroupSize,
    blockRates,
    seed: 7,
  });
  const byKey = new Map(proxy.map((p) => [p.key, p]));
  return composeMaskDump({
    ...spec,
    imagePng,
    checkpoint: 'synthetic-fixture.pth',
    input: { file: 'synthetic-picture.png' },
    masksFor: (block) => {
      const p = byKey.get(block.key);
      return { grid: p?.grid?.data, logits: p?.gridScore?.data, channel: p?.channel ?? undefined };
    },
  });
}

const resnet50 = findBuiltinArchitecture('resnet50');
const resnet101 = findBuiltinArchitecture('resnet101');
if (!resnet50 || !resnet101) throw new Error('built-in architectures missing');

const spatial50: DumpSpec = {
  arch: resnet50,
  modes: ['spatial', 'spatial', 'spatial', 'spatial'],
  spatialGranularity: [4, 4, 2, 1],
  channelGroupSize: [2, 2, 2, 2],
};
const mixed50: DumpSpec = {
  arch: resnet50,
  modes: ['spatial', 'both', 'channel', 'layer'],
  spatialGranularity: [8, 4, 7, 7],
  channelGroupSize: [2, 2, 2, 2],
};

const good = dumpContent(spatial50);
const manifest = good.manifest as Record<string, unknown>;
const model = manifest.model as Record<string, unknown>;
const arrays = good.arrays;
const goodBytes = writeMaskDump(good);

function without<T extends object>(record: T, key: string): T {
  const copy = { ...record } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}
const withManifest = (patch: Record<string, unknown>): MaskDumpContent => ({
  ...good,
  manifest: { ...manifest, ...patch },
});
const withArrays = (patch: MaskDumpContent['arrays']): MaskDumpContent => ({
  ...good,
  arrays: { ...arrays, ...patch },
});
const grid = arrays['stage1/0/spatial'];
if (!grid || grid instanceof Uint8Array) throw new Error('fixture dump lacks stage1/0/spatial');

/** The corpus: file name → bytes. Expected messages live in tests/core/maskfile/badCorpus.test.ts. */
const bad: Record<string, Uint8Array> = {
  'empty.laudmask.npz': new Uint8Array(0),
  'not-a-zip.laudmask.npz': new TextEncoder().encode('This is a text file, not a zip archive.\n'),
  'truncated.laudmask.npz': goodBytes.slice(0, Math.floor(goodBytes.length / 2)),
  'missing-manifest.laudmask.npz': zipSync(
    { 'image.png': imagePng },
    { mtime: new Date(2024, 0, 1) },
  ),
  'manifest-not-json.laudmask.npz': writeMaskDump({
    ...good,
    manifest: undefined,
    extraMembers: {
      'manifest.json': new TextEncoder().encode('{"format": "laudmask", "version": 1,'),
    },
  }),
  'wrong-format.laudmask.npz': writeMaskDump(withManifest({ format: 'onnx-masks' })),
  'wrong-version.laudmask.npz': writeMaskDump(withManifest({ version: 2 })),
  'manifest-invalid.laudmask.npz': writeMaskDump(
    withManifest({ model: { ...model, dyn_mode: ['spatial', 'fast', 'spatial', 'spatial'] } }),
  ),
  'unknown-arch.laudmask.npz': writeMaskDump(
    withManifest({ model: { ...model, arch: 'uni_resnet18' } }),
  ),
  'bad-granularity.laudmask.npz': writeMaskDump(
    withManifest({ model: { ...model, mask_spatial_granularity: [3, 4, 2, 1] } }),
  ),
  'other-arch.laudmask.npz': (() => {
    const r101 = dumpContent({ ...spatial50, arch: resnet101 });
    const m = r101.manifest as Record<string, unknown>;
    return writeMaskDump({
      ...r101,
      manifest: { ...m, model: { ...(m.model as object), arch: 'uni_resnet50' } },
    });
  })(),
  'member-missing.laudmask.npz': writeMaskDump({
    ...good,
    arrays: without(arrays, 'stage2/1/conv1'),
  }),
  'wrong-dtype.laudmask.npz': writeMaskDump(
    withArrays({ 'stage1/0/spatial': { dtype: 'float32', shape: grid.shape, data: grid.data } }),
  ),
  'wrong-shape.laudmask.npz': writeMaskDump(
    withArrays({
      'stage1/0/spatial': { dtype: 'uint8', shape: [1, 7, 7], data: new Uint8Array(49).fill(1) },
    }),
  ),
  'manifest-shape.laudmask.npz': writeMaskDump(
    withManifest({
      arrays: {
        ...(manifest.arrays as object),
        'stage3/2/conv2': { dtype: 'uint8', shape: [1, 28, 28] },
      },
    }),
  ),
  'mask-values.laudmask.npz': writeMaskDump(
    withArrays({
      'stage1/0/spatial': {
        dtype: 'uint8',
        shape: grid.shape,
        data: Array.from(grid.data, (v) => v * 255),
      },
    }),
  ),
  'npy-corrupt.laudmask.npz': writeMaskDump(
    withArrays({
      'stage1/1/conv2': writeNpy({ dtype: 'uint8', shape: [1, 56, 56], data: [] }).slice(0, 200),
    }),
  ),
  'unexpected-member.laudmask.npz': writeMaskDump({
    ...good,
    extraMembers: { 'stage9/0/spatial.npy': writeNpy({ dtype: 'uint8', shape: [1], data: [1] }) },
  }),
  'image-missing.laudmask.npz': writeMaskDump({ ...good, imagePng: undefined }),
  'image-not-png.laudmask.npz': writeMaskDump({
    ...good,
    imagePng: new TextEncoder().encode('GIF89a but actually nothing at all'),
  }),
  'zip-bomb.laudmask.npz': writeMaskDump({
    ...good,
    extraMembers: { 'padding.bin': new Uint8Array(80 * 1024 * 1024) },
  }),
};

mkdirSync(badDir, { recursive: true });
for (const name of readdirSync(badDir)) rmSync(join(badDir, name));
for (const [name, bytes] of Object.entries(bad)) writeFileSync(join(badDir, name), bytes);
writeFileSync(join(root, 'resnet50-spatial.laudmask.npz'), goodBytes);
writeFileSync(join(root, 'resnet50-mixed.laudmask.npz'), writeMaskDump(dumpContent(mixed50)));
// numpy's np.bool_ masks ('|b1') are legal and read as 0/1 (issue 10): the same dump with a bool grid.
writeFileSync(
  join(root, 'resnet50-bool-masks.laudmask.npz'),
  writeMaskDump(
    withArrays({ 'stage1/0/spatial': { dtype: 'bool', shape: grid.shape, data: grid.data } }),
  ),
);
writeFileSync(join(root, 'synthetic-picture.png'), imagePng);
console.log(
  `wrote 3 good dumps, synthetic-picture.png and ${Object.keys(bad).length} bad files under ${root}`,
);
