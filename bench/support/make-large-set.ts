/**
 * Writes a large set summary for the set-view benchmark: the e2e fixture's 240-image summary
 * (ResNet-50, spatial / both / channel / layer) repeated to N rows with jittered rates, in the
 * `summary.npz` format of core/maskset. Prints how long the set worker's own work takes on it
 * (read + overview), in Node. Usage: npx tsx bench/support/make-large-set.ts N OUT_FILE
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMaskSetSummary, writeMaskSetSummary, type MaskSetSummary } from '../../core/maskset';
import { readSummary } from '../../renderer/src/worker/setCompute';

const N = Number(process.argv[2] ?? 50_000);
const out = process.argv[3];
if (!Number.isInteger(N) || N < 1 || !out) {
  console.error('usage: make-large-set.ts N OUT_FILE');
  process.exit(2);
}
const fixture = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'set', 'summary.npz');
const base = readMaskSetSummary(new Uint8Array(readFileSync(fixture)));
if (!base.ok) throw new Error(base.error);
const src = base.summary;
const B = src.blocks.length;

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 4294967296;
};
const rates = {} as MaskSetSummary['rates'];
for (const kind of Object.keys(src.rates) as Array<keyof MaskSetSummary['rates']>) {
  const from = src.rates[kind];
  const to = new Float32Array(N * B);
  for (let i = 0; i < N; i++) {
    const row = i % src.images;
    for (let b = 0; b < B; b++) {
      const v = from[row * B + b]!;
      // Gates stay 0/1; other rates move by up to ±0.05 on a 1/196 grid (as real masks quantise).
      to[i * B + b] =
        Number.isNaN(v) || kind === 'gate'
          ? v
          : Math.min(1, Math.max(0, Math.round((v + (rand() - 0.5) * 0.1) * 196) / 196));
    }
  }
  rates[kind] = to;
}
const pick = <T>(a: ArrayLike<T>, i: number) => a[i % src.images]!;
const summary: MaskSetSummary = {
  ...src,
  images: N,
  rates,
  predicted: Int32Array.from({ length: N }, (_, i) => pick(src.predicted, i)),
  label: Int32Array.from({ length: N }, (_, i) => pick(src.label, i)),
  dumps: Array.from(
    { length: N },
    (_, i) =>
      `${src.classNames[pick(src.label, i)] ?? 'x'}/img${String(i).padStart(5, '0')}.laudmask.npz`,
  ),
  sources: Array.from(
    { length: N },
    (_, i) => `${src.classNames[pick(src.label, i)] ?? 'x'}/img${String(i).padStart(5, '0')}.png`,
  ),
};
const bytes = writeMaskSetSummary(summary);
writeFileSync(out, bytes);

const times: number[] = [];
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  const result = readSummary('large', bytes, []);
  times.push(performance.now() - t0);
  if (!result.ok) throw new Error(result.error);
}
times.sort((a, b) => a - b);
console.log(
  `summary of ${N.toLocaleString('en-US')} images: ${(bytes.length / 2 ** 20).toFixed(1)} MiB; set worker read + overview (Node) median ${times[2]!.toFixed(0)} ms`,
);
