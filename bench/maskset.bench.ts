// Mask-set benchmarks (issue 10). Target: open a 50,000-image set summary < 1 s (issue 10 acceptance 4).
// The summary is generated here with core/maskset's writer (realistic quantised rates, mean maps), then
// opened from its bytes as the app and the CLI do. Also prints what the set view computes after opening.
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  imageFlopsRatios,
  maskSetBlockStats,
  maskSetLatency,
  rankImages,
  readMaskSetSummary,
  writeMaskSetSummary,
} from '../core/maskset';
import { resolveHardware } from '../core/predictor';
import { generateMaskSet } from './maskset-data';

const IMAGES = 50_000;

/** The file's bytes without a copy (as the CLI reads them; a browser File gives an ArrayBuffer too). */
function readBytes(file: string): Uint8Array {
  const b = readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function ms(t0: number): number {
  return performance.now() - t0;
}
function line(label: string, value: number, target: number | null): void {
  const verdict =
    target === null ? '' : ` (target < ${target} ms) ${value < target ? 'ok' : 'SLOW'}`;
  console.log(`${label.padEnd(72)} ${value.toFixed(1).padStart(9)} ms${verdict}`);
}

const dir = mkdtempSync(join(tmpdir(), 'maskset-bench-'));
try {
  for (const [archId, modes, S] of [
    ['resnet50', ['spatial', 'spatial', 'spatial', 'spatial'], [4, 4, 2, 1]],
    ['resnet101', ['spatial', 'both', 'channel', 'layer'], [4, 4, 2, 1]],
  ] as const) {
    const file = join(dir, `${archId}.npz`);
    const made = generateMaskSet(IMAGES, archId, [...modes], [...S]);
    writeFileSync(file, writeMaskSetSummary(made));
    const label = `${archId} ${modes.join('-')}, ${IMAGES} images × ${made.blocks.length} blocks`;
    // First open in this process (cold JIT), then the median of warm opens.
    let t0 = performance.now();
    let r = readMaskSetSummary(readBytes(file));
    line(`${label}: read file + open (first)`, ms(t0), 1000);
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      r = readMaskSetSummary(readBytes(file));
      times.push(ms(t0));
    }
    line(`${label}: read file + open (median of 5)`, times.sort((a, b) => a - b)[2]!, 1000);
    if (!r.ok) throw new Error(r.error);
    const s = r.summary;
    console.log(
      `  ${(readFileSync(file).length / 1048576).toFixed(1)} MB, ${s.images} images read back`,
    );
    t0 = performance.now();
    maskSetBlockStats(s);
    line('  per-block statistics (mean, p10, p50, p90 of every rate)', ms(t0), null);
    t0 = performance.now();
    rankImages(imageFlopsRatios(s));
    line('  per-image FLOPs ratios + ranking', ms(t0), null);
    t0 = performance.now();
    maskSetLatency(s, resolveHardware('v100'));
    line('  latency at the mean rates + per-image latencies (V100, cold predictor)', ms(t0), null);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
