// Mask benchmarks (issue 6). Prints medians (ms) of warm runs.
// Targets: open + decode + validate + draw a 33-block (ResNet-101) dump < 100 ms; recompute proxy masks
// for all 33 blocks on a rate change < 30 ms (saliency map cached, only the top-k and expansion redone).
import { findBuiltinArchitecture } from '../core/arch';
import type { ReferenceDynMode } from '../core/maskfile';
import {
  composeMaskDump,
  computePonderMap,
  encodePngRgb,
  rasterizeOverlay,
  readMaskDump,
  writeMaskDump,
} from '../core/maskfile';
import type { ProxyConfig } from '../core/masks/proxy';
import { computeProxyMasks } from '../core/masks/proxy';
import { computeSaliency, cropToNetworkInput } from '../core/saliency';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function time(label: string, runs: number, fn: (i: number) => void, targetMs: number | null): void {
  fn(-1); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    ts.push(performance.now() - t0);
  }
  const m = median(ts);
  const verdict =
    targetMs === null ? '' : ` (target < ${targetMs} ms) ${m < targetMs ? 'ok' : 'SLOW'}`;
  console.log(`${label.padEnd(76)} median ${m.toFixed(3).padStart(9)} ms${verdict}`);
}

// A 768×576 "photo": smooth gradients with a few objects, enough structure for the saliency map.
const W = 768;
const H = 576;
const photo = new Uint8ClampedArray(W * H * 4);
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 4;
    const disc = Math.hypot(x - 470, y - 230) < 90;
    const box = x > 150 && x < 330 && y > 300 && y < 500;
    photo[i] = disc ? 230 : box ? 40 : 80 + y / 6;
    photo[i + 1] = disc ? 70 : box ? 60 : 110 + ((x * 7 + y * 3) % 23);
    photo[i + 2] = disc ? 50 : box ? 210 : 150 - x / 10;
    photo[i + 3] = 255;
  }
}
const resnet101 = findBuiltinArchitecture('resnet101');
if (!resnet101) throw new Error('resnet101 missing');

let input = cropToNetworkInput(photo, W, H);
time(
  'crop + resize 768×576 → 224×224 (on image load)',
  20,
  () => void (input = cropToNetworkInput(photo, W, H)),
  null,
);
let saliency = computeSaliency(input, 224, 224);
time(
  'spectral-residual saliency 224×224 (on image load)',
  20,
  () => void (saliency = computeSaliency(input, 224, 224)),
  null,
);

const modes: ReferenceDynMode[] = ['spatial', 'spatial', 'spatial', 'spatial'];
const proxyConfig = (rate: number, S: number[]): ProxyConfig => ({
  arch: resnet101,
  modes: ['spatial', 'spatial', 'spatial', 'spatial'],
  spatialGranularity: S,
  channelGroupSize: [2, 2, 2, 2],
  blockRates: {},
  defaultRate: rate,
});

// The saliency map object stays the same across calls, so its pooled grids and rankings are cached.
time(
  'proxy masks on a rate change, ResNet-101 (33 blocks), S = 4-4-2-1',
  50,
  (i) => void computeProxyMasks(saliency, proxyConfig(0.3 + ((i + 1) % 50) / 100, [4, 4, 2, 1])),
  30,
);
time(
  'proxy masks on a rate change, ResNet-101 (33 blocks), S = 1-1-1-1',
  50,
  (i) => void computeProxyMasks(saliency, proxyConfig(0.3 + ((i + 1) % 50) / 100, [1, 1, 1, 1])),
  30,
);

const proxy = new Map(
  computeProxyMasks(saliency, proxyConfig(0.5, [4, 4, 2, 1])).map((m) => [m.key, m]),
);
const dumpBytes = writeMaskDump(
  composeMaskDump({
    arch: resnet101,
    modes,
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    imagePng: encodePngRgb(input, 224, 224),
    masksFor: (block) => ({
      grid: proxy.get(block.key)?.grid?.data,
      logits: proxy.get(block.key)?.gridScore?.data,
    }),
  }),
);
console.log(`ResNet-101 dump: ${(dumpBytes.length / 1024).toFixed(1)} kB`);

time('open + decode + validate a 33-block dump', 30, () => void readMaskDump(dumpBytes), null);
// "Drawing" = what the views compute on opening: the selected block's overlay at 224², its heatmap, the
// filmstrip (33 thumbnails at 64²) and the ponder map at 224².
time(
  'open + decode + validate + draw (overlay, heatmap, 33 thumbnails, ponder)',
  30,
  () => {
    const r = readMaskDump(dumpBytes);
    if (!r.ok) throw new Error(r.error);
    const first = r.dump.blocks[0]!;
    rasterizeOverlay(first);
    rasterizeOverlay(first, { mode: 'score' });
    for (const block of r.dump.blocks) rasterizeOverlay(block, { sidePx: 64 });
    computePonderMap(r.dump.blocks);
  },
  100,
);
time(
  'draw all 33 overlays at full 224² (worst case, no target)',
  20,
  () => {
    const r = readMaskDump(dumpBytes);
    if (r.ok) for (const block of r.dump.blocks) rasterizeOverlay(block);
  },
  null,
);
