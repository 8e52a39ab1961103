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
    // First open in this process (cold JIT), then the median of warm opens; the file read is timed apart.
    let t0 = performance.now();
    let bytes = readBytes(file);
    const readMs = ms(t0);
    t0 = performance.now();
    let r = readMaskSetSummary(bytes);
    line(`${label}: open (first; file read ${readMs.toFixed(0)} ms before)`, ms(t0), 1000);
    const reads: number[] = [];
    const opens: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      bytes = readBytes(file);
      reads.push(ms(t0));
      const c0 = process.cpuUsage();
      t0 = performance.now();
      r = readMaskSetSummary(bytes);
      opens.push(ms(t0));
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2]!;
    line(`${label}: open (median of 5)`, median(opens), 1000);
    // On a shared, busy machine wall time includes waiting for a core; CPU time does not.
    line(`${label}: open, CPU time (median of 5)`, median(cpu), null);
    line(
      `${label}: read the file + open (median of 5)`,
      median(reads.map((x, k) => x + opens[k]!)),
      1000,
    );
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
